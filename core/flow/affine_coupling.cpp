#include "flow/affine_coupling.h"

#include "flow/module_state.h"
#include "util/checks.h"

namespace flowscope {

AffineCouplingImpl::AffineCouplingImpl(AffineCouplingOptions options_) : options(std::move(options_)) {
    mask = register_buffer("mask", makeCouplingMask(options.dim(), options.pattern(), options.parity()));
    net = register_module("net",
                          Mlp(MlpOptions(options.dim(), options.hidden(), 2 * options.dim()).seed(options.seed())));
}

std::pair<torch::Tensor, torch::Tensor> AffineCouplingImpl::scaleShift(const torch::Tensor& kept) {
    auto out = net->forward(kept);
    auto parts = out.chunk(2, 1);
    const double c = options.logScaleClamp();
    auto free = 1.0 - mask;
    auto s = c * torch::tanh(parts[0] / c) * free;
    auto t = parts[1] * free;
    return {s, t};
}

FlowStep AffineCouplingImpl::forward(const torch::Tensor& z) {
    checkBatch(z, dim(), "AffineCoupling::forward");
    auto kept = z * mask;
    auto [s, t] = scaleShift(kept);
    auto y = kept + (1.0 - mask) * (z * torch::exp(s)) + t;
    return {y, s.sum(1)};
}

FlowStep AffineCouplingImpl::inverse(const torch::Tensor& y) {
    checkBatch(y, dim(), "AffineCoupling::inverse");
    auto kept = y * mask;
    auto [s, t] = scaleShift(kept);
    auto z = kept + (1.0 - mask) * ((y - t) * torch::exp(-s));
    return {z, -s.sum(1)};
}

std::shared_ptr<FlowLayer> AffineCouplingImpl::blended(double t) const {
    auto copy = std::make_shared<AffineCouplingImpl>(options);
    copy->to(mask.device(), mask.scalar_type());  // same precision as the original
    copyModuleState(*this, *copy);
    copy->net->scaleOutput(t);
    return copy;
}

LayerGeometry AffineCouplingImpl::geometry() const {
    LayerGeometry g;
    g.kind = LayerGeometry::Kind::Coupling;
    g.mask = maskIndicators(mask);
    return g;
}

}  // namespace flowscope
