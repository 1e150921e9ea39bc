#include "flow/hand_set_layer.h"

#include "flow/planar_flow.h"
#include "flow/radial_flow.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace flowscope {

namespace {

constexpr double kMinWuHat = -1.0 + 1e-3;  // 1 + wᵀû ≥ 1e-3: the log-det stays finite
constexpr double kMinNormW = 0.05;
constexpr double kMinAlpha = 1e-3;
constexpr double kBetaMargin = 1e-3;

void requireVector(const std::vector<double>& v, const char* name) {
    if (v.size() != 2)
        throw std::invalid_argument(std::string("a hand-set layer's ") + name + " must have 2 components, got " +
                                    std::to_string(v.size()));
    for (double x : v)
        if (!std::isfinite(x))
            throw std::invalid_argument(std::string("a hand-set layer's ") + name + " is not finite");
}

void requireFinite(double v, const char* name) {
    if (!std::isfinite(v)) throw std::invalid_argument(std::string("a hand-set layer's ") + name + " is not finite");
}

/// Clamps the vector's length to ≤ limit (keeping its direction).
void clampLength(std::vector<double>& v, double limit) {
    const double n = std::hypot(v[0], v[1]);
    if (n > limit) v[0] *= limit / n, v[1] *= limit / n;
}

}  // namespace

LayerGeometry constrainHandSet(const LayerGeometry& g) {
    LayerGeometry out = g;
    if (g.kind == LayerGeometry::Kind::Hyperplane) {
        requireVector(g.w, "w");
        requireVector(g.uHat, "û");
        requireFinite(g.b, "b");
        double n = std::hypot(out.w[0], out.w[1]);
        if (n < kMinNormW) {
            // Too short to define a hyperplane: keep its direction (or take e₁) at the minimum length.
            const double c = n > 0 ? out.w[0] / n : 1.0, s = n > 0 ? out.w[1] / n : 0.0;
            out.w = {kMinNormW * c, kMinNormW * s};
        }
        clampLength(out.w, 50.0);
        out.b = std::clamp(out.b, -100.0, 100.0);
        clampLength(out.uHat, 20.0);
        const double ww = out.w[0] * out.w[0] + out.w[1] * out.w[1];
        const double wu = out.w[0] * out.uHat[0] + out.w[1] * out.uHat[1];
        if (wu < kMinWuHat) {
            // Project û along w onto wᵀû = −1 + margin: the smallest move that restores invertibility.
            const double shift = (kMinWuHat - wu) / ww;
            out.uHat[0] += shift * out.w[0];
            out.uHat[1] += shift * out.w[1];
        }
        return out;
    }
    if (g.kind == LayerGeometry::Kind::Radial) {
        requireVector(g.z0, "z0");
        requireFinite(g.alpha, "α");
        requireFinite(g.beta, "β");
        out.z0 = {std::clamp(g.z0[0], -100.0, 100.0), std::clamp(g.z0[1], -100.0, 100.0)};
        out.alpha = std::clamp(g.alpha, kMinAlpha, 50.0);
        out.beta = std::clamp(g.beta, -out.alpha * (1.0 - kBetaMargin), 100.0);
        return out;
    }
    throw std::invalid_argument("only planar and radial layers can be set by hand");
}

LayerGeometry setHandSetGeometry(FlowLayer& layer, const LayerGeometry& geometry) {
    if (layer.dim() != 2) throw std::invalid_argument("only 2D layers can be set by hand");
    const LayerGeometry g = constrainHandSet(geometry);
    torch::NoGradGuard noGrad;
    if (auto* planar = dynamic_cast<PlanarFlowImpl*>(&layer)) {
        if (g.kind != LayerGeometry::Kind::Hyperplane)
            throw std::invalid_argument("a planar layer takes w, b and û, not a radial layer's parameters");
        const auto opts = planar->w.options();
        planar->w.copy_(torch::tensor(g.w, torch::kFloat64).to(opts.dtype()));
        planar->b.fill_(g.b);
        planar->setUHat(torch::tensor(g.uHat, torch::kFloat64));
        return planar->geometry();
    }
    if (auto* radial = dynamic_cast<RadialFlowImpl*>(&layer)) {
        if (g.kind != LayerGeometry::Kind::Radial)
            throw std::invalid_argument("a radial layer takes z0, α and β, not a planar layer's parameters");
        radial->z0.copy_(torch::tensor(g.z0, torch::kFloat64).to(radial->z0.dtype()));
        radial->setAlphaBeta(g.alpha, g.beta);
        return radial->geometry();
    }
    throw std::invalid_argument("layer kind '" + layer.kind() + "' cannot be set by hand (planar and radial only)");
}

}  // namespace flowscope
