#include "flow/planar_flow.h"

#include "util/checks.h"
#include "util/random.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {

/// û from raw (u, w): keeps wᵀû = m(wᵀu) > −1. ‖w‖² is clamped so w = 0 (a pure shift) is safe.
torch::Tensor constrainedU(const torch::Tensor& u, const torch::Tensor& w) {
    auto wu = (w * u).sum();
    auto m = torch::nn::functional::softplus(wu) - 1.0;
    return u + (m - wu) * w / (w * w).sum().clamp_min(1e-12);
}

}  // namespace

PlanarFlowImpl::PlanarFlowImpl(PlanarFlowOptions options_) : options(std::move(options_)) {
    if (options.dim() < 1)
        throw std::invalid_argument("PlanarFlow: dimension must be at least 1, got " + std::to_string(options.dim()));
    auto gen = makeGenerator(options.seed());
    const double limit = 1.0 / std::sqrt(static_cast<double>(options.dim()));
    u = register_parameter("u", uniformTensor({options.dim()}, -limit, limit, gen));
    w = register_parameter("w", uniformTensor({options.dim()}, -limit, limit, gen));
    b = register_parameter("b", torch::zeros({1}));
}

torch::Tensor PlanarFlowImpl::uHat() const { return constrainedU(u, w); }

torch::Tensor PlanarFlowImpl::onePlusWuHat() const { return torch::nn::functional::softplus((w * u).sum()); }

void PlanarFlowImpl::setUHat(const torch::Tensor& target) {
    torch::NoGradGuard noGrad;
    auto wd = w.detach().to(torch::kFloat64);
    auto uh = target.detach().to(torch::kFloat64);
    const double wuHat = (wd * uh).sum().item<double>();
    if (!(wuHat > -1.0))
        throw std::invalid_argument("PlanarFlow::setUHat: needs wᵀû > −1, got " + std::to_string(wuHat));
    // û differs from u only along w; invert m on that component: wᵀu = softplus⁻¹(wᵀû + 1).
    const double wu = std::log(std::expm1(wuHat + 1.0));
    const double ww = std::max((wd * wd).sum().item<double>(), 1e-12);
    auto raw = uh + (wu - wuHat) * wd / ww;
    u.copy_(raw.to(u.dtype()));
}

FlowStep PlanarFlowImpl::forward(const torch::Tensor& z) {
    checkBatch(z, dim(), "PlanarFlow::forward");
    auto uh = uHat();
    auto h = torch::tanh(z.matmul(w) + b);  // [B]
    auto y = z + h.unsqueeze(1) * uh;
    auto h2 = h * h;
    auto logdet = torch::log(h2 + onePlusWuHat() * (1.0 - h2));
    return {y, logdet};
}

FlowStep PlanarFlowImpl::inverse(const torch::Tensor& y) {
    checkBatch(y, dim(), "PlanarFlow::inverse");
    auto uh = uHat();
    auto wuh = (w * uh).sum();
    auto opc = onePlusWuHat();
    auto s = y.matmul(w);  // wᵀy, [B]

    torch::Tensor alphaStar;
    {
        torch::NoGradGuard noGrad;
        auto sd = s.detach().to(torch::kFloat64);
        const double onePlusC = opc.item<double>();
        const double c = onePlusC - 1.0;
        const double bd = b.item<double>();
        // |tanh| ≤ 1 brackets the root: α ∈ [s − |c|, s + |c|]; g(α) = α + c·tanh(α + b) − s is
        // increasing because c ≥ −1, so a Newton step outside the bracket falls back to bisection.
        auto lo = sd - std::abs(c);
        auto hi = sd + std::abs(c);
        auto a = sd - c * torch::tanh(sd + bd);
        a = torch::max(torch::min(a, hi), lo);
        for (int it = 0; it < 200; ++it) {
            auto t = torch::tanh(a + bd);
            auto g = a + c * t - sd;
            auto dg = t * t + onePlusC * (1.0 - t * t);
            lo = torch::where(g < 0, a, lo);
            hi = torch::where(g > 0, a, hi);
            auto next = a - g / dg;
            // Bisect where Newton lands on or beyond the bracket, or would move more than half
            // the bracket's width (for large |c| Newton otherwise oscillates across the root,
            // shrinking the bracket only slowly); a step too small to move α has converged.
            auto slow = (next - a).abs() > 0.5 * (hi - lo);
            auto outside = ((next <= lo) | (next >= hi) | slow | torch::isnan(next)) & (next != a);
            next = torch::where(outside, 0.5 * (lo + hi), next);
            const double change = (next - a).abs().max().item<double>();
            a = next;
            if (change <= options.inverseTolerance() * (1.0 + a.abs().max().item<double>())) break;
        }
        alphaStar = a.to(y.scalar_type());
    }

    torch::Tensor alpha = alphaStar;
    if (torch::GradMode::is_enabled() && (u.requires_grad() || y.requires_grad())) {
        // α(θ, y) = α* − g(α*; θ, y) / g'(α*): equals α* in value, carries the implicit gradient.
        auto t = torch::tanh(alphaStar + b);
        auto g = alphaStar + wuh * t - s;
        auto dg = (t * t + opc * (1.0 - t * t)).detach();
        alpha = alphaStar - g / dg;
    }
    auto h = torch::tanh(alpha + b);
    auto z = y - h.unsqueeze(1) * uh;
    auto h2 = h * h;
    auto logdet = -torch::log(h2 + opc * (1.0 - h2));
    return {z, logdet};
}

std::shared_ptr<FlowLayer> PlanarFlowImpl::blended(double t) const {
    auto copy = std::make_shared<PlanarFlowImpl>(options);
    copy->to(w.device(), w.scalar_type());  // same precision as the original
    torch::NoGradGuard noGrad;
    copy->w.copy_(w);
    copy->b.copy_(b);
    copy->setUHat(uHat().detach() * t);
    return copy;
}

LayerGeometry PlanarFlowImpl::geometry() const {
    torch::NoGradGuard noGrad;
    LayerGeometry g;
    g.kind = LayerGeometry::Kind::Hyperplane;
    auto wd = w.detach().to(torch::kCPU, torch::kFloat64).contiguous();
    auto ud = uHat().detach().to(torch::kCPU, torch::kFloat64).contiguous();
    g.w.assign(wd.data_ptr<double>(), wd.data_ptr<double>() + wd.numel());
    g.uHat.assign(ud.data_ptr<double>(), ud.data_ptr<double>() + ud.numel());
    g.b = b.item<double>();
    return g;
}

}  // namespace flowscope
