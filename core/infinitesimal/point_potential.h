#pragma once
/// \file The potential of a drawn shape, for the Langevin flow: U = −log of the points' kernel
/// density, so the flow's stationary density e^{−U}/Z is that density itself.

#include "types/plane.h"

#include <cstddef>
#include <functional>
#include <vector>

namespace flowscope {

/// U(z) = −log p̂(z), p̂(z) = (1/n) Σ_i N(z; p_i, h² I): a Gaussian kernel density of the drawn
/// points with bandwidth h. Far from every point U grows like ‖z − p_nearest‖²/(2h²), so e^{−U}
/// is normalisable (Z = 1 on R²) and the Langevin drift −∇U pulls every path back to the shape.
/// Evaluated by log-sum-exp (no underflow far away); ∇U = Σ_i w_i (z − p_i)/h² with w the
/// kernels' softmax weights.
class PointPotential {
public:
    /// At most this many points are used (an even subsample of longer drawings), so one
    /// evaluation costs O(kMaxPoints) whatever was drawn.
    static constexpr size_t kMaxPoints = 400;

    /// `xy`: x, y pairs. Throws std::invalid_argument for fewer than two points, an odd count, a
    /// value that is not finite, or h outside (0, 10].
    explicit PointPotential(const std::vector<float>& xy, double bandwidth = 0.25);

    /// U at (x, y); with gx, gy also ∂U/∂x, ∂U/∂y.
    double evaluate(double x, double y, double* gx = nullptr, double* gy = nullptr) const;
    /// U at the cell centres of `grid`, row-major as ScalarGrid.
    std::vector<double> onCells(const GridSpec& grid) const;

    size_t pointCount() const { return m_x.size(); }
    double bandwidth() const { return m_h; }

private:
    std::vector<double> m_x, m_y;
    double m_h;
};

/// ∇U of `potential` tabulated at the cell centres of `grid` and interpolated bilinearly inside
/// it (exact outside): what a few hundred Euler–Maruyama paths, stepping every millisecond of
/// flow time, can afford at 30 frames per second.
std::function<void(double x, double y, double& gx, double& gy)> tabulatedGradient(const PointPotential& potential,
                                                                                  const GridSpec& grid);

}  // namespace flowscope
