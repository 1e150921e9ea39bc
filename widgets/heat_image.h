#pragma once
/// \file densityThumbnail: a log-density grid as a small viridis image for the step strip.

#include "types/plane.h"

#include <QImage>

namespace flowscope::ui {

/// exp(logDensity) scaled to 0 … max on the same viridis-like colours as DensityView, as a
/// size × size image with y growing upwards (row 0 of the image is the top of the grid), sampled
/// at pixel centres with bilinear interpolation between cell centres. A null image for an empty
/// grid or size < 1.
QImage densityThumbnail(const ScalarGrid& logDensity, int size);

}  // namespace flowscope::ui
