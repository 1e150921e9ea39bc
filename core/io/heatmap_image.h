#pragma once

#include "analysis/grid.h"
#include "types/color_maps.h"

#include <QImage>

namespace flowscope {

/// A grid as an image in the explorer's colours (types/color_maps.h), y pointing up (row 0 of the image is the top, y1).
/// Density: exp(values) mapped linearly from 0 to its maximum (or to `range` when > 0, so several
/// images share one scale). Diverging: values mapped
/// symmetrically on [−m, m] with m = max |value| (or `range` when > 0), so 0 is white.
QImage heatmapImage(const ScalarGrid& grid, ColorScale scale, bool valuesAreLog = true, double range = 0.0);

}  // namespace flowscope
