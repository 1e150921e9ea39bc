#pragma once

#include "infinitesimal/potential_1d.h"
#include "types/plane.h"

#include <vector>

namespace flowscope {

/// A point of phase space: position q and momentum p.
struct PhasePoint {
    double q = 0, p = 0;
};

/// The leapfrog integrator of H(q, p) = U(q) + ½p² (Gaussian momentum), the flow behind
/// Hamiltonian Monte Carlo (Neal 2011; Rezende & Mohamed 2015, arXiv:1505.05770, §3.2):
///   p ← p − (ε/2) U'(q);  q ← q + ε p;  p ← p − (ε/2) U'(q).
/// Each of the three updates is a shear of the (q, p) plane, so the map has |det J| = 1: volume
/// is preserved and the flow needs no log-det (log q is carried along unchanged). It is
/// reversible: flip p, take the same steps, flip p again, and the start comes back.
class Leapfrog {
public:
    /// Throws std::invalid_argument unless ε is finite and non-zero and 1 ≤ steps ≤ 100000.
    Leapfrog(Potential1D potential, double stepSize, int steps = 1);

    PhasePoint map(PhasePoint x) const;  ///< `steps` leapfrog steps
    /// The exact Jacobian of map() (the product of the shears, with U''), row-major
    /// {∂q'/∂q, ∂q'/∂p, ∂p'/∂q, ∂p'/∂p}.
    std::array<double, 4> jacobian(PhasePoint x) const;
    /// H(q, p).
    double energy(PhasePoint x) const;
    /// The trajectory x, map¹(x), …, map^n(x) with one step each (n + 1 points).
    std::vector<PhasePoint> orbit(PhasePoint x, int n) const;

    const Potential1D& potential() const { return m_potential; }
    double stepSize() const { return m_eps; }
    int steps() const { return m_steps; }

private:
    Potential1D m_potential;
    double m_eps;
    int m_steps;
};

/// log|det J| of the map on a grid of (q, p) cell centres (x = q, y = p), by five-point central
/// differences of map() with step `h` — a measurement, independent of jacobian(), so the heatmap
/// shows what the map does rather than what the formula promises.
ScalarGrid leapfrogLogdetGrid(const Leapfrog& leapfrog, const GridSpec& grid, double h = 3e-5);

/// The lines of a coordinate grid of phase space over `grid`'s bounds (`lines` per direction,
/// `points` a line) and their images under the map: {before, after}, vertical lines first.
std::array<std::vector<Polyline>, 2> leapfrogWarpedGrid(const Leapfrog& leapfrog, const GridSpec& grid, int lines,
                                                        int points);

/// Level sets of H over `grid`'s bounds, the phase portrait: `levels` contours from just above
/// min H up to the given quantile of H on the grid.
std::vector<Polyline> hamiltonianLevelSets(const Potential1D& potential, const GridSpec& grid, int levels);

}  // namespace flowscope
