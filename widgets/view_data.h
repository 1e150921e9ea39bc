#pragma once
/// \file Plain value types the app hands to the widgets (no Qt containers, no tensors), so a
/// worker thread can fill them and the GUI thread can draw them without knowing the flow library.

#include <vector>

namespace flowscope::ui {

/// A scalar field sampled on a regular grid: values[j*nx + i] is the value at the cell centre
/// (x0 + (i+½)(x1−x0)/nx, y0 + (j+½)(y1−y0)/ny); row j = 0 is the bottom row (y grows upwards).
struct HeatGrid {
    int nx = 0, ny = 0;
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    std::vector<float> values;
};

/// One open polyline in data coordinates (a warped grid line or an energy contour).
struct Polyline {
    std::vector<double> x, y;
};

/// The geometry of the layer that produced the current step, drawn over the density.
/// Planar: the hyperplane wᵀz + b = 0 and the direction û. Radial: the centre z0, α > 0 and the
/// sign of β (β < 0 contracts towards z0, β > 0 pushes away). Coupling: keptAxis is the axis
/// (0 = z₁, 1 = z₂) that passes through unchanged and conditions the other one.
struct LayerShape {
    enum class Kind { None, Hyperplane, Radial, Coupling } kind = Kind::None;
    double w[2]{}, b = 0, uHat[2]{};
    double centre[2]{}, alpha = 0, beta = 0;
    int keptAxis = 0;
};

}  // namespace flowscope::ui
