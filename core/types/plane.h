#pragma once
/// \file Values in the plane that the core computes and the widgets draw: a grid of cell centres,
/// a scalar field on it, a polyline. Header-only plain types (no tensors, no Qt), so a worker
/// fills them and the GUI thread draws them without converting.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace flowscope {

/// A regular grid of cell centres over [x0, x1] × [y0, y1]: point (i, j) is
/// (x0 + (i + ½)·dx, y0 + (j + ½)·dy).
struct GridSpec {
    int64_t nx = 128, ny = 128;
    double x0 = -4, x1 = 4, y0 = -4, y1 = 4;

    double dx() const { return (x1 - x0) / static_cast<double>(nx); }
    double dy() const { return (y1 - y0) / static_cast<double>(ny); }
    double x(int64_t i) const { return x0 + (static_cast<double>(i) + 0.5) * dx(); }
    double y(int64_t j) const { return y0 + (static_cast<double>(j) + 0.5) * dy(); }
    int64_t size() const { return nx * ny; }
};

/// Values on a grid, row-major: values[j * nx + i] at (x(i), y(j)); row j = 0 is the bottom row.
struct ScalarGrid {
    GridSpec spec;
    std::vector<float> values;

    /// Whether `values` holds one value per cell of a non-empty grid.
    bool complete() const {
        return spec.nx > 0 && spec.ny > 0 && values.size() == static_cast<size_t>(spec.nx * spec.ny);
    }
    float at(int64_t i, int64_t j) const { return values[static_cast<size_t>(j * spec.nx + i)]; }
    /// ∫ exp(values) by the midpoint rule (values hold a log density).
    double integralOfExp() const {
        double sum = 0.0;
        for (float v : values) sum += std::exp(static_cast<double>(v));
        return sum * spec.dx() * spec.dy();
    }
    float minValue() const { return values.empty() ? 0.0f : *std::min_element(values.begin(), values.end()); }
    float maxValue() const { return values.empty() ? 0.0f : *std::max_element(values.begin(), values.end()); }
};

/// An open polyline in data coordinates (a warped grid line, an energy contour).
struct Polyline {
    std::vector<double> x, y;
};

}  // namespace flowscope
