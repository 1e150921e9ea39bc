#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace flowscope {

/// The 1-D targets p(q) ∝ exp(−U(q)) of the Hamiltonian view, each with U, U' and U'' in closed
/// form (no autograd: the phase portrait evaluates them millions of times).
///  - gaussian:    U = q²/2
///  - double-well: U = 4(q² − 1)², two modes at ±1 with a barrier of height 4 between them
///  - mixture:     U = −log(½ N(q; −2, 0.6²) + ½ N(q; 2, 0.6²)) (the two lobes of U1 along z₁)
class Potential1D {
public:
    enum class Id { Gaussian, DoubleWell, Mixture };

    static std::optional<Potential1D> fromName(std::string_view name);  ///< "gaussian", "double-well", "mixture"
    static std::string names();                                         ///< "gaussian, double-well or mixture"

    explicit Potential1D(Id id) : m_id(id) {}
    Id id() const { return m_id; }
    std::string name() const;

    double value(double q) const;
    double gradient(double q) const;   ///< U'(q)
    double curvature(double q) const;  ///< U''(q)
    /// A range of q holding the mass, for plots: {lo, hi}.
    std::array<double, 2> extent() const;

private:
    Id m_id;
};

}  // namespace flowscope
