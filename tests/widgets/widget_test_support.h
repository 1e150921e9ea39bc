#pragma once
/// \file Helpers shared by the widget tests: analytic grids and the optional screenshot folder.

#include "types/plane.h"

#include <QImage>
#include <QString>
#include <QtGlobal>

#include <cmath>

namespace flowscope::test {

/// log N((cx, cy), σ² I) on an n × n grid over [lo, hi]².
inline ScalarGrid gaussianLogGrid(double cx, double cy, double sigma, int n, double lo, double hi) {
    ScalarGrid grid;
    grid.spec.nx = grid.spec.ny = n;
    grid.spec.x0 = grid.spec.y0 = lo;
    grid.spec.x1 = grid.spec.y1 = hi;
    grid.values.resize(static_cast<std::size_t>(n) * n);
    const double cell = (hi - lo) / n;
    for (int j = 0; j < n; ++j) {
        for (int i = 0; i < n; ++i) {
            const double x = lo + (i + 0.5) * cell, y = lo + (j + 0.5) * cell;
            const double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
            grid.values[static_cast<std::size_t>(j) * n + i] =
                static_cast<float>(-0.5 * r2 / (sigma * sigma) - std::log(2.0 * M_PI * sigma * sigma));
        }
    }
    return grid;
}

/// Folder for screenshots (FLOWSCOPE_SCREENSHOT_DIR), or empty when none was asked for.
inline QString screenshotDir() { return qEnvironmentVariable("FLOWSCOPE_SCREENSHOT_DIR"); }

/// Perceived brightness of a pixel.
inline double luminance(QRgb c) { return 0.299 * qRed(c) + 0.587 * qGreen(c) + 0.114 * qBlue(c); }

}  // namespace flowscope::test
