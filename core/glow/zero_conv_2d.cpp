#include "glow/zero_conv_2d.h"

#include "glow/tensor_versions.h"

namespace flowscope {

ZeroConv2dImpl::ZeroConv2dImpl(int64_t in, int64_t out, bool ones) : onesPadding(ones) {
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(0)));
    torch::NoGradGuard noGrad;
    conv->weight.zero_();
    conv->bias.zero_();
    scale = register_parameter("scale", torch::zeros({1, out, 1, 1}));
}

namespace {

/// conv(pad₁(0)) for an H×W input: the kernel summed over input channels, convolved with the
/// ring of ones around an H×W hole. [1, out, H, W].
torch::Tensor onesBorder(const torch::Tensor& weight, int64_t h, int64_t w, const torch::TensorOptions& options) {
    auto ring = torch::ones({1, 1, h + 2, w + 2}, options);
    ring.slice(2, 1, h + 1).slice(3, 1, w + 1).zero_();
    return torch::conv2d(ring, weight.sum(1, /*keepdim=*/true));
}

}  // namespace

torch::Tensor ZeroConv2dImpl::forward(const torch::Tensor& x) {
    if (x.dim() != 4) throw std::invalid_argument("ZeroConv2d expects [B, C, H, W]");
    if (!torch::GradMode::is_enabled()) return forwardFolded(x);
    if (!onesPadding) return torch::conv2d(x, conv->weight, conv->bias, 1, 1) * torch::exp(scale * 3.0);
    auto border = onesBorder(conv->weight, x.size(2), x.size(3), x.options());
    return (torch::conv2d(x, conv->weight, conv->bias, 1, 1) + border) * torch::exp(scale * 3.0);
}

torch::Tensor ZeroConv2dImpl::forwardFolded(const torch::Tensor& x) {
    auto key = versionKey({conv->weight, conv->bias, scale});
    key.insert(key.end(), {x.size(2), x.size(3)});
    if (!m_foldedWeight.defined() || key != m_foldedKey || m_foldedWeight.device() != x.device()) {
        const int64_t out = conv->weight.size(0);
        auto gain = torch::exp(scale * 3.0).view({out, 1, 1, 1});
        m_foldedWeight = (conv->weight * gain).contiguous(conv->weight.suggest_memory_format()).to(x.device());
        auto offset = conv->bias.view({1, out, 1, 1});
        if (onesPadding) offset = offset + onesBorder(conv->weight, x.size(2), x.size(3), conv->weight.options());
        m_foldedOffset = (offset * gain.view({1, out, 1, 1})).to(x.device());
        m_foldedKey = std::move(key);
        m_lowWeight = torch::Tensor();
    }
    if (x.scalar_type() == m_foldedWeight.scalar_type())
        return torch::conv2d(x, m_foldedWeight, {}, 1, 1).add_(m_foldedOffset);
    // A bfloat16 preview: the same fold, rounded once.
    if (!m_lowWeight.defined() || m_lowWeight.scalar_type() != x.scalar_type()) {
        m_lowWeight = m_foldedWeight.to(x.scalar_type()).contiguous(m_foldedWeight.suggest_memory_format());
        m_lowOffset = m_foldedOffset.to(x.scalar_type());
    }
    return torch::conv2d(x, m_lowWeight, {}, 1, 1).add_(m_lowOffset);
}

}  // namespace flowscope
