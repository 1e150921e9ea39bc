#pragma once
/// \file The colour maps of the density views, the thumbnails and the log-det view, built from the
/// core's stops (types/color_maps.h), so a colour means the same in every panel and every PNG.

#include "types/color_maps.h"

#include <QRgb>

class QCPColorGradient;

namespace flowscope::ui {

/// Viridis (dark purple → blue → green → yellow), opaque; t is clamped to [0, 1].
QRgb viridisRgb(double t);

/// viridisRgb as a QCustomPlot gradient (QCustomPlot 2.1 ships no viridis preset).
QCPColorGradient viridisGradient();

/// Diverging blue → white → red gradient; position ½ (a value of 0 on a symmetric range) is
/// exactly white.
QCPColorGradient divergingGradient();

}  // namespace flowscope::ui
