#include "glow/glow_coupling.h"

#include "glow/bfloat16_preview.h"
#include "glow/relu_in_place.h"
#include "glow/tensor_versions.h"

#include "util/random.h"

namespace flowscope {

GlowCouplingImpl::GlowCouplingImpl(GlowCouplingOptions options) : affine(options.affine()) {
    const int64_t channels = options.channels(), hidden = options.hidden();
    const uint64_t seed = options.seed();
    if (channels % 2 != 0) throw std::invalid_argument("GlowCoupling: channel count must be even");
    // Registered as a Sequential-style "net.0/net.2/net.4" (ReLUs at 1 and 3 hold no state).
    auto net = register_module("net", std::make_shared<torch::nn::Module>());
    conv1 = net->register_module("0", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels / 2, hidden, 3).padding(1)));
    conv2 = net->register_module("2", torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden, hidden, 1)));
    zero = net->register_module("4", ZeroConv2d(hidden, affine ? channels : channels / 2, options.onesPadding()));
    auto gen = makeGenerator(seed);
    torch::NoGradGuard noGrad;
    conv1->weight.copy_(torch::randn(conv1->weight.sizes(), gen) * 0.05);
    conv1->bias.zero_();
    conv2->weight.copy_(torch::randn(conv2->weight.sizes(), gen) * 0.05);
    conv2->bias.zero_();
    for (auto* w : {&conv1->weight, &conv2->weight, &zero->conv->weight})
        w->set_data(w->contiguous(torch::MemoryFormat::ChannelsLast));
}

torch::Tensor GlowCouplingImpl::net(const torch::Tensor& xa) {
    // The conditioner's convolutions run in channels-last layout (oneDNN's fast path on the CPU:
    // ~1.4× for this network); the result comes back in the standard layout.
    // In-place ReLUs (no second copy of each hidden activation): the convolutions' backward
    // needs their inputs, not their outputs. Each feeds one convolution.
    auto h = reluIntoConvolution(conv1->forward(xa.contiguous(torch::MemoryFormat::ChannelsLast)));
    h = reluIntoConvolution(conv2->forward(h));
    return zero->forward(h).contiguous();
}

torch::Tensor GlowCouplingImpl::netBFloat16(const torch::Tensor& xa) {
    auto key = versionKey({conv1->weight, conv1->bias, conv2->weight, conv2->bias});
    if (m_bf16Weights.empty() || key != m_bf16Key || m_bf16Weights[0].device() != xa.device()) {
        m_bf16Weights.clear();
        for (const auto* p : {&conv1->weight, &conv1->bias, &conv2->weight, &conv2->bias})
            m_bf16Weights.push_back(p->to(xa.device(), torch::kBFloat16).contiguous(p->suggest_memory_format()));
        m_bf16Key = std::move(key);
    }
    const auto& w = m_bf16Weights;
    auto x = xa.to(torch::kBFloat16).contiguous(torch::MemoryFormat::ChannelsLast);
    auto h = torch::conv2d(x, w[0], w[1], 1, 1).relu_();
    h = torch::conv2d(h, w[2], w[3]).relu_();
    // ZeroConv2d's folded kernel follows its input's type, so it runs in bfloat16 too.
    return zero->forward(h).to(torch::kFloat).contiguous();
}

torch::Tensor GlowCouplingImpl::decodeNet(const torch::Tensor& ya) {
    if (bfloat16PreviewActive() && !torch::GradMode::is_enabled() && ya.scalar_type() == torch::kFloat)
        return netBFloat16(ya);
    return net(ya);
}

std::pair<torch::Tensor, torch::Tensor> GlowCouplingImpl::encode(const torch::Tensor& x) {
    auto halves = x.chunk(2, 1);
    auto out = net(halves[0]);
    if (!affine) return {torch::cat({halves[0], halves[1] + out}, 1), torch::zeros({x.size(0)}, x.options())};
    auto parts = out.chunk(2, 1);
    auto s = torch::sigmoid(parts[0] + 2.0);
    auto yb = (halves[1] + parts[1]) * s;
    auto logdet = torch::log(s).view({x.size(0), -1}).sum(1);
    return {torch::cat({halves[0], yb}, 1), logdet};
}

torch::Tensor GlowCouplingImpl::decode(const torch::Tensor& y) {
    auto halves = y.chunk(2, 1);
    auto out = decodeNet(halves[0]);
    if (!affine) return torch::cat({halves[0], halves[1] - out}, 1);
    auto parts = out.chunk(2, 1);
    auto s = torch::sigmoid(parts[0] + 2.0);
    return torch::cat({halves[0], halves[1] / s - parts[1]}, 1);
}

}  // namespace flowscope
