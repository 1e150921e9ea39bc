#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace flowscope {

/// A regular grid of cell centres over [x0, x1] × [y0, y1]: point (i, j) is
/// (x0 + (i + ½)·dx, y0 + (j + ½)·dy). Plain value type (no tensors), so widgets can take it.
struct GridSpec {
    int64_t nx = 128, ny = 128;
    double x0 = -4, x1 = 4, y0 = -4, y1 = 4;

    double dx() const { return (x1 - x0) / static_cast<double>(nx); }
    double dy() const { return (y1 - y0) / static_cast<double>(ny); }
    double x(int64_t i) const { return x0 + (static_cast<double>(i) + 0.5) * dx(); }
    double y(int64_t j) const { return y0 + (static_cast<double>(j) + 0.5) * dy(); }
    int64_t size() const { return nx * ny; }
};

/// Throws std::invalid_argument unless sizes are 1…4096 and bounds finite and increasing.
void validate(const GridSpec& grid);

/// Values on a grid, row-major: values[j * nx + i] at (x(i), y(j)).
struct ScalarGrid {
    GridSpec spec;
    std::vector<float> values;

    float at(int64_t i, int64_t j) const { return values[static_cast<size_t>(j * spec.nx + i)]; }
    /// ∫ exp(values) by the midpoint rule (values hold a log density).
    double integralOfExp() const;
    float minValue() const;
    float maxValue() const;
};

/// A polyline in the plane.
struct Polyline {
    std::vector<double> x, y;
};

}  // namespace flowscope
