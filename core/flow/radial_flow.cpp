#include "flow/radial_flow.h"

#include "util/checks.h"
#include "util/random.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {
double inverseSoftplus(double x) { return x > 30.0 ? x : std::log(std::expm1(x)); }
}  // namespace

RadialFlowImpl::RadialFlowImpl(RadialFlowOptions options_) : options(std::move(options_)) {
    if (options.dim() < 1)
        throw std::invalid_argument("RadialFlow: dimension must be at least 1, got " + std::to_string(options.dim()));
    auto gen = makeGenerator(options.seed());
    const double limit = 1.0 / std::sqrt(static_cast<double>(options.dim()));
    z0 = register_parameter("z0", uniformTensor({options.dim()}, -limit, limit, gen));
    alphaTilde = register_parameter("alpha_tilde", uniformTensor({1}, -limit, limit, gen));
    betaTilde = register_parameter("beta_tilde", uniformTensor({1}, -limit, limit, gen));
}

torch::Tensor RadialFlowImpl::alpha() const { return torch::nn::functional::softplus(alphaTilde); }

torch::Tensor RadialFlowImpl::beta() const { return -alpha() + torch::nn::functional::softplus(betaTilde); }

void RadialFlowImpl::setAlphaBeta(double a, double bt) {
    if (!(a > 0.0) || !(bt > -a))
        throw std::invalid_argument("RadialFlow::setAlphaBeta: needs α > 0 and β > −α, got α = " + std::to_string(a) +
                                    ", β = " + std::to_string(bt));
    torch::NoGradGuard noGrad;
    alphaTilde.fill_(inverseSoftplus(a));
    betaTilde.fill_(inverseSoftplus(bt + a));
}

FlowStep RadialFlowImpl::forward(const torch::Tensor& z) {
    checkBatch(z, dim(), "RadialFlow::forward");
    auto a = alpha();
    auto bt = beta();
    auto diff = z - z0;
    auto r = diff.norm(2, 1);  // [B]
    auto h = 1.0 / (a + r);
    auto bh = bt * h;
    auto y = z + bh.unsqueeze(1) * diff;
    // 1 + βh + βh'r = 1 + βα/(α + r)²
    auto logdet = (dim() - 1) * torch::log1p(bh) + torch::log1p(bt * a * h * h);
    return {y, logdet};
}

FlowStep RadialFlowImpl::inverse(const torch::Tensor& y) {
    checkBatch(y, dim(), "RadialFlow::inverse");
    auto a = alpha();
    auto bt = beta();
    auto diff = y - z0;
    auto ry = diff.norm(2, 1);
    auto p = a + bt - ry;
    auto root = torch::sqrt((p * p + 4.0 * a * ry).clamp_min(0.0));
    // Non-negative root of r² + p r − α r_y = 0 without cancellation.
    auto r = torch::where(p >= 0, 2.0 * a * ry / (p + root).clamp_min(1e-30), 0.5 * (root - p));
    auto h = 1.0 / (a + r);
    auto bh = bt * h;
    auto z = z0 + diff / (1.0 + bh).unsqueeze(1);
    auto logdet = -((dim() - 1) * torch::log1p(bh) + torch::log1p(bt * a * h * h));
    return {z, logdet};
}

std::shared_ptr<FlowLayer> RadialFlowImpl::blended(double t) const {
    auto copy = std::make_shared<RadialFlowImpl>(options);
    copy->to(z0.device(), z0.scalar_type());  // same precision as the original
    torch::NoGradGuard noGrad;
    copy->z0.copy_(z0);
    copy->setAlphaBeta(alpha().item<double>(), beta().item<double>() * t);
    return copy;
}

LayerGeometry RadialFlowImpl::geometry() const {
    torch::NoGradGuard noGrad;
    LayerGeometry g;
    g.kind = LayerGeometry::Kind::Radial;
    auto c = z0.detach().to(torch::kCPU, torch::kFloat64).contiguous();
    g.z0.assign(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
    g.alpha = alpha().item<double>();
    g.beta = beta().item<double>();
    return g;
}

}  // namespace flowscope
