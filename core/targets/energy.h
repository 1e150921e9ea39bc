#pragma once

#include <torch/torch.h>

#include <array>
#include <string>
#include <vector>

namespace flowscope {

/// Rezende & Mohamed's four 2D test energies (arXiv:1505.05770, Table 1); the target density is
/// p(z) = exp(−U(z)) / Z.
///
/// U2, U3 and U4 have infinite mass along z1 on R², so (as in the paper's Figure 3, which draws
/// them on [−4, 4]²) FlowScope defines them on that box: outside it a boundary term
/// ½ Σ_i (max(0, |z_i| − 4)/0.2)² is added, which makes Z finite and leaves U unchanged inside.
/// U1 is used on all of R² as written. log Z comes from quadrature (trapezoid rule, 0.005 spacing,
/// over a box holding all but a negligible fraction of the mass) and is cached.
class Energy {
public:
    enum class Id { U1, U2, U3, U4 };

    static Energy fromName(const std::string& name);  ///< "U1" … "U4" (case-insensitive)
    static std::vector<std::string> names();
    static bool isEnergyName(const std::string& name);

    explicit Energy(Id id) : m_id(id) {}
    Id id() const { return m_id; }
    std::string name() const;
    /// Whether the box boundary term applies (U2–U4).
    bool hasBoundary() const { return m_id != Id::U1; }
    static constexpr double kBoxHalfWidth = 4.0;
    static constexpr double kBoundaryWidth = 0.2;

    /// U(z) for z [B, 2] → [B], differentiable torch ops (log-sum-exp terms stable).
    torch::Tensor operator()(const torch::Tensor& z) const;
    /// U and ∂U/∂z at one point, in double (quadrature, contours and the fused trainer).
    double evaluate(double z1, double z2, double* dU1 = nullptr, double* dU2 = nullptr) const;
    /// log Z = log ∫ exp(−U) dz.
    double logZ() const;
    /// A box holding the mass, for plots and quadrature: {x0, x1, y0, y1}.
    std::array<double, 4> extent() const;

private:
    Id m_id;
};

}  // namespace flowscope
