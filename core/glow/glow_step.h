#pragma once

#include "glow/act_norm_2d.h"
#include "glow/glow_coupling.h"
#include "glow/invertible_conv.h"
#include "types/glow_config.h"

#include <vector>

namespace flowscope {

struct GlowStepOptions {
    GlowStepOptions(int64_t channels) : channels_(channels) {}
    TORCH_ARG(int64_t, channels);
    TORCH_ARG(int64_t, hidden) = 512;  ///< the coupling's conditioner width
    TORCH_ARG(bool, affine) = true;    ///< affine or additive coupling
    TORCH_ARG(GlowPermutation, permutation) = GlowPermutation::Conv1x1;
    TORCH_ARG(bool, lu) = true;           ///< LU-parameterised 1×1 convolution (false: plain W)
    TORCH_ARG(bool, onesPadding) = true;  ///< the coupling's output convolution pads with 1 (else 0)
    TORCH_ARG(uint64_t, seed) = 0;
};

/// One step of flow: ActNorm → invertible 1×1 convolution (or a fixed permutation) → coupling
/// (arXiv:1807.03039, Fig. 2a). Keys: actnorm.*, invconv.*, coupling.*.
/// Without gradients, decode runs the inverse 1×1 convolution and ActNorm's inverse as one 1×1
/// convolution, diag(1/s)·W⁻¹ with bias −loc (composed in double, cached until either changes).
class GlowStepImpl : public torch::nn::Module {
public:
    explicit GlowStepImpl(GlowStepOptions options);
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x);
    torch::Tensor decode(const torch::Tensor& y);

    ActNorm2d actnorm{nullptr};
    std::shared_ptr<InvertibleConv> invconv;
    GlowCoupling coupling{nullptr};

private:
    torch::Tensor decodeFolded(const torch::Tensor& a);
    torch::Tensor m_foldedWeight, m_foldedBias;
    std::vector<int64_t> m_foldedKey;
};
TORCH_MODULE(GlowStep);

}  // namespace flowscope
