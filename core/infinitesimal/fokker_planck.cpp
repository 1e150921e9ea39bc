#include "infinitesimal/fokker_planck.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace flowscope {

namespace {

/// B(x) = x / (eˣ − 1), with B(0) = 1 and no cancellation near 0 or overflow for large |x|.
double bernoulli(double x) {
    if (std::abs(x) < 1e-6) return 1.0 - x / 2.0;
    if (x > 700) return x * std::exp(-x);
    return x / std::expm1(x);
}

void checkGrid(const GridSpec& g) {
    if (g.nx < 2 || g.ny < 2 || g.nx > 4096 || g.ny > 4096)
        throw std::invalid_argument("the Fokker–Planck grid needs 2…4096 cells a side, got " + std::to_string(g.nx) +
                                    "×" + std::to_string(g.ny));
    if (!(std::isfinite(g.x0) && std::isfinite(g.x1) && std::isfinite(g.y0) && std::isfinite(g.y1)) || !(g.x1 > g.x0) ||
        !(g.y1 > g.y0))
        throw std::invalid_argument("the Fokker–Planck grid needs finite bounds with x0 < x1 and y0 < y1");
}

}  // namespace

FokkerPlanckSolver::FokkerPlanckSolver(const GridSpec& grid, std::vector<double> potential, double safety)
    : m_grid(grid) {
    checkGrid(grid);
    const auto n = static_cast<size_t>(grid.size());
    if (potential.size() != n)
        throw std::invalid_argument("the potential needs one value per cell: expected " + std::to_string(n) + ", got " +
                                    std::to_string(potential.size()));
    if (!(safety > 0 && safety <= 1))
        throw std::invalid_argument("the step's safety factor must be in (0, 1], got " + std::to_string(safety));
    for (double u : potential)
        if (!std::isfinite(u)) throw std::invalid_argument("the potential U is not finite on every cell");
    m_cellArea = grid.dx() * grid.dy();

    // Stationary state, shifted by min U so the exponentials cannot overflow.
    const double uMin = *std::min_element(potential.begin(), potential.end());
    m_pi.resize(n);
    double sum = 0;
    for (size_t i = 0; i < n; ++i) sum += (m_pi[i] = std::exp(-(potential[i] - uMin)));
    for (double& v : m_pi) v /= sum * m_cellArea;

    const int64_t nx = grid.nx, ny = grid.ny;
    const double hx2 = grid.dx() * grid.dx(), hy2 = grid.dy() * grid.dy();
    m_xForward.assign(n, 0.0), m_xBackward.assign(n, 0.0), m_yForward.assign(n, 0.0), m_yBackward.assign(n, 0.0);
    std::vector<double> outflow(n, 0.0);
    for (int64_t j = 0; j < ny; ++j)
        for (int64_t i = 0; i < nx; ++i) {
            const size_t c = static_cast<size_t>(j * nx + i);
            if (i + 1 < nx) {  // the face between c and its right neighbour
                const double du = potential[c + 1] - potential[c];
                m_xForward[c] = bernoulli(du) / hx2;
                m_xBackward[c] = bernoulli(-du) / hx2;
                outflow[c] += m_xForward[c];
                outflow[c + 1] += m_xBackward[c];
            }
            if (j + 1 < ny) {  // the face between c and the cell above
                const size_t up = c + static_cast<size_t>(nx);
                const double du = potential[up] - potential[c];
                m_yForward[c] = bernoulli(du) / hy2;
                m_yBackward[c] = bernoulli(-du) / hy2;
                outflow[c] += m_yForward[c];
                outflow[up] += m_yBackward[c];
            }
        }
    m_dt = safety / *std::max_element(outflow.begin(), outflow.end());
    m_p = m_pi;
    m_next.resize(n);
}

void FokkerPlanckSolver::setGaussian(double meanX, double meanY, double sigma) {
    if (!std::isfinite(meanX) || !std::isfinite(meanY) || !(sigma > 0) || !std::isfinite(sigma))
        throw std::invalid_argument("the starting Gaussian needs a finite mean and σ > 0");
    std::vector<double> p(static_cast<size_t>(m_grid.size()));
    double maxLog = -std::numeric_limits<double>::infinity();
    for (int64_t j = 0; j < m_grid.ny; ++j)
        for (int64_t i = 0; i < m_grid.nx; ++i) {
            const double dx = m_grid.x(i) - meanX, dy = m_grid.y(j) - meanY;
            const double l = -(dx * dx + dy * dy) / (2 * sigma * sigma);
            p[static_cast<size_t>(j * m_grid.nx + i)] = l;
            maxLog = std::max(maxLog, l);
        }
    for (double& v : p) v = std::exp(v - maxLog);  // the largest cell is 1: some mass always remains
    setDensity(std::move(p));
}

void FokkerPlanckSolver::setDensity(std::vector<double> density) {
    if (density.size() != m_p.size())
        throw std::invalid_argument("the density needs one value per cell: expected " + std::to_string(m_p.size()) +
                                    ", got " + std::to_string(density.size()));
    double sum = 0;
    for (double v : density) {
        if (!std::isfinite(v) || v < 0) throw std::invalid_argument("the density must be finite and non-negative");
        sum += v;
    }
    if (!(sum > 0) || !std::isfinite(sum)) throw std::invalid_argument("the density has no mass on the grid");
    for (double& v : density) v /= sum * m_cellArea;
    m_p = std::move(density);
    m_time = 0;
    m_steps = 0;
}

void FokkerPlanckSolver::step(double dt) {
    const int64_t nx = m_grid.nx, ny = m_grid.ny;
    std::copy(m_p.begin(), m_p.end(), m_next.begin());
    for (int64_t j = 0; j < ny; ++j)
        for (int64_t i = 0; i < nx; ++i) {
            const size_t c = static_cast<size_t>(j * nx + i);
            if (i + 1 < nx) {
                const double flow = dt * (m_xForward[c] * m_p[c] - m_xBackward[c] * m_p[c + 1]);
                m_next[c] -= flow;
                m_next[c + 1] += flow;
            }
            if (j + 1 < ny) {
                const size_t up = c + static_cast<size_t>(nx);
                const double flow = dt * (m_yForward[c] * m_p[c] - m_yBackward[c] * m_p[up]);
                m_next[c] -= flow;
                m_next[up] += flow;
            }
        }
    // Rounding can leave −1e-300 where a cell is empty; the scheme itself never goes below zero.
    for (double& v : m_next) v = std::max(v, 0.0);
    m_p.swap(m_next);
    m_time += dt;
    ++m_steps;
}

void FokkerPlanckSolver::advance(double duration) {
    if (!(duration >= 0) || !std::isfinite(duration))
        throw std::invalid_argument("the time to advance must be finite and non-negative, got " +
                                    std::to_string(duration));
    const double end = m_time + duration;
    while (m_time < end) {
        const double remaining = end - m_time;
        if (remaining <= m_dt * 1e-12) {
            m_time = end;
            break;
        }
        step(std::min(m_dt, remaining));
    }
}

double FokkerPlanckSolver::mass() const {
    double sum = 0;
    for (double v : m_p) sum += v;
    return sum * m_cellArea;
}

double FokkerPlanckSolver::minDensity() const { return *std::min_element(m_p.begin(), m_p.end()); }

double FokkerPlanckSolver::klToStationary() const {
    double kl = 0;
    for (size_t i = 0; i < m_p.size(); ++i)
        if (m_p[i] > 0) kl += m_p[i] * std::log(m_p[i] / m_pi[i]);
    return std::max(0.0, kl * m_cellArea);
}

ScalarGrid FokkerPlanckSolver::logDensity() const {
    ScalarGrid out{m_grid, std::vector<float>(m_p.size())};
    for (size_t i = 0; i < m_p.size(); ++i)
        out.values[i] = m_p[i] > 0 ? static_cast<float>(std::log(m_p[i])) : std::numeric_limits<float>::lowest();
    return out;
}

}  // namespace flowscope
