#include "infinitesimal/point_potential.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace flowscope {

namespace {
constexpr double kLog2Pi = 1.8378770664093453;
}

PointPotential::PointPotential(const std::vector<float>& xy, double bandwidth) : m_h(bandwidth) {
    if (!(bandwidth > 0.0) || bandwidth > 10.0)
        throw std::invalid_argument("a drawn shape's bandwidth must be in (0, 10], got " + std::to_string(bandwidth));
    if (xy.size() % 2 != 0) throw std::invalid_argument("a drawn shape needs x, y pairs (an odd number of values)");
    const size_t n = xy.size() / 2;
    if (n < 2) throw std::invalid_argument("draw at least two points for a Langevin target");
    for (float v : xy)
        if (!std::isfinite(v)) throw std::invalid_argument("a drawn point is not a finite number");
    // An even subsample: point i·n/m for i < m.
    const size_t m = std::min(n, kMaxPoints);
    m_x.reserve(m);
    m_y.reserve(m);
    for (size_t i = 0; i < m; ++i) {
        const size_t k = i * n / m;
        m_x.push_back(xy[2 * k]);
        m_y.push_back(xy[2 * k + 1]);
    }
}

double PointPotential::evaluate(double x, double y, double* gx, double* gy) const {
    const double inv2h2 = 0.5 / (m_h * m_h);
    // log Σ exp(a_i), a_i = −‖z − p_i‖²/(2h²), around its largest term.
    double amax = -std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < m_x.size(); ++i) {
        const double dx = x - m_x[i], dy = y - m_y[i];
        amax = std::max(amax, -(dx * dx + dy * dy) * inv2h2);
    }
    double sum = 0, sx = 0, sy = 0;
    for (size_t i = 0; i < m_x.size(); ++i) {
        const double dx = x - m_x[i], dy = y - m_y[i];
        const double e = std::exp(-(dx * dx + dy * dy) * inv2h2 - amax);
        sum += e;
        sx += e * dx;
        sy += e * dy;
    }
    const double n = static_cast<double>(m_x.size());
    // log p̂ = logsumexp(a) − log n − log(2π h²).
    const double logDensity = amax + std::log(sum) - std::log(n) - kLog2Pi - 2.0 * std::log(m_h);
    if (gx) *gx = sx / (sum * m_h * m_h);
    if (gy) *gy = sy / (sum * m_h * m_h);
    return -logDensity;
}

std::vector<double> PointPotential::onCells(const GridSpec& grid) const {
    std::vector<double> u(static_cast<size_t>(grid.size()));
    for (int64_t j = 0; j < grid.ny; ++j)
        for (int64_t i = 0; i < grid.nx; ++i) u[static_cast<size_t>(j * grid.nx + i)] = evaluate(grid.x(i), grid.y(j));
    return u;
}

std::function<void(double, double, double&, double&)> tabulatedGradient(const PointPotential& potential,
                                                                        const GridSpec& grid) {
    const size_t n = static_cast<size_t>(grid.size());
    auto gx = std::make_shared<std::vector<double>>(n), gy = std::make_shared<std::vector<double>>(n);
    for (int64_t j = 0; j < grid.ny; ++j)
        for (int64_t i = 0; i < grid.nx; ++i) {
            const size_t k = static_cast<size_t>(j * grid.nx + i);
            potential.evaluate(grid.x(i), grid.y(j), &(*gx)[k], &(*gy)[k]);
        }
    return [potential, grid, gx, gy](double x, double y, double& outX, double& outY) {
        // Cell-centre coordinates: centre i sits at u = i.
        const double u = (x - grid.x0) / (grid.x1 - grid.x0) * grid.nx - 0.5;
        const double v = (y - grid.y0) / (grid.y1 - grid.y0) * grid.ny - 0.5;
        if (!(u >= 0 && v >= 0 && u <= grid.nx - 1 && v <= grid.ny - 1)) {
            potential.evaluate(x, y, &outX, &outY);
            return;
        }
        const int64_t i = std::min<int64_t>(static_cast<int64_t>(u), grid.nx - 2);
        const int64_t j = std::min<int64_t>(static_cast<int64_t>(v), grid.ny - 2);
        const double fu = u - i, fv = v - j;
        auto at = [&](const std::vector<double>& g, int64_t di, int64_t dj) {
            return g[static_cast<size_t>((j + dj) * grid.nx + i + di)];
        };
        auto lerp = [&](const std::vector<double>& g) {
            return (1 - fv) * ((1 - fu) * at(g, 0, 0) + fu * at(g, 1, 0)) +
                   fv * ((1 - fu) * at(g, 0, 1) + fu * at(g, 1, 1));
        };
        outX = lerp(*gx);
        outY = lerp(*gy);
    };
}

}  // namespace flowscope
