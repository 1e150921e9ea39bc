#include "analysis/planar_radial_kernel.h"

#include "flow/planar_flow.h"
#include "flow/radial_flow.h"

#include <ATen/Parallel.h>
#include <Eigen/Dense>

#include <cmath>
#if defined(__AVX512F__)
#include <immintrin.h>
#endif

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

// One block of lanes held in registers (fixed size: no heap temporaries). The layers form a
// serial chain per point, so the kernel is latency-bound: several zmm registers per block let
// the out-of-order core overlap their tanh/log chains (64 lanes ran 2× faster than 16).
constexpr int kLanes = 64;
using Vec = Eigen::Array<float, kLanes, 1>;
constexpr float kLog2Pi = 1.8378770664f;
constexpr float kTolerance = 2e-6f;

/// Whether every lane has |error| ≤ tol·(1 + |a|). A mask compare on AVX-512: Eigen's horizontal
/// max spills through memory and cost a quarter of the kernel.
bool converged(const Vec& error, const Vec& a) {
    const Vec excess = error.abs() - kTolerance * (1.0f + a.abs());
#if defined(__AVX512F__)
    static_assert(kLanes % 16 == 0, "whole zmm registers per block");
    __mmask16 above = 0;
    for (int i = 0; i < kLanes; i += 16)
        above |= _mm512_cmp_ps_mask(_mm512_loadu_ps(excess.data() + i), _mm512_setzero_ps(), _CMP_GT_OQ);
    return above == 0;
#else
    return excess.maxCoeff() <= 0.0f;
#endif
}

/// Bracketed Newton for α + c·tanh(α + b) = s (the bracket is s ± |c|): the safe path for the
/// rare blocks where plain Newton has not settled (Newton can 2-cycle when |c| is large).
Vec solvePlanarSafe(const Vec& s, float c, float onePlusC, float b) {
    const float ac = std::abs(c);
    Vec lo = s - ac, hi = s + ac;
    Vec a = (s - c * (s + b).tanh()).max(lo).min(hi);
    for (int it = 0; it < 100; ++it) {
        const Vec t = (a + b).tanh();
        const Vec g = a + c * t - s;
        const Vec dg = t * t + onePlusC * (1.0f - t * t);
        lo = (g < 0.0f).select(a, lo);
        hi = (g > 0.0f).select(a, hi);
        Vec next = a - g / dg;
        // Bisect where Newton lands on or beyond the bracket or would cross more than half of
        // it (large |c| makes Newton oscillate across the root).
        const auto slow = (next - a).abs() > 0.5f * (hi - lo);
        next = (((next <= lo) || (next >= hi) || slow || (next != next)) && (next != a)).select(0.5f * (lo + hi), next);
        const float change = (next - a).abs().maxCoeff();
        const float scale = 1.0f + a.abs().maxCoeff();
        a = next;
        if (change <= kTolerance * scale) break;
    }
    return a;
}

/// Solves the planar inverse's scalar equation g(α) = α + c·tanh(α + b) − s = 0 for a block and
/// returns t = tanh(α + b). g is increasing with g' ≥ gmin = min(1, 1 + c), so |g(α)| ≤ ε·gmin
/// puts α within ε of the root: the convergence test is on that residual (a small Newton step
/// alone can hide a far root where g' is large). Plain Newton in pairs, one test per pair; the
/// final tanh is updated to first order in the last step (exact to O(step²)). Blocks that have
/// not settled after three pairs go to the bracketed solver.
Vec solvePlanarTanh(const Vec& s, float c, float onePlusC, float b) {
    const float gmin = std::min(1.0f, onePlusC);
    Vec a = s - c * (s + b).tanh();
    for (int round = 0; round < 3; ++round) {
        Vec t = (a + b).tanh();
        a -= (a + c * t - s) / (t * t + onePlusC * (1.0f - t * t));
        t = (a + b).tanh();
        const Vec g = a + c * t - s;
        const Vec step = g / (t * t + onePlusC * (1.0f - t * t));
        a -= step;
        if (converged(g / gmin, a)) return t - (1.0f - t * t) * step;
    }
    return (solvePlanarSafe(s, c, onePlusC, b) + b).tanh();
}

/// Inverts a block through layers[count-1] … layers[0], subtracting each layer's log|det J|.
void invertBlock(const KernelLayer* layers, size_t count, Vec& x, Vec& y, Vec& inverseLogdet) {
    for (size_t k = count; k-- > 0;) {
        const KernelLayer& L = layers[k];
        if (L.planar) {
            const Vec t = solvePlanarTanh(L.w0 * x + L.w1 * y, L.c, L.onePlusC, L.b);
            x -= L.uh0 * t;
            y -= L.uh1 * t;
            inverseLogdet -= (t * t + L.onePlusC * (1.0f - t * t)).log();
        } else {
            const Vec dx = x - L.cx, dy = y - L.cy;
            const Vec ry = (dx * dx + dy * dy).sqrt();
            const Vec p = L.alpha + L.beta - ry;
            const Vec root = (p * p + 4.0f * L.alpha * ry).max(0.0f).sqrt();
            // Non-negative root of r² + p r − α r_y = 0 without cancellation.
            const Vec r = (p >= 0.0f).select(2.0f * L.alpha * ry / (p + root).max(1e-30f), 0.5f * (root - p));
            const Vec h = 1.0f / (L.alpha + r);
            const Vec bh = L.beta * h;
            x = L.cx + dx / (1.0f + bh);
            y = L.cy + dy / (1.0f + bh);
            inverseLogdet -= bh.log1p() + (L.beta * L.alpha * h * h).log1p();
        }
    }
}

}  // namespace

void planarRadialLogDensity(const std::vector<KernelLayer>& layers, const GridSpec& grid, float* logDensity,
                            float* cumulativeLogdet) {
    const int64_t n = grid.size();
    const int64_t blocks = (n + kLanes - 1) / kLanes;
    // Threads take interleaved blocks: neighbouring blocks cost about the same (Newton's
    // iteration count follows the geometry), so every thread gets a fair share.
    const int64_t stripes = std::max<int64_t>(1, std::min<int64_t>(at::get_num_threads(), blocks));
    at::parallel_for(0, stripes, 1, [&](int64_t s0, int64_t s1) {
        for (int64_t stripe = s0; stripe < s1; ++stripe)
            for (int64_t blk = stripe; blk < blocks; blk += stripes) {
                const int64_t begin = blk * kLanes, m = std::min<int64_t>(kLanes, n - begin);
                Vec x, y, ild = Vec::Zero();
                for (int i = 0; i < kLanes; ++i) {
                    const int64_t idx = begin + std::min<int64_t>(i, m - 1);  // pad the tail with the last point
                    x[i] = static_cast<float>(grid.x(idx % grid.nx));
                    y[i] = static_cast<float>(grid.y(idx / grid.nx));
                }
                invertBlock(layers.data(), layers.size(), x, y, ild);
                const Vec logq = -0.5f * (x * x + y * y) - kLog2Pi + ild;
                std::copy(logq.data(), logq.data() + m, logDensity + begin);
                if (cumulativeLogdet)
                    for (int64_t i = 0; i < m; ++i) cumulativeLogdet[begin + i] = -ild[i];
            }
    });
}

}  // namespace flowscope
