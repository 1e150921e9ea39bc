#pragma once
/// \file The colour maps shared by the density views, the thumbnails and the log-det view, so a
/// colour means the same thing in every panel.

#include <QRgb>

class QCPColorGradient;

namespace flowscope::ui {

/// Viridis-like perceptual sequential map (dark purple → blue → green → yellow); t is clamped
/// to [0, 1]. Interpolates the same stops as viridisGradient().
QRgb viridisRgb(double t);

/// viridisRgb as a QCustomPlot gradient (QCustomPlot 2.1 ships no viridis preset).
QCPColorGradient viridisGradient();

/// Diverging blue → white → red gradient; position ½ (a value of 0 on a symmetric range) is
/// exactly white.
QCPColorGradient divergingGradient();

}  // namespace flowscope::ui
