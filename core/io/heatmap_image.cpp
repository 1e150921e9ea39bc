#include "io/heatmap_image.h"

#include <algorithm>
#include <cmath>

namespace flowscope {

QImage heatmapImage(const ScalarGrid& grid, ColorScale scale, bool valuesAreLog, double range) {
    const int w = static_cast<int>(grid.spec.nx), h = static_cast<int>(grid.spec.ny);
    QImage img(w, h, QImage::Format_RGB32);
    double top = 0.0;
    for (float v : grid.values) {
        const double x =
            scale == ColorScale::Density ? (valuesAreLog ? std::exp(double(v)) : double(v)) : std::abs(double(v));
        if (std::isfinite(x)) top = std::max(top, x);
    }
    if (range > 0.0) top = range;
    if (top <= 0.0) top = 1.0;
    for (int j = 0; j < h; ++j) {
        auto* row = reinterpret_cast<QRgb*>(img.scanLine(h - 1 - j));
        for (int i = 0; i < w; ++i) {
            const double v = grid.at(i, j);
            const double t =
                scale == ColorScale::Density ? (valuesAreLog ? std::exp(v) : v) / top : 0.5 + 0.5 * v / top;
            row[i] = colorAt(scale, t) | 0xff000000u;
        }
    }
    return img;
}

}  // namespace flowscope
