#include "widgets/heat_image.h"

#include "widgets/color_maps.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace flowscope::ui {

QImage densityThumbnail(const ScalarGrid& logDensity, int size) {
    if (size < 1 || !logDensity.complete()) return QImage();
    const int nx = static_cast<int>(logDensity.spec.nx), ny = static_cast<int>(logDensity.spec.ny);

    std::vector<double> density(static_cast<std::size_t>(nx) * ny);
    double maxValue = 0.0;
    for (std::size_t k = 0; k < density.size(); ++k) {
        const double v = std::exp(static_cast<double>(logDensity.values[k]));
        density[k] = std::isfinite(v) ? v : 0.0;
        maxValue = std::max(maxValue, density[k]);
    }
    const double scale = maxValue > 0.0 ? 1.0 / maxValue : 0.0;

    QImage image(size, size, QImage::Format_RGB32);
    for (int row = 0; row < size; ++row) {
        // Image row 0 is the top (largest y); fractional cell coordinates of the pixel centre.
        const double cy = std::clamp((size - row - 0.5) / size * ny - 0.5, 0.0, ny - 1.0);
        const int j0 = static_cast<int>(cy), j1 = std::min(j0 + 1, ny - 1);
        const double fy = cy - j0;
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        for (int col = 0; col < size; ++col) {
            const double cx = std::clamp((col + 0.5) / size * nx - 0.5, 0.0, nx - 1.0);
            const int i0 = static_cast<int>(cx), i1 = std::min(i0 + 1, nx - 1);
            const double fx = cx - i0;
            const auto at = [&](int i, int j) { return density[static_cast<std::size_t>(j) * nx + i]; };
            const double v =
                (1 - fy) * ((1 - fx) * at(i0, j0) + fx * at(i1, j0)) + fy * ((1 - fx) * at(i0, j1) + fx * at(i1, j1));
            line[col] = viridisRgb(v * scale);
        }
    }
    return image;
}

}  // namespace flowscope::ui
