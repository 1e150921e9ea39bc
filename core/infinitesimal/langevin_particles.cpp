#include "infinitesimal/langevin_particles.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace flowscope {

LangevinParticles::LangevinParticles(Gradient gradient, int64_t n, double meanX, double meanY, double sigma,
                                     uint64_t seed)
    : m_gradient(std::move(gradient)), m_rng(seed) {
    if (n < 1 || n > 1000000) throw std::invalid_argument("particles: 1…1000000, got " + std::to_string(n));
    if (!(sigma > 0) || !std::isfinite(sigma) || !std::isfinite(meanX) || !std::isfinite(meanY))
        throw std::invalid_argument("the particles' start needs a finite mean and σ > 0");
    if (!m_gradient) throw std::invalid_argument("the particles need the gradient of U");
    std::normal_distribution<double> normal;
    m_xy.resize(static_cast<size_t>(2 * n));
    for (int64_t i = 0; i < n; ++i) {
        m_xy[static_cast<size_t>(2 * i)] = meanX + sigma * normal(m_rng);
        m_xy[static_cast<size_t>(2 * i + 1)] = meanY + sigma * normal(m_rng);
    }
}

void LangevinParticles::advance(double duration, double maxStep) {
    if (!(duration >= 0) || !std::isfinite(duration) || !(maxStep > 0) || !std::isfinite(maxStep))
        throw std::invalid_argument("particles: the duration must be ≥ 0 and the step > 0, both finite");
    std::normal_distribution<double> normal;
    const double end = m_time + duration;
    while (end - m_time > maxStep * 1e-12) {
        const double dt = std::min(maxStep, end - m_time);
        const double noise = std::sqrt(2.0 * dt);
        for (size_t i = 0; i < m_xy.size(); i += 2) {
            double gx = 0, gy = 0;
            m_gradient(m_xy[i], m_xy[i + 1], gx, gy);
            m_xy[i] += -gx * dt + noise * normal(m_rng);
            m_xy[i + 1] += -gy * dt + noise * normal(m_rng);
        }
        m_time += dt;
    }
    m_time = end;
}

}  // namespace flowscope
