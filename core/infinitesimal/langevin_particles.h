#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace flowscope {

/// Samples of Langevin dynamics dz = −∇U dt + √2 dW by Euler–Maruyama,
///   z ← z − ∇U(z) dt + √(2 dt) ξ,  ξ ~ N(0, I):
/// individual random paths drawn over the Fokker–Planck density (they are samples, with the
/// scheme's O(dt) bias, not the density itself).
class LangevinParticles {
public:
    /// ∇U at (x, y), written to (gx, gy).
    using Gradient = std::function<void(double x, double y, double& gx, double& gy)>;

    /// `n` particles drawn from N(mean, σ² I). Throws std::invalid_argument for n outside
    /// 1…1000000 or σ ≤ 0.
    LangevinParticles(Gradient gradient, int64_t n, double meanX, double meanY, double sigma, uint64_t seed);

    /// Moves every particle by `duration` in steps of at most `maxStep`.
    void advance(double duration, double maxStep);

    /// Positions as (x, y) pairs, [2n].
    const std::vector<double>& positions() const { return m_xy; }
    int64_t size() const { return static_cast<int64_t>(m_xy.size() / 2); }
    double time() const { return m_time; }

private:
    Gradient m_gradient;
    std::vector<double> m_xy;
    std::mt19937_64 m_rng;
    double m_time = 0;
};

}  // namespace flowscope
