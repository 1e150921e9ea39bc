#!/usr/bin/env bash
# FlowScope on a Debian 12 machine: install what is missing, build, then run the explorer
# (`./tools/flowscope.sh [explorer options]`) or every test (`./tools/flowscope.sh test`).
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=run
if [ "${1:-}" = "test" ]; then mode=test; shift; fi

packages=(build-essential cmake pkg-config qt6-base-dev libqcustomplot-dev libeigen3-dev
          zlib1g-dev libgif-dev libtorch-dev libgloo-dev libopenblas0-pthread dataset-fashion-mnist xvfb xauth
          qt6-tools-dev qt6-l10n-tools qt6-translations-l10n fonts-noto-cjk)
# libgif-dev: animated GIF export. dataset-fashion-mnist: the built-in real images (IDX files under /usr/share/datasets/fashion-mnist).
# libgloo-dev: the headers of c10d's Gloo backend (data-parallel training on CPUs; Debian's
# libtorch-dev ships the library inside libtorch but not these headers).
# qt6-tools-dev + qt6-l10n-tools build the Chinese interface (lrelease); qt6-translations-l10n
# translates Qt's own dialogs; fonts-noto-cjk draws Chinese where no CJK font is installed.
# The tests also fuzz the file loaders with clang's libFuzzer (tools/fuzz.sh) and check the one
# code style (.clang-format).
# python3-torch brings torchrun, which the distributed test launches flowscope-cli with.
if [ "$mode" = test ]; then packages+=(clang-14 libclang-rt-14-dev clang-format-14 python3-torch); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "flowscope: installing ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

build=${FLOWSCOPE_BUILD_DIR:-build}
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j2

if [ "$mode" = run ]; then
  if [ -x "$build/flowscope" ]; then
    exec "$build/flowscope" "$@"
  fi
  # Until the explorer lands: the headless demo of the same defaults.
  "$build/flowscope-cli" train2d --target U1 --flow planar --layers 32 --steps 5000 --out "$build/demo-u1.fsm"
  exec "$build/flowscope-cli" density2d --model "$build/demo-u1.fsm" --grid 256 --out "$build/demo-u1"
fi

# Tests: the code style first (seconds); the whole suite; then the file loaders and the monkey
# soak again under AddressSanitizer + UBSan; then every loader fuzzed briefly
# (FLOWSCOPE_FUZZ_SECONDS a target, default 20).
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format-14 --dry-run --Werror
else
  find app core widgets tests examples \( -name '*.cpp' -o -name '*.h' \) -print0 | xargs -0 clang-format-14 --dry-run --Werror
fi
(cd "$build" && ctest --output-on-failure -j2 "$@")
asan=${FLOWSCOPE_ASAN_BUILD_DIR:-build-asan}
# An older build-asan was configured without the GUI; the soak needs it.
if [ -f "$asan/CMakeCache.txt" ] && grep -q "FLOWSCOPE_BUILD_GUI:BOOL=OFF" "$asan/CMakeCache.txt"; then
  cmake -S . -B "$asan" -DFLOWSCOPE_BUILD_GUI=ON
fi
[ -f "$asan/CMakeCache.txt" ] || cmake -S . -B "$asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLOWSCOPE_SANITIZE=ON
cmake --build "$asan" -j2 --target flowscope_sanitized_tests
(cd "$asan" && ASAN_OPTIONS=detect_leaks=0 ctest --output-on-failure -L sanitized)
# Builds without Qt Widgets (GPU servers) must configure: core, the CLI and their tests only.
nogui=${FLOWSCOPE_NOGUI_BUILD_DIR:-build-nogui}
cmake -S . -B "$nogui" -DFLOWSCOPE_BUILD_GUI=OFF >/dev/null
./tools/fuzz.sh "${FLOWSCOPE_FUZZ_SECONDS:-20}"
