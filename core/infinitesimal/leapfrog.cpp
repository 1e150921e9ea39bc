#include "infinitesimal/leapfrog.h"

#include "analysis/contours.h"
#include "analysis/grid.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace flowscope {

Leapfrog::Leapfrog(Potential1D potential, double stepSize, int steps)
    : m_potential(potential), m_eps(stepSize), m_steps(steps) {
    if (!std::isfinite(stepSize) || stepSize == 0)
        throw std::invalid_argument("the leapfrog step ε must be finite and non-zero, got " + std::to_string(stepSize));
    if (steps < 1 || steps > 100000)
        throw std::invalid_argument("leapfrog steps must be 1…100000, got " + std::to_string(steps));
}

PhasePoint Leapfrog::map(PhasePoint x) const {
    for (int s = 0; s < m_steps; ++s) {
        x.p -= 0.5 * m_eps * m_potential.gradient(x.q);
        x.q += m_eps * x.p;
        x.p -= 0.5 * m_eps * m_potential.gradient(x.q);
    }
    return x;
}

std::array<double, 4> Leapfrog::jacobian(PhasePoint x) const {
    // J accumulates the product of the shears [[1, 0], [−ε/2 U'', 1]], [[1, ε], [0, 1]], … .
    double a = 1, b = 0, c = 0, d = 1;  // [[a, b], [c, d]]
    for (int s = 0; s < m_steps; ++s) {
        double k = -0.5 * m_eps * m_potential.curvature(x.q);
        c += k * a, d += k * b;
        x.p -= 0.5 * m_eps * m_potential.gradient(x.q);
        a += m_eps * c, b += m_eps * d;
        x.q += m_eps * x.p;
        k = -0.5 * m_eps * m_potential.curvature(x.q);
        c += k * a, d += k * b;
        x.p -= 0.5 * m_eps * m_potential.gradient(x.q);
    }
    return {a, b, c, d};
}

double Leapfrog::energy(PhasePoint x) const { return m_potential.value(x.q) + 0.5 * x.p * x.p; }

std::vector<PhasePoint> Leapfrog::orbit(PhasePoint x, int n) const {
    if (n < 0 || n > 1000000) throw std::invalid_argument("an orbit needs 0…1000000 steps, got " + std::to_string(n));
    const Leapfrog one(m_potential, m_eps, 1);
    std::vector<PhasePoint> out{x};
    out.reserve(static_cast<size_t>(n) + 1);
    for (int i = 0; i < n; ++i) out.push_back(x = one.map(x));
    return out;
}

ScalarGrid leapfrogLogdetGrid(const Leapfrog& leapfrog, const GridSpec& grid, double h) {
    validate(grid);
    if (!(h > 0) || !std::isfinite(h)) throw std::invalid_argument("the finite-difference step must be positive");
    ScalarGrid out{grid, std::vector<float>(static_cast<size_t>(grid.size()))};
    for (int64_t j = 0; j < grid.ny; ++j)
        for (int64_t i = 0; i < grid.nx; ++i) {
            const double q = grid.x(i), p = grid.y(j);
            // Five-point central differences: O(h⁴), so a many-step map's curvature does not
            // masquerade as a change of volume.
            auto derivative = [&](double dq, double dp) {
                const PhasePoint a = leapfrog.map({q + 2 * dq, p + 2 * dp}), b = leapfrog.map({q + dq, p + dp});
                const PhasePoint c = leapfrog.map({q - dq, p - dp}), d = leapfrog.map({q - 2 * dq, p - 2 * dp});
                return PhasePoint{(-a.q + 8 * b.q - 8 * c.q + d.q) / (12 * h),
                                  (-a.p + 8 * b.p - 8 * c.p + d.p) / (12 * h)};
            };
            const PhasePoint dq = derivative(h, 0), dp = derivative(0, h);
            const double dqdq = dq.q, dpdq = dq.p, dqdp = dp.q, dpdp = dp.p;
            out.values[static_cast<size_t>(j * grid.nx + i)] =
                static_cast<float>(std::log(std::abs(dqdq * dpdp - dqdp * dpdq)));
        }
    return out;
}

std::array<std::vector<Polyline>, 2> leapfrogWarpedGrid(const Leapfrog& leapfrog, const GridSpec& grid, int lines,
                                                        int points) {
    validate(grid);
    if (lines < 2 || lines > 200 || points < 2 || points > 10000)
        throw std::invalid_argument("a warped grid needs 2…200 lines of 2…10000 points");
    std::array<std::vector<Polyline>, 2> out;
    auto addLine = [&](auto at) {
        Polyline before, after;
        for (int t = 0; t < points; ++t) {
            const PhasePoint x = at(static_cast<double>(t) / (points - 1));
            const PhasePoint y = leapfrog.map(x);
            before.x.push_back(x.q), before.y.push_back(x.p);
            after.x.push_back(y.q), after.y.push_back(y.p);
        }
        out[0].push_back(std::move(before));
        out[1].push_back(std::move(after));
    };
    for (int l = 0; l < lines; ++l) {
        const double q = grid.x0 + (grid.x1 - grid.x0) * l / (lines - 1);
        addLine([&](double t) { return PhasePoint{q, grid.y0 + t * (grid.y1 - grid.y0)}; });
    }
    for (int l = 0; l < lines; ++l) {
        const double p = grid.y0 + (grid.y1 - grid.y0) * l / (lines - 1);
        addLine([&](double t) { return PhasePoint{grid.x0 + t * (grid.x1 - grid.x0), p}; });
    }
    return out;
}

std::vector<Polyline> hamiltonianLevelSets(const Potential1D& potential, const GridSpec& grid, int levels) {
    validate(grid);
    if (levels < 1 || levels > 100) throw std::invalid_argument("level sets: 1…100 levels");
    ScalarGrid h{grid, std::vector<float>(static_cast<size_t>(grid.size()))};
    for (int64_t j = 0; j < grid.ny; ++j)
        for (int64_t i = 0; i < grid.nx; ++i)
            h.values[static_cast<size_t>(j * grid.nx + i)] =
                static_cast<float>(potential.value(grid.x(i)) + 0.5 * grid.y(j) * grid.y(j));
    // Levels at quantiles of H over the box, so the orbits spread over what is shown.
    std::vector<float> sorted = h.values;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> at;
    for (int l = 0; l < levels; ++l) {
        const double f = 0.7 * (l + 0.5) / levels;
        at.push_back(sorted[static_cast<size_t>(f * static_cast<double>(sorted.size() - 1))]);
    }
    return contourLines(h, at);
}

}  // namespace flowscope
