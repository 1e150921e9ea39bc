#include "analysis/planar_radial_kernel.h"

#include "flow/planar_flow.h"
#include "flow/radial_flow.h"

#include <ATen/Parallel.h>
#include <Eigen/Dense>

#include <cmath>

namespace flowscope {

std::optional<std::vector<KernelLayer>> kernelLayers(const FlowSequenceImpl& sequence) {
    torch::NoGradGuard noGrad;
    std::vector<KernelLayer> out;
    for (const auto& layer : sequence.layers()) {
        if (layer->dim() != 2) return std::nullopt;
        KernelLayer k;
        if (auto* p = dynamic_cast<PlanarFlowImpl*>(layer.get())) {
            auto w = p->w.detach().cpu().to(torch::kFloat64);
            auto uh = p->uHat().detach().cpu().to(torch::kFloat64);
            k.planar = true;
            k.w0 = w[0].item<float>();
            k.w1 = w[1].item<float>();
            k.b = p->b.item<float>();
            k.uh0 = uh[0].item<float>();
            k.uh1 = uh[1].item<float>();
            const double opc = p->onePlusWuHat().item<double>();
            k.onePlusC = static_cast<float>(opc);
            k.c = static_cast<float>(opc - 1.0);
        } else if (auto* r = dynamic_cast<RadialFlowImpl*>(layer.get())) {
            k.planar = false;
            k.cx = r->z0[0].item<float>();
            k.cy = r->z0[1].item<float>();
            k.alpha = r->alpha().item<float>();
            k.beta = r->beta().item<float>();
        } else {
            return std::nullopt;
        }
        out.push_back(k);
    }
    return out;
}

namespace {

using Arr = Eigen::ArrayXf;
constexpr float kLog2Pi = 1.8378770664f;

/// Solves α + c·tanh(α + b) = s for every lane (bracketed Newton; the bracket is s ± |c|).
Arr solvePlanarAlpha(const Arr& s, float c, float onePlusC, float b) {
    const float ac = std::abs(c);
    Arr lo = s - ac, hi = s + ac;
    Arr a = (s - c * (s + b).tanh()).max(lo).min(hi);
    for (int it = 0; it < 60; ++it) {
        const Arr t = (a + b).tanh();
        const Arr g = a + c * t - s;
        const Arr dg = t * t + onePlusC * (1.0f - t * t);
        lo = (g < 0.0f).select(a, lo);
        hi = (g > 0.0f).select(a, hi);
        Arr next = a - g / dg;
        // On or beyond the bracket: bisect (Newton 2-cycles there when |c| is large).
        next = (((next <= lo) || (next >= hi) || (next != next)) && (next != a)).select(0.5f * (lo + hi), next);
        const float change = (next - a).abs().maxCoeff();
        const float scale = 1.0f + a.abs().maxCoeff();
        a = next;
        if (change <= 2e-6f * scale) break;
    }
    return a;
}

void invertChunk(const std::vector<KernelLayer>& layers, Arr& x, Arr& y, Arr& inverseLogdet) {
    for (size_t k = layers.size(); k-- > 0;) {
        const KernelLayer& L = layers[k];
        if (L.planar) {
            const Arr s = L.w0 * x + L.w1 * y;
            const Arr a = solvePlanarAlpha(s, L.c, L.onePlusC, L.b);
            const Arr t = (a + L.b).tanh();
            x -= L.uh0 * t;
            y -= L.uh1 * t;
            inverseLogdet -= (t * t + L.onePlusC * (1.0f - t * t)).log();
        } else {
            const Arr dx = x - L.cx, dy = y - L.cy;
            const Arr ry = (dx * dx + dy * dy).sqrt();
            const Arr p = L.alpha + L.beta - ry;
            const Arr root = (p * p + 4.0f * L.alpha * ry).max(0.0f).sqrt();
            const Arr r = (p >= 0.0f).select(2.0f * L.alpha * ry / (p + root).max(1e-30f), 0.5f * (root - p));
            const Arr h = 1.0f / (L.alpha + r);
            const Arr bh = L.beta * h;
            const Arr scale = 1.0f / (1.0f + bh);
            x = L.cx + dx * scale;
            y = L.cy + dy * scale;
            inverseLogdet -= bh.log1p() + (L.beta * L.alpha * h * h).log1p();
        }
    }
}

}  // namespace

void planarRadialLogDensity(const std::vector<KernelLayer>& layers, const GridSpec& grid, float* logDensity,
                            float* cumulativeLogdet) {
    const int64_t n = grid.size();
    constexpr int64_t kChunk = 256;
    at::parallel_for(0, (n + kChunk - 1) / kChunk, 1, [&](int64_t c0, int64_t c1) {
        for (int64_t c = c0; c < c1; ++c) {
            const int64_t begin = c * kChunk, m = std::min(kChunk, n - begin);
            Arr x(m), y(m), ild = Arr::Zero(m);
            for (int64_t i = 0; i < m; ++i) {
                const int64_t idx = begin + i;
                x[i] = static_cast<float>(grid.x(idx % grid.nx));
                y[i] = static_cast<float>(grid.y(idx / grid.nx));
            }
            invertChunk(layers, x, y, ild);
            const Arr logq = -0.5f * (x * x + y * y) - kLog2Pi + ild;
            std::copy(logq.data(), logq.data() + m, logDensity + begin);
            if (cumulativeLogdet) {
                const Arr cum = -ild;
                std::copy(cum.data(), cum.data() + m, cumulativeLogdet + begin);
            }
        }
    });
}

}  // namespace flowscope
