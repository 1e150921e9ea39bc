#!/bin/bash
# Builds FlowScope's Qt-free core and tools/device_check/cuda_bench.cpp against the LibTorch inside
# this machine's PyTorch (python3 -c "import torch") and runs the GPU checks and benchmarks.
# The CLI and the app need Qt 6, which GPU machines without a package archive lack.
# EIGEN_DIR: Eigen's headers (default /usr/include/eigen3); results also go to $OUT/cuda_bench.txt.
set -x
cd "$(dirname "$0")/../.."
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
TORCH=$(python3 -c "import torch, os; print(os.path.dirname(torch.__file__))")
ABI=$(python3 -c "import torch; print(int(torch.compiled_with_cxx11_abi()))")
python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda)"
g++ --version | head -1; nproc
INC="-Icore -I${EIGEN_DIR:-/usr/include/eigen3} -I$TORCH/include -I$TORCH/include/torch/csrc/api/include"
FLAGS="-O2 -std=c++17 -fopenmp -march=native -D_GLIBCXX_USE_CXX11_ABI=$ABI -w"
mkdir -p /tmp/obj
# Every Qt-free core folder (flowscope_core's libraries; core/io needs Qt).
SRCS=$(ls core/{util,targets,flow,faces,analysis,infinitesimal,fast,train,glow,vae,distributed}/*.cpp)
# c10d's backends, as core/CMakeLists.txt finds them: Gloo's headers inside the wheel's include
# folder, NCCL's from the nvidia-nccl wheel.
[ -f "$TORCH/include/gloo/context.h" ] && FLAGS="$FLAGS -DUSE_C10D_GLOO"
NCCL_INC=$(python3 -c "import nvidia.nccl, os; print(os.path.join(list(nvidia.nccl.__path__)[0], 'include'))" 2>/dev/null || true)
[ -n "$NCCL_INC" ] && [ -f "$NCCL_INC/nccl.h" ] && { FLAGS="$FLAGS -DUSE_C10D_NCCL"; INC="$INC -I$NCCL_INC"; }
start=$(date +%s)
printf '%s\n' $SRCS | xargs -P 16 -I{} sh -c 'g++ '"$FLAGS $INC"' -c {} -o /tmp/obj/$(echo {} | tr / _).o || echo "FAILED {}"' 2>&1 | grep -v "^$" | head -60
g++ $FLAGS $INC -c tools/device_check/cuda_bench.cpp -o /tmp/obj/bench.o 2>&1 | head -30
g++ -o /tmp/cuda_bench /tmp/obj/*.o -fopenmp -L$TORCH/lib -Wl,-rpath,$TORCH/lib -Wl,--no-as-needed -ltorch -ltorch_cuda -ltorch_cpu -lc10_cuda -lc10 -Wl,--as-needed -ldl -lpthread 2>&1 | head -30
echo "build seconds: $(( $(date +%s) - start ))"
timeout 240 /tmp/cuda_bench 2>&1 | tee ${OUT:-/tmp}/cuda_bench.txt
