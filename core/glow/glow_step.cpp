#include "glow/glow_step.h"

#include "glow/tensor_versions.h"
#include "util/random.h"

namespace flowscope {

GlowStepImpl::GlowStepImpl(GlowStepOptions o) {
    const int64_t channels = o.channels();
    const uint64_t seed = o.seed();
    actnorm = register_module("actnorm", ActNorm2d(channels));
    if (o.permutation() != GlowPermutation::Conv1x1)
        invconv =
            register_module("invconv", std::make_shared<ChannelPermutationImpl>(
                                           channels, o.permutation() == GlowPermutation::Shuffle, deriveSeed(seed, 1)));
    else if (o.lu())
        invconv = register_module("invconv", std::make_shared<InvConvLUImpl>(channels, deriveSeed(seed, 1)));
    else
        invconv = register_module("invconv", std::make_shared<InvConvPlainImpl>(channels, deriveSeed(seed, 1)));
    coupling = register_module("coupling", GlowCoupling(GlowCouplingOptions(channels)
                                                            .hidden(o.hidden())
                                                            .affine(o.affine())
                                                            .onesPadding(o.onesPadding())
                                                            .seed(deriveSeed(seed, 2))));
}

std::pair<torch::Tensor, torch::Tensor> GlowStepImpl::encode(const torch::Tensor& x) {
    auto [a, d0] = actnorm->encode(x);
    auto [b, d1] = invconv->encode(a);
    auto [c, d2] = coupling->encode(b);
    return {c, d0 + d1 + d2};
}

torch::Tensor GlowStepImpl::decode(const torch::Tensor& y) {
    auto a = coupling->decode(y);
    if (!torch::GradMode::is_enabled()) return decodeFolded(a);
    return actnorm->decode(invconv->decode(a));
}

torch::Tensor GlowStepImpl::decodeFolded(const torch::Tensor& a) {
    std::vector<torch::Tensor> sources{actnorm->scale, actnorm->loc};
    for (const auto& t : invconv->parameters()) sources.push_back(t);
    for (const auto& t : invconv->buffers()) sources.push_back(t);
    auto key = versionKey(sources);
    key.push_back(static_cast<int64_t>(a.scalar_type()));
    if (!m_foldedWeight.defined() || key != m_foldedKey || m_foldedWeight.device() != a.device()) {
        // x = W⁻¹a / s − loc, so x_i = Σ_j (W⁻¹_ij / s_i) a_j − loc_i.
        auto inverse = torch::inverse(invconv->weight().detach().to(torch::kFloat64));
        auto s = actnorm->scale.detach().to(torch::kFloat64).view({-1, 1});
        const int64_t c = inverse.size(0);
        m_foldedWeight = (inverse / s).to(a.options()).view({c, c, 1, 1});
        m_foldedBias = (-actnorm->loc.detach()).reshape({c}).to(a.options());
        m_foldedKey = std::move(key);
    }
    return torch::conv2d(a, m_foldedWeight, m_foldedBias);
}

}  // namespace flowscope
