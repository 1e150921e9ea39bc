#pragma once

#include "types/flow_config.h"

#include <torch/torch.h>

#include <vector>

namespace flowscope {

/// A [d] float tensor of 1 (kept, conditions) and 0 (transformed). Parity flips it, so stacking
/// parities 0, 1, 0, … transforms every dimension. d = 1 with parity 0 keeps nothing: the single
/// dimension is transformed by an unconditioned scale and shift.
torch::Tensor makeCouplingMask(int64_t dim, MaskPattern pattern, int parity);

/// The mask as 0/1 integers (for geometry overlays).
std::vector<int> maskIndicators(const torch::Tensor& mask);

}  // namespace flowscope
