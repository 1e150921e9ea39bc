#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

namespace flowscope {

/// Which dimensions a coupling layer keeps (they condition the others).
enum class MaskPattern {
    Half,         ///< keeps the first ⌊d/2⌋ dimensions (parity 1: the rest)
    Alternating,  ///< keeps the odd indices (parity 1: the even ones)
};

/// A [d] float tensor of 1 (kept, conditions) and 0 (transformed). Parity flips it, so stacking
/// parities 0, 1, 0, … transforms every dimension. d = 1 with parity 0 keeps nothing: the single
/// dimension is transformed by an unconditioned scale and shift.
torch::Tensor makeCouplingMask(int64_t dim, MaskPattern pattern, int parity);

/// The mask as 0/1 integers (for geometry overlays).
std::vector<int> maskIndicators(const torch::Tensor& mask);

MaskPattern maskPatternFromString(const std::string& name);
std::string toString(MaskPattern pattern);

}  // namespace flowscope
