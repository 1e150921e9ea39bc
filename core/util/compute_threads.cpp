#include "util/compute_threads.h"

#include <torch/torch.h>

#include <dlfcn.h>

namespace flowscope {

void setComputeThreads(int threads) {
    torch::set_num_threads(threads);
    // Looked up at run time: the BLAS behind LibTorch may not be OpenBLAS at all.
    using SetThreads = void (*)(int);
    if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(threads);
}

}  // namespace flowscope
