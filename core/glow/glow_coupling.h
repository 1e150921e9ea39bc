#pragma once

#include "glow/zero_conv_2d.h"

#include <torch/torch.h>

#include <vector>

namespace flowscope {

struct GlowCouplingOptions {
    GlowCouplingOptions(int64_t channels) : channels_(channels) {}
    TORCH_ARG(int64_t, channels);         ///< even: split in halves
    TORCH_ARG(int64_t, hidden) = 512;     ///< conditioner width
    TORCH_ARG(bool, affine) = true;       ///< false: additive
    TORCH_ARG(bool, onesPadding) = true;  ///< the output convolution's padding value (ZeroConv2d)
    TORCH_ARG(uint64_t, seed) = 0;
};

/// Glow's coupling layer on channels (arXiv:1807.03039, §3.3), exactly as glow-pytorch computes
/// it: x = (x_a, x_b) split in channel halves, NN = conv3×3 → ReLU → conv1×1 → ReLU → ZeroConv2d.
///   affine:   (h, t) = NN(x_a), s = sigmoid(h + 2), y_b = (x_b + t)·s,  log|det| = Σ log s
///   additive: y_b = x_b + NN(x_a),                                     log|det| = 0
/// Keys: net.0.{weight,bias}, net.2.{weight,bias}, net.4.{conv.weight,conv.bias,scale}.
class GlowCouplingImpl : public torch::nn::Module {
public:
    explicit GlowCouplingImpl(GlowCouplingOptions options);
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x);
    torch::Tensor decode(const torch::Tensor& y);

    bool affine;
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    ZeroConv2d zero{nullptr};

private:
    torch::Tensor net(const torch::Tensor& xa);
    /// net in bfloat16 (BFloat16PreviewGuard, decode only, no gradients), float32 out.
    torch::Tensor netBFloat16(const torch::Tensor& xa);
    /// Conditioner output in float32 for decode: bfloat16 under a preview guard.
    torch::Tensor decodeNet(const torch::Tensor& ya);

    std::vector<torch::Tensor> m_bf16Weights;  ///< conv1/conv2 weight and bias in bfloat16
    std::vector<int64_t> m_bf16Key;
};
TORCH_MODULE(GlowCoupling);

}  // namespace flowscope
