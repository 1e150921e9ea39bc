#include "glow/glow_step.h"

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
    return actnorm->decode(invconv->decode(coupling->decode(y)));
}

}  // namespace flowscope
