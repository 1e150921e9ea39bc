#include "glow/glow_model.h"

#include "glow/glow_parameter_shapes.h"

#include "util/random.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

GlowModelImpl::GlowModelImpl(GlowConfig config, uint64_t seed) : m_config(config) {
    validate(m_config);
    blocks = register_module("blocks", torch::nn::ModuleList());
    int64_t channels = m_config.inChannels;
    for (int64_t l = 0; l < m_config.levels; ++l) {
        const bool last = l + 1 == m_config.levels;
        const bool lu = last && m_config.luInLastLevel ? true : m_config.lu;
        blocks->push_back(GlowBlock(GlowBlockOptions(channels)
                                        .steps(m_config.steps)
                                        .hidden(m_config.hidden)
                                        .affine(m_config.affine)
                                        .permutation(m_config.permutation)
                                        .lu(lu)
                                        .onesPadding(m_config.onesPadding)
                                        .split(!last)
                                        .seed(deriveSeed(seed, static_cast<uint64_t>(l)))));
        channels *= 2;
    }
}

torch::Device GlowModelImpl::device() const {
    for (const auto& p : parameters()) return p.device();
    return torch::kCPU;
}

std::vector<int64_t> GlowModelImpl::latentShape(int64_t level) const { return glowLatentShape(m_config, level); }

GlowModelImpl::Encoded GlowModelImpl::encode(const torch::Tensor& x) {
    const auto& c = m_config;
    if (x.dim() != 4 || x.size(1) != c.inChannels || x.size(2) != c.imageSize || x.size(3) != c.imageSize)
        throw std::invalid_argument("Glow expects images of shape [B, " + std::to_string(c.inChannels) + ", " +
                                    std::to_string(c.imageSize) + ", " + std::to_string(c.imageSize) + "]");
    Encoded e;
    e.logP = torch::zeros({x.size(0)}, x.options());
    e.logdet = torch::zeros({x.size(0)}, x.options());
    auto out = x;
    for (const auto& b : *blocks) {
        auto r = b->as<GlowBlockImpl>()->encode(out);
        out = r.out;
        e.logP = e.logP + r.logP;
        e.logdet = e.logdet + r.logdet;
        e.zs.push_back(r.z);
        e.eps.push_back(r.eps);
        e.levelLogP.push_back(r.logP);
        e.levelLogdet.push_back(r.logdet);
    }
    return e;
}

torch::Tensor GlowModelImpl::decode(const std::vector<torch::Tensor>& zs) {
    if (zs.size() != blocks->size())
        throw std::invalid_argument("Glow::decode: expected " + std::to_string(blocks->size()) + " latents, got " +
                                    std::to_string(zs.size()));
    torch::Tensor input;
    for (size_t i = blocks->size(); i-- > 0;) input = blocks[i]->as<GlowBlockImpl>()->decode(input, zs[i], true);
    return input;
}

torch::Tensor GlowModelImpl::decodeNoise(const std::vector<torch::Tensor>& eps) {
    if (eps.size() != blocks->size())
        throw std::invalid_argument("Glow::decodeNoise: expected " + std::to_string(blocks->size()) + " noise tensors");
    // The top level's prior ignores its input; give it a tensor of the right shape.
    torch::Tensor input = torch::zeros_like(eps.back());
    for (size_t i = blocks->size(); i-- > 0;) input = blocks[i]->as<GlowBlockImpl>()->decode(input, eps[i], false);
    return input;
}

torch::Tensor GlowModelImpl::decodeResampled(const std::vector<torch::Tensor>& eps, int64_t level,
                                             const torch::Tensor& fresh) {
    if (eps.size() != blocks->size() || level < 0 || level >= static_cast<int64_t>(eps.size()))
        throw std::invalid_argument("Glow::decodeResampled: bad latents or level");
    const int64_t n = fresh.size(0);
    std::vector<torch::Tensor> mixed;
    for (size_t i = 0; i < eps.size(); ++i) {
        const auto& e = static_cast<int64_t>(i) == level ? fresh : eps[i];
        mixed.push_back(e.size(0) == n ? e : e.expand({n, e.size(1), e.size(2), e.size(3)}).contiguous());
    }
    return decodeNoise(mixed);
}

std::vector<torch::Tensor> GlowModelImpl::noise(int64_t n, torch::Generator& gen) const {
    std::vector<torch::Tensor> out;
    for (int64_t l = 0; l < m_config.levels; ++l) {
        auto shape = latentShape(l);
        out.push_back(torch::randn({n, shape[0], shape[1], shape[2]}, gen, torch::kFloat32).to(device()));
    }
    return out;
}

torch::Tensor GlowModelImpl::sample(int64_t n, const std::vector<double>& temperatures, torch::Generator& gen) {
    if (temperatures.empty() ||
        (temperatures.size() != 1 && static_cast<int64_t>(temperatures.size()) != m_config.levels))
        throw std::invalid_argument("Glow::sample: give one temperature or one per level");
    auto eps = noise(n, gen);
    for (size_t l = 0; l < eps.size(); ++l) eps[l] = eps[l] * temperatures[temperatures.size() == 1 ? 0 : l];
    return decodeNoise(eps);
}

torch::Tensor GlowModelImpl::bitsPerDim(const torch::Tensor& logP, const torch::Tensor& logdet, const GlowConfig& c) {
    const double d = static_cast<double>(c.dimensions());
    const double nBins = std::pow(2.0, static_cast<double>(c.nBits));
    return (-(logP + logdet) + d * std::log(nBins)) / (d * std::log(2.0));
}

}  // namespace flowscope
