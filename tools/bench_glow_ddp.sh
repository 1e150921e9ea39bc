#!/usr/bin/env bash
# Data-parallel scaling of Glow training through torchrun + c10d (Gloo on CPUs, NCCL on GPUs):
# images/s of one process, then of N processes under torchrun, each process with one thread (CPU)
# or one GPU, the same per-process batch, the same architecture and steps. Prints one JSON line.
#   tools/bench_glow_ddp.sh [--procs N] [--size S] [--levels L] [--steps K] [--hidden H]
#                           [--batch B] [--iters I] [--device cpu|cuda]
# Defaults: 2 processes, 32 px, L 3, K 8, hidden 128, batch 16, 120 iterations, cpu.
set -euo pipefail
cd "$(dirname "$0")/.."
procs=2 size=32 levels=3 steps=8 hidden=128 batch=16 iters=120 device=cpu
while [ $# -gt 0 ]; do
  case "$1" in
    --procs) procs=$2 ;; --size) size=$2 ;; --levels) levels=$2 ;; --steps) steps=$2 ;;
    --hidden) hidden=$2 ;; --batch) batch=$2 ;; --iters) iters=$2 ;; --device) device=$2 ;;
    *) echo "bench_glow_ddp: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift 2
done
cli=${FLOWSCOPE_BUILD_DIR:-build}/flowscope-cli
[ -x "$cli" ] || { echo "bench_glow_ddp: $cli is not built (cmake --build build)" >&2; exit 2; }
command -v torchrun >/dev/null || { echo "bench_glow_ddp: torchrun is missing (apt-get install python3-torch)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_NUM_THREADS=1
train=(glow train --data faces --size "$size" --levels "$levels" --steps "$steps" --hidden "$hidden"
       --batch "$batch" --iters "$iters" --device "$device" --threads 1 --seed 1)
# A failed run shows its log before the work folder goes.
"$cli" "${train[@]}" --out "$work/one.fsm" >"$work/one.out" 2>"$work/one.log" || { cat "$work/one.log" >&2; exit 1; }
tail -n 1 "$work/one.out" >"$work/one.json"
# --redirects 1 --tee 1: Debian 12's torchrun 1.13 fails at start on Python 3.11 without them.
torchrun --nproc_per_node "$procs" --master_port "$((29600 + RANDOM % 1000))" --redirects 1 --tee 1 \
  --no_python "$cli" "${train[@]}" --out "$work/many.fsm" >"$work/many.log" 2>&1 || { cat "$work/many.log" >&2; exit 1; }
grep -o '{.*"world_size".*}' "$work/many.log" | tail -n 1 >"$work/many.json" || true
python3 - "$work/one.json" "$work/many.json" "$procs" "$size" "$levels" "$steps" "$hidden" "$batch" "$iters" "$device" <<'PY'
import json, os, sys
one, many = (json.load(open(p)) for p in sys.argv[1:3])
procs, size, levels, steps, hidden, batch, iters = map(int, sys.argv[3:10])
print(json.dumps({
    "benchmark": "glow-ddp", "device": sys.argv[10], "cores": os.cpu_count(),
    "size": size, "levels": levels, "steps": steps, "hidden": hidden,
    "batch_per_process": batch, "iterations": iters, "processes": procs,
    "one_process_images_per_s": one["images_per_s"],
    "processes_images_per_s": many["images_per_s"], "world_size": many["world_size"],
    "speedup": many["images_per_s"] / one["images_per_s"],
}))
PY
