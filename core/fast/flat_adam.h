#pragma once

#include "util/rollback_guard.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace flowscope {

/// Adam on one flat parameter vector, the same arithmetic as torch::optim::Adam with its
/// defaults (β1 0.9, β2 0.999, ε 1e-8, no weight decay), so the fused trainers follow the plain
/// LibTorch trajectory. Moments are kept in double.
class FlatAdam {
public:
    FlatAdam(size_t size, double learningRate) : m_lr(learningRate), m_m(size, 0.0), m_v(size, 0.0) {}

    template <typename Param, typename Grad>
    void step(std::vector<Param>& theta, const std::vector<Grad>& grad) {
        ++m_step;
        const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        const double bc1 = 1.0 - std::pow(b1, static_cast<double>(m_step));
        const double bc2 = 1.0 - std::pow(b2, static_cast<double>(m_step));
        const double stepSize = m_lr / bc1, rootBc2 = std::sqrt(bc2);
        for (size_t i = 0; i < theta.size(); ++i) {
            const double g = grad[i];
            m_m[i] = b1 * m_m[i] + (1.0 - b1) * g;
            m_v[i] = b2 * m_v[i] + (1.0 - b2) * g * g;
            theta[i] = static_cast<Param>(theta[i] - stepSize * m_m[i] / (std::sqrt(m_v[i]) / rootBc2 + eps));
        }
    }

private:
    double m_lr;
    std::vector<double> m_m, m_v;
    int64_t m_step = 0;
};

/// True when the loss and every gradient entry are finite.
template <typename Grad>
bool finiteStep(double loss, const std::vector<Grad>& grad) {
    if (!std::isfinite(loss)) return false;
    for (const auto& g : grad)
        if (!std::isfinite(g)) return false;
    return true;
}

/// FlatAdam behind the shared RollbackGuard: the fused trainers' whole update. A step whose loss
/// or gradient is not finite restores the parameters of the last good step instead.
template <typename Param>
class GuardedFlatAdam {
public:
    GuardedFlatAdam(size_t size, double learningRate) : m_adam(size, learningRate) {}

    /// Makes `theta` the rollback point (once the parameters are built).
    void markGood(const std::vector<Param>& theta) { m_guard = RollbackGuard<std::vector<Param>>(theta); }

    /// Returns whether the update was applied.
    template <typename Grad>
    bool step(std::vector<Param>& theta, double loss, const std::vector<Grad>& grad) {
        return m_guard.settle(
            finiteStep(loss, grad), [&](std::vector<Param>& good) { good = theta; },
            [&](const std::vector<Param>& good) { theta = good; }, [&] { m_adam.step(theta, grad); });
    }

private:
    FlatAdam m_adam;
    RollbackGuard<std::vector<Param>> m_guard;
};

}  // namespace flowscope
