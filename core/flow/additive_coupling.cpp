#include "flow/additive_coupling.h"

#include "flow/module_state.h"
#include "util/checks.h"

namespace flowscope {

AdditiveCouplingImpl::AdditiveCouplingImpl(AdditiveCouplingOptions options_) : options(std::move(options_)) {
    mask = register_buffer("mask", makeCouplingMask(options.dim(), options.pattern(), options.parity()));
    net = register_module("net", Mlp(MlpOptions(options.dim(), options.hidden(), options.dim()).seed(options.seed())));
}

FlowStep AdditiveCouplingImpl::forward(const torch::Tensor& z) {
    checkBatch(z, dim(), "AdditiveCoupling::forward");
    auto shift = net->forward(z * mask) * (1.0 - mask);
    return {z + shift, torch::zeros({z.size(0)}, z.options())};
}

FlowStep AdditiveCouplingImpl::inverse(const torch::Tensor& y) {
    checkBatch(y, dim(), "AdditiveCoupling::inverse");
    auto shift = net->forward(y * mask) * (1.0 - mask);
    return {y - shift, torch::zeros({y.size(0)}, y.options())};
}

std::shared_ptr<FlowLayer> AdditiveCouplingImpl::blended(double t) const {
    auto copy = std::make_shared<AdditiveCouplingImpl>(options);
    copy->to(mask.device(), mask.scalar_type());  // same precision as the original
    copyModuleState(*this, *copy);
    copy->net->scaleOutput(t);
    return copy;
}

LayerGeometry AdditiveCouplingImpl::geometry() const {
    LayerGeometry g;
    g.kind = LayerGeometry::Kind::Coupling;
    g.mask = maskIndicators(mask);
    return g;
}

}  // namespace flowscope
