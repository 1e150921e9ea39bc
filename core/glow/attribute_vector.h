#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

namespace flowscope {

/// A direction in a Glow model's latent space that changes one attribute (Glow, arXiv:1807.03039,
/// §5.2): v = mean z(with) − mean z(without), one tensor per level. Editing adds α·scale·v.
struct AttributeVector {
    std::string name;                   ///< e.g. "Smiling", "Young"
    std::vector<torch::Tensor> levels;  ///< [C_l, H_l, W_l] per level
    int64_t positives = 0, negatives = 0;
    std::string source;  ///< the data it came from
    double scale = 1.0;  ///< slider α ∈ [−1, 1] moves z by α·scale·v
};

}  // namespace flowscope
