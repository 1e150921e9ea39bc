#!/usr/bin/env bash
# libFuzzer runs of the file loaders (tests/fuzz): `./tools/fuzz.sh SECONDS [TARGET...]` builds
# the targets with clang, AddressSanitizer and UBSan in build-fuzz/ (FLOWSCOPE_FUZZ_BUILD_DIR
# overrides, relative to the repository root), then runs each for SECONDS and prints its
# executions, corpus and crashes.
# Idempotent: a second run rebuilds only what changed and continues from the corpus kept in
# <build>/corpus/<target>/. A crash, leak, timeout or out-of-memory leaves its reproducer in
# <build>/crashes/<target>/ and makes the script exit 1 at the end; 2 means a tool is missing.
# Reproduce one: <build>/<target> <build>/crashes/<target>/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: tools/fuzz.sh SECONDS [TARGET...]   (seconds per target)" >&2
  exit 2
fi
seconds=$1
shift

# Tools: reported, never installed here.
need() {  # need <command> <Debian package>
  command -v "$1" >/dev/null 2>&1 || { echo "fuzz: $1 not found: install the Debian package $2" >&2; exit 2; }
}
need clang++-14 clang-14
need cmake cmake
runtime=$(clang++-14 -print-runtime-dir 2>/dev/null || true)
for lib in fuzzer asan; do
  if [ ! -f "$runtime/libclang_rt.$lib-x86_64.a" ]; then
    echo "fuzz: clang's libFuzzer/sanitizer runtimes are missing ($runtime/libclang_rt.$lib-x86_64.a):" \
         "install the Debian package libclang-rt-14-dev" >&2
    exit 2
  fi
done

build=${FLOWSCOPE_FUZZ_BUILD_DIR:-build-fuzz}
mkdir -p "$build"
build=$(cd "$build" && pwd)
[ -f "$build/CMakeCache.txt" ] || cmake -S tests/fuzz -B "$build" -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j2

mapfile -t all_targets < "$build/fuzz_targets.txt"
targets=("${all_targets[@]}")
if [ $# -gt 0 ]; then
  for t in "$@"; do
    printf '%s\n' "${all_targets[@]}" | grep -qx "$t" || { echo "fuzz: no target '$t' (${all_targets[*]})" >&2; exit 2; }
  done
  targets=("$@")
fi

# Seed corpora, assembled afresh each run: the hand-made seeds in tests/fuzz/seeds/<target>/ and
# the reference checkpoints in ../shared/fixtures (never ../shared/datasets).
shared=${FLOWSCOPE_SHARED_DIR:-$root/../shared}
fixtures=()
if [ -d "$shared/fixtures" ]; then
  mapfile -t fixtures < <(find "$shared/fixtures" -mindepth 3 -maxdepth 3 -type f \
    \( -name model.pt -o -name reference.pt -o -name glow_model_40.pt \) | sort)
fi
[ ${#fixtures[@]} -gt 0 ] || echo "fuzz: no fixtures in $shared/fixtures; seeding from tests/fuzz/seeds only"
seed_name() {  # fixtures/glow-pytorch/affine-lu-L3K1-16px/model.pt -> glow-pytorch_affine-lu-L3K1-16px_model.pt
  local rel=${1#"$shared/fixtures/"}
  echo "${rel//\//_}"
}
assemble_seeds() {  # assemble_seeds <target> <folder>
  local t=$1 dir=$2 f
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ -d "tests/fuzz/seeds/$t" ]; then cp tests/fuzz/seeds/"$t"/* "$dir"/; fi
  [ ${#fixtures[@]} -gt 0 ] || return 0
  case $t in
    fuzz_torch_save | fuzz_zip_directory)
      for f in "${fixtures[@]}"; do cp "$f" "$dir/$(seed_name "$f")"; done
      chmod -R u+w "$dir" ;;  # the fixtures are read-only
    fuzz_pickle_reader)
      if ! command -v python3 >/dev/null 2>&1; then
        echo "fuzz: python3 not found: $t gets no data.pkl from the fixtures"
        return 0
      fi
      for f in "${fixtures[@]}"; do
        # data.pkl of a zip checkpoint; the pickle streams that open a legacy (pre-1.6) one.
        python3 - "$f" "$dir/$(seed_name "$f")" <<'PY'
import io, pickletools, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
if zipfile.is_zipfile(src):
    with zipfile.ZipFile(src) as z:
        for name in z.namelist():
            if name.endswith("/data.pkl"):
                open(out + ".data.pkl", "wb").write(z.read(name))
else:
    data, pos = open(src, "rb").read(), 0
    for k in range(5):
        try:
            end = pos + max(p for op, _, p in pickletools.genops(io.BytesIO(data[pos:]))) + 1
        except Exception:
            break
        open(out + ".%d.pkl" % k, "wb").write(data[pos:end])
        pos = end
PY
      done ;;
  esac
}

export OMP_NUM_THREADS=1
# LeakSanitizer stays on (libFuzzer checks every input that allocates more than it frees): what
# LibTorch and Qt keep for the process is still reachable at exit, so no suppressions are needed.
export ASAN_OPTIONS=${ASAN_OPTIONS:-symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0
failed=0
for t in "${targets[@]}"; do
  seeds=$build/seeds/$t
  corpus=$build/corpus/$t
  crashes=$build/crashes/$t
  log=$build/logs/$t.log
  assemble_seeds "$t" "$seeds"
  mkdir -p "$corpus" "$crashes" "$build/logs"
  # libFuzzer cuts inputs at 1 MiB (glow-pytorch's 5.7 MB model.pt among them): whole, such
  # seeds fill the corpus with megabyte inputs and slow fuzz_torch_save some 25-fold.
  # FLOWSCOPE_FUZZ_MAX_LEN=<bytes> raises the cut.
  extra=()
  [ -z "${FLOWSCOPE_FUZZ_MAX_LEN:-}" ] || extra+=("-max_len=$FLOWSCOPE_FUZZ_MAX_LEN")
  marker=$(mktemp)
  rc=0
  "$build/$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "${extra[@]}" "$corpus" "$seeds" > "$log" 2>&1 || rc=$?
  executions=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  size=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  [ -n "$size" ] || size=$(find "$corpus" -type f | wc -l)
  found=$(find "$crashes" -type f -newer "$marker" | wc -l)
  rm -f "$marker"
  echo "fuzz $t: ${executions:-0} executions, corpus $size inputs, $found crashes"
  if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
    failed=$((failed + 1))
    echo "fuzz $t: FAILED (libFuzzer exit $rc): reproducer in $crashes/, log $log"
    grep -m 3 -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: )|runtime error' "$log" | sed 's/^/  /' || true
  else
    passed=$((passed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
