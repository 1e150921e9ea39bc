#include "glow/glow_block.h"

#include "glow/squeeze.h"
#include "util/random.h"

#include <cmath>

namespace flowscope {

torch::Tensor gaussianLogP(const torch::Tensor& x, const torch::Tensor& mean, const torch::Tensor& logSd) {
    return -0.5 * std::log(2.0 * M_PI) - logSd - 0.5 * (x - mean).pow(2) / torch::exp(2.0 * logSd);
}

GlowBlockImpl::GlowBlockImpl(GlowBlockOptions o) : split(o.split()) {
    const int64_t inChannels = o.inChannels(), squeezed = inChannels * 4;
    flows = register_module("flows", torch::nn::ModuleList());
    for (int64_t k = 0; k < o.steps(); ++k)
        flows->push_back(GlowStep(GlowStepOptions(squeezed)
                                      .hidden(o.hidden())
                                      .affine(o.affine())
                                      .permutation(o.permutation())
                                      .lu(o.lu())
                                      .onesPadding(o.onesPadding())
                                      .seed(deriveSeed(o.seed(), static_cast<uint64_t>(k)))));
    priorNet = register_module("prior", split ? ZeroConv2d(inChannels * 2, inChannels * 4, o.onesPadding())
                                              : ZeroConv2d(inChannels * 4, inChannels * 8, o.onesPadding()));
}

std::pair<torch::Tensor, torch::Tensor> GlowBlockImpl::prior(const torch::Tensor& kept) const {
    auto input = split ? kept : torch::zeros_like(kept);
    auto out = const_cast<ZeroConv2dImpl&>(*priorNet).forward(input).chunk(2, 1);
    return {out[0], out[1]};
}

GlowBlockImpl::Encoded GlowBlockImpl::encode(const torch::Tensor& x) {
    auto out = squeeze2x2(x);
    auto logdet = torch::zeros({x.size(0)}, x.options());
    for (const auto& f : *flows) {
        auto [y, d] = f->as<GlowStepImpl>()->encode(out);
        out = y;
        logdet = logdet + d;
    }
    Encoded e;
    if (split) {
        auto halves = out.chunk(2, 1);
        e.out = halves[0];
        e.z = halves[1];
    } else {
        e.out = out;
        e.z = out;
    }
    auto [mean, logSd] = prior(e.out);
    e.logP = gaussianLogP(e.z, mean, logSd).view({x.size(0), -1}).sum(1);
    e.eps = (e.z - mean) * torch::exp(-logSd);
    e.logdet = logdet;
    return e;
}

torch::Tensor GlowBlockImpl::decode(const torch::Tensor& fromAbove, const torch::Tensor& z, bool reconstruct) {
    torch::Tensor input;
    if (reconstruct) {
        input = split ? torch::cat({fromAbove, z}, 1) : z;
    } else {
        auto [mean, logSd] = prior(fromAbove);
        auto latent = mean + torch::exp(logSd) * z;
        input = split ? torch::cat({fromAbove, latent}, 1) : latent;
    }
    for (size_t k = flows->size(); k-- > 0;) input = flows[k]->as<GlowStepImpl>()->decode(input);
    return unsqueeze2x2(input);
}

}  // namespace flowscope
