#pragma once

#include "analysis/grid.h"

#include <QColor>
#include <QImage>

namespace flowscope {

/// Colour scales shared by the CLI's PNG exports (the explorer uses QCustomPlot's gradients).
enum class ColorScale {
    Density,    ///< sequential, dark → bright (viridis-like), for densities
    Diverging,  ///< blue ← white (0) → red, for log-dets, symmetric around 0
};

/// Colour for t ∈ [0, 1] on `scale` (t = ½ is white on the diverging scale).
QColor colorAt(ColorScale scale, double t);

/// A grid as an image, y pointing up (row 0 of the image is the top, y1).
/// Density: exp(values) mapped linearly from 0 to its maximum. Diverging: values mapped
/// symmetrically on [−m, m] with m = max |value| (or `range` when > 0), so 0 is white.
QImage heatmapImage(const ScalarGrid& grid, ColorScale scale, bool valuesAreLog = true, double range = 0.0);

}  // namespace flowscope
