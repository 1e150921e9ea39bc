#pragma once

namespace flowscope {

/// Sets how many CPU threads LibTorch's kernels may use, and tells OpenBLAS the same: LibTorch
/// 1.13 does not pass its thread count on to OpenBLAS, whose pthread build otherwise runs every
/// matrix product on all cores (and spins there), so "--threads 1" would not mean one thread.
void setComputeThreads(int threads);

}  // namespace flowscope
