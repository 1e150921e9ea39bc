#pragma once

#include <torch/torch.h>

#include <vector>

namespace flowscope {

/// Glow's zero-initialised output convolution: pad the input with the value 1 (as
/// glow-pytorch does; `onesPadding` false: with 0, as y0ast/Glow-PyTorch and openai/glow do),
/// 3×3 convolution without padding, then multiply by exp(3·scale).
/// Computed without the padded copy: conv(pad₁(x)) = conv(pad₀(x)) + conv(pad₁(0)), and the
/// second term, the same for every image, is a one-channel convolution of the ring of ones with
/// the kernel summed over input channels.
/// Weight, bias and scale start at zero, so a fresh coupling layer or prior is the identity /
/// a standard normal. Keys: conv.weight, conv.bias, scale.
/// Without gradients (sampling, encoding, edits) exp(3·scale) is folded into the kernel and the
/// bias and border into one offset, cached until a parameter or the image size changes: one
/// convolution and one addition instead of about ten operators.
class ZeroConv2dImpl : public torch::nn::Module {
public:
    ZeroConv2dImpl(int64_t in, int64_t out, bool onesPadding = true);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d conv{nullptr};
    torch::Tensor scale;
    bool onesPadding;

private:
    torch::Tensor forwardFolded(const torch::Tensor& x);
    torch::Tensor m_foldedWeight, m_foldedOffset;  ///< kernel·exp(3·scale); (bias + border)·exp(3·scale)
    torch::Tensor m_lowWeight, m_lowOffset;        ///< the fold cast to another input type (bfloat16 preview)
    std::vector<int64_t> m_foldedKey;
};
TORCH_MODULE(ZeroConv2d);

}  // namespace flowscope
