#include "flow/act_norm.h"

#include "flow/module_state.h"
#include "util/checks.h"

namespace flowscope {

ActNormImpl::ActNormImpl(ActNormOptions options_) : options(std::move(options_)) {
    loc = register_parameter("loc", torch::zeros({options.dim()}));
    logScale = register_parameter("log_scale", torch::zeros({options.dim()}));
    initialized = register_buffer("initialized", torch::zeros({1}));
}

bool ActNormImpl::isInitialized() const { return initialized.item<float>() > 0.5f; }

void ActNormImpl::maybeInitialize(const torch::Tensor& input, bool forwardDirection) {
    if (!is_training() || isInitialized() || input.size(0) < 2) return;
    torch::NoGradGuard noGrad;
    auto x = input.detach();
    auto mean = x.mean(0);
    auto stdev = x.std(0, /*unbiased=*/false) + options.eps();
    if (forwardDirection) {
        // (x − mean)/std = (x + loc)·exp(log_scale)
        loc.copy_(-mean);
        logScale.copy_(-torch::log(stdev));
    } else {
        // (y − mean)/std = y·exp(−log_scale) − loc
        logScale.copy_(torch::log(stdev));
        loc.copy_(mean / stdev);
    }
    initialized.fill_(1.0);
}

FlowStep ActNormImpl::forward(const torch::Tensor& z) {
    checkBatch(z, dim(), "ActNorm::forward");
    maybeInitialize(z, true);
    auto y = (z + loc) * torch::exp(logScale);
    return {y, logScale.sum().expand({z.size(0)})};
}

FlowStep ActNormImpl::inverse(const torch::Tensor& y) {
    checkBatch(y, dim(), "ActNorm::inverse");
    maybeInitialize(y, false);
    auto z = y * torch::exp(-logScale) - loc;
    return {z, (-logScale.sum()).expand({y.size(0)})};
}

std::shared_ptr<FlowLayer> ActNormImpl::blended(double t) const {
    auto copy = std::make_shared<ActNormImpl>(options);
    copy->to(loc.device(), loc.scalar_type());  // same precision as the original
    copyModuleState(*this, *copy);
    torch::NoGradGuard noGrad;
    copy->loc.mul_(t);
    copy->logScale.mul_(t);
    return copy;
}

}  // namespace flowscope
