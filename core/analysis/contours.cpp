#include "analysis/contours.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace flowscope {

namespace {

constexpr double kGap = std::numeric_limits<double>::quiet_NaN();

struct Point {
    double x, y;
};

/// Where the level crosses the edge between two corners (linear interpolation).
Point crossing(double x0, double y0, double v0, double x1, double y1, double v1, double level) {
    const double t = (v1 == v0) ? 0.5 : (level - v0) / (v1 - v0);
    return {x0 + t * (x1 - x0), y0 + t * (y1 - y0)};
}

}  // namespace

std::vector<Polyline> contourLines(const ScalarGrid& grid, const std::vector<double>& levels) {
    const auto& g = grid.spec;
    std::vector<Polyline> out;
    for (double level : levels) {
        Polyline line;
        auto segment = [&](Point a, Point b) {
            line.x.insert(line.x.end(), {a.x, b.x, kGap});
            line.y.insert(line.y.end(), {a.y, b.y, kGap});
        };
        for (int64_t j = 0; j + 1 < g.ny; ++j)
            for (int64_t i = 0; i + 1 < g.nx; ++i) {
                // Corners counter-clockwise from bottom-left.
                const double xs[4] = {g.x(i), g.x(i + 1), g.x(i + 1), g.x(i)};
                const double ys[4] = {g.y(j), g.y(j), g.y(j + 1), g.y(j + 1)};
                const double vs[4] = {grid.at(i, j), grid.at(i + 1, j), grid.at(i + 1, j + 1), grid.at(i, j + 1)};
                int mask = 0;
                for (int c = 0; c < 4; ++c)
                    if (vs[c] >= level) mask |= 1 << c;
                if (mask == 0 || mask == 15) continue;
                Point p[4];
                int n = 0;
                for (int e = 0; e < 4; ++e) {
                    const int a = e, b = (e + 1) % 4;
                    if (((mask >> a) & 1) != ((mask >> b) & 1))
                        p[n++] = crossing(xs[a], ys[a], vs[a], xs[b], ys[b], vs[b], level);
                }
                if (n == 2) {
                    segment(p[0], p[1]);
                } else if (n == 4) {
                    // Saddle: pair the crossings by the centre value.
                    const double centre = 0.25 * (vs[0] + vs[1] + vs[2] + vs[3]);
                    const bool joinFirst = (centre >= level) == ((mask & 1) != 0);
                    if (joinFirst) {
                        segment(p[0], p[1]);
                        segment(p[2], p[3]);
                    } else {
                        segment(p[0], p[3]);
                        segment(p[1], p[2]);
                    }
                }
            }
        out.push_back(std::move(line));
    }
    return out;
}

std::vector<Polyline> densityContours(const ScalarGrid& energy, const std::vector<double>& fractionsOfMax) {
    ScalarGrid density = energy;
    const float uMin = energy.minValue();
    for (float& v : density.values) v = std::exp(uMin - v);  // exp(−U) / max, in (0, 1]
    return contourLines(density, fractionsOfMax);
}

std::vector<Polyline> massContours(const ScalarGrid& logDensity, const std::vector<double>& masses) {
    if (!logDensity.complete()) return {};
    const float peak = logDensity.maxValue();
    ScalarGrid density = logDensity;
    for (float& v : density.values) v = std::exp(v - peak);  // relative to the peak, in (0, 1]
    std::vector<float> sorted = density.values;
    std::sort(sorted.begin(), sorted.end(), std::greater<float>());
    double total = 0;
    for (float v : sorted) total += v;
    std::vector<double> levels;
    for (double m : masses) {
        if (!(m > 0 && m < 1) || !(total > 0)) continue;
        double cumulative = 0;
        for (float v : sorted) {
            cumulative += v;
            if (cumulative >= m * total) {
                levels.push_back(v);
                break;
            }
        }
    }
    return contourLines(density, levels);
}

std::vector<Polyline> energyContours(const Energy& energy, const GridSpec& grid) {
    validate(grid);
    ScalarGrid u{grid, std::vector<float>(static_cast<size_t>(grid.size()))};
    for (int64_t j = 0; j < grid.ny; ++j)
        for (int64_t i = 0; i < grid.nx; ++i)
            u.values[static_cast<size_t>(j * grid.nx + i)] = static_cast<float>(energy.evaluate(grid.x(i), grid.y(j)));
    return densityContours(u, {0.9, 0.5, 0.1, 0.01});
}

}  // namespace flowscope
