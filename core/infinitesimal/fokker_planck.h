#pragma once

#include "types/plane.h"

#include <cstdint>
#include <vector>

namespace flowscope {

/// The density p_t of Langevin dynamics dz = −∇U dt + √2 dW, moved by its Fokker–Planck equation
///   ∂p/∂t = ∇·(p ∇U) + Δp = ∇·(e^{−U} ∇(p e^{U})),   stationary state exp(−U)/Z
/// (Rezende & Mohamed 2015, arXiv:1505.05770, §3.2 "Langevin flow"), on the cells of a grid.
///
/// Finite volumes: each cell holds its mass, and mass moves only through the faces between
/// neighbouring cells, with the Scharfetter–Gummel flux (exact for a potential linear across a
/// face)
///   J = (B(ΔU) p_i − B(−ΔU) p_{i+1}) / h,  B(x) = x / (eˣ − 1),  ΔU = U_{i+1} − U_i,
/// and no flux through the outer boundary. What leaves one cell enters its neighbour, so the
/// total is conserved to rounding; the flux vanishes exactly at p ∝ e^{−U}, so the discrete
/// stationary state is the target restricted to the cells. Forward Euler with
///   dt ≤ safety / max_i (Σ_faces outflow rate of cell i)
/// makes each step a stochastic matrix with that stationary state: every density stays
/// non-negative and KL(p_t ‖ p) never increases (the data-processing inequality).
class FokkerPlanckSolver {
public:
    /// `potential` holds U at the cell centres, row-major as ScalarGrid (row j = 0 at the bottom).
    /// Throws std::invalid_argument for a bad grid, a size mismatch, a non-finite U or a
    /// safety factor outside (0, 1].
    FokkerPlanckSolver(const GridSpec& grid, std::vector<double> potential, double safety = 0.9);

    /// Starts from N(mean, σ² I) sampled at the cell centres, normalised to mass 1 on the grid.
    void setGaussian(double meanX, double meanY, double sigma);
    /// Starts from `density` (non-negative, finite, positive mass), normalised to mass 1.
    void setDensity(std::vector<double> density);

    /// Moves p from time() to time() + duration in stable steps (the last one shorter).
    void advance(double duration);

    double time() const { return m_time; }
    int64_t stepsTaken() const { return m_steps; }
    /// The step length used: safety / the largest total outflow rate of a cell.
    double stableStep() const { return m_dt; }

    /// Σ_i p_i · cell area.
    double mass() const;
    /// The smallest density over the cells.
    double minDensity() const;
    /// KL(p_t ‖ p) = Σ p_i log(p_i / π_i) · cell area, π the stationary state on the cells.
    double klToStationary() const;

    const GridSpec& grid() const { return m_grid; }
    /// p_t per cell (mass = Σ · cell area).
    const std::vector<double>& density() const { return m_p; }
    /// π_i = e^{−U_i} / (Σ_j e^{−U_j} · cell area): a density, like p (Σ π_i · cell area = 1).
    const std::vector<double>& stationary() const { return m_pi; }
    /// log p_t on the grid, for heatmaps (−∞ where p is exactly zero becomes the float lowest).
    ScalarGrid logDensity() const;

private:
    void step(double dt);

    GridSpec m_grid;
    double m_cellArea;
    std::vector<double> m_p, m_pi, m_next;
    // Rates per face: mass flows from cell i to its neighbour at rate (forward) · p_i and back at
    // rate (backward) · p_neighbour (already divided by h²).
    std::vector<double> m_xForward, m_xBackward, m_yForward, m_yBackward;
    double m_dt = 0;
    double m_time = 0;
    int64_t m_steps = 0;
};

}  // namespace flowscope
