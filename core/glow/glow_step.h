#pragma once

#include "glow/act_norm_2d.h"
#include "glow/glow_coupling.h"
#include "glow/invertible_conv.h"

namespace flowscope {

/// One step of flow: ActNorm → invertible 1×1 convolution → coupling (arXiv:1807.03039, Fig. 2a).
/// Keys: actnorm.*, invconv.*, coupling.*.
class GlowStepImpl : public torch::nn::Module {
public:
    GlowStepImpl(int64_t channels, int64_t hidden, bool affine, bool lu, uint64_t seed);
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x);
    torch::Tensor decode(const torch::Tensor& y);

    ActNorm2d actnorm{nullptr};
    std::shared_ptr<InvertibleConv> invconv;
    GlowCoupling coupling{nullptr};
};
TORCH_MODULE(GlowStep);

}  // namespace flowscope
