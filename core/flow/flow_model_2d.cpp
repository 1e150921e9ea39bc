#include "flow/flow_model_2d.h"

#include "flow/act_norm.h"
#include "flow/additive_coupling.h"
#include "flow/affine_coupling.h"
#include "flow/planar_flow.h"
#include "flow/radial_flow.h"
#include "util/random.h"

#include <stdexcept>

namespace flowscope {

void validate(const FlowConfig& c) {
    auto fail = [](const std::string& m) { throw std::invalid_argument(m); };
    if (!isFlowKind(c.flow))
        fail("unknown flow kind " + std::to_string(static_cast<int>(c.flow)) + " (expected " + flowKindNames() + ")");
    if (c.layers < 0 || c.layers > 1024)
        fail("number of layers must be between 0 and 1024, got " + std::to_string(c.layers));
    if (c.hidden < 1 || c.hidden > 4096)
        fail("hidden width must be between 1 and 4096, got " + std::to_string(c.hidden));
    if (c.dim < 1 || c.dim > 64) fail("dimension must be between 1 and 64, got " + std::to_string(c.dim));
    if (!isKind(kBaseKinds, c.base)) fail("unknown base distribution (expected " + kindNames(kBaseKinds) + ")");
    if (!isKind(kMaskPatterns, c.mask)) fail("unknown mask pattern (expected " + kindNames(kMaskPatterns) + ")");
}

FlowModelImpl::FlowModelImpl(FlowConfig config) : m_config(std::move(config)) {
    validate(m_config);
    base = register_module("base", makeBaseDistribution(m_config.base, m_config.dim));
    flows = register_module("flows", FlowSequence());
    const MaskPattern pattern = m_config.mask;
    for (int64_t k = 0; k < m_config.layers; ++k) {
        const uint64_t seed = deriveSeed(m_config.seed, static_cast<uint64_t>(k));
        const int parity = static_cast<int>(k % 2);
        const FlowKind f = m_config.flow;
        if (f == FlowKind::Planar) {
            flows->append(std::make_shared<PlanarFlowImpl>(PlanarFlowOptions(m_config.dim).seed(seed)));
        } else if (f == FlowKind::Radial) {
            flows->append(std::make_shared<RadialFlowImpl>(RadialFlowOptions(m_config.dim).seed(seed)));
        } else {
            if (m_config.actnorm) flows->append(std::make_shared<ActNormImpl>(ActNormOptions(m_config.dim)));
            if (f == FlowKind::Affine)
                flows->append(std::make_shared<AffineCouplingImpl>(AffineCouplingOptions(m_config.dim)
                                                                       .hidden(m_config.hidden)
                                                                       .pattern(pattern)
                                                                       .parity(parity)
                                                                       .seed(seed)));
            else
                flows->append(std::make_shared<AdditiveCouplingImpl>(AdditiveCouplingOptions(m_config.dim)
                                                                         .hidden(m_config.hidden)
                                                                         .pattern(pattern)
                                                                         .parity(parity)
                                                                         .seed(seed)));
        }
    }
}

FlowModelImpl::Samples FlowModelImpl::sample(int64_t n, torch::Generator& gen) {
    auto z0 = base->sample(n, gen, device());
    auto logq0 = base->logProb(z0);
    auto pass = flows->forward(z0);
    return {pass.z.back(), logq0 - pass.totalLogdet};
}

SequencePass FlowModelImpl::trajectory(const torch::Tensor& z0) { return flows->forward(z0, true); }

torch::Tensor FlowModelImpl::logProb(const torch::Tensor& x) {
    auto pass = flows->inverse(x);
    return base->logProb(pass.z.front()) - pass.totalLogdet;
}

torch::Device FlowModelImpl::device() const {
    for (const auto& p : parameters()) return p.device();
    for (const auto& b : buffers()) return b.device();
    return torch::kCPU;
}

}  // namespace flowscope
