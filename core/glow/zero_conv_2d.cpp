#include "glow/zero_conv_2d.h"

namespace flowscope {

ZeroConv2dImpl::ZeroConv2dImpl(int64_t in, int64_t out, bool ones) : onesPadding(ones) {
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(0)));
    torch::NoGradGuard noGrad;
    conv->weight.zero_();
    conv->bias.zero_();
    scale = register_parameter("scale", torch::zeros({1, out, 1, 1}));
}

torch::Tensor ZeroConv2dImpl::forward(const torch::Tensor& x) {
    if (x.dim() != 4) throw std::invalid_argument("ZeroConv2d expects [B, C, H, W]");
    if (!onesPadding) return torch::conv2d(x, conv->weight, conv->bias, 1, 1) * torch::exp(scale * 3.0);
    const int64_t h = x.size(2), w = x.size(3);
    auto ring = torch::ones({1, 1, h + 2, w + 2}, x.options());
    ring.slice(2, 1, h + 1).slice(3, 1, w + 1).zero_();
    auto border = torch::conv2d(ring, conv->weight.sum(1, /*keepdim=*/true));  // [1, out, H, W]
    return (torch::conv2d(x, conv->weight, conv->bias, 1, 1) + border) * torch::exp(scale * 3.0);
}

}  // namespace flowscope
