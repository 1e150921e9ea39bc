#include "io/heatmap_image.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace flowscope {

namespace {

struct Stop {
    double t;
    int r, g, b;
};

// Viridis, sampled at nine points.
constexpr std::array<Stop, 9> kDensity{{{0.000, 68, 1, 84},
                                        {0.125, 71, 44, 122},
                                        {0.250, 59, 81, 139},
                                        {0.375, 44, 113, 142},
                                        {0.500, 33, 144, 141},
                                        {0.625, 39, 173, 129},
                                        {0.750, 92, 200, 99},
                                        {0.875, 170, 220, 50},
                                        {1.000, 253, 231, 37}}};
// Blue–white–red (ColorBrewer RdBu, reversed), white exactly at ½.
constexpr std::array<Stop, 7> kDiverging{{{0.000, 33, 102, 172},
                                          {0.167, 103, 169, 207},
                                          {0.333, 209, 229, 240},
                                          {0.500, 255, 255, 255},
                                          {0.667, 253, 219, 199},
                                          {0.833, 239, 138, 98},
                                          {1.000, 178, 24, 43}}};

template <size_t N>
QColor interpolate(const std::array<Stop, N>& stops, double t) {
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
    for (size_t i = 1; i < N; ++i) {
        if (t <= stops[i].t) {
            const double f = (t - stops[i - 1].t) / (stops[i].t - stops[i - 1].t);
            auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + f * (b - a))); };
            return QColor(mix(stops[i - 1].r, stops[i].r), mix(stops[i - 1].g, stops[i].g),
                          mix(stops[i - 1].b, stops[i].b));
        }
    }
    return QColor(stops[N - 1].r, stops[N - 1].g, stops[N - 1].b);
}

}  // namespace

QColor colorAt(ColorScale scale, double t) {
    return scale == ColorScale::Density ? interpolate(kDensity, t) : interpolate(kDiverging, t);
}

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
            row[i] = colorAt(scale, t).rgb();
        }
    }
    return img;
}

}  // namespace flowscope
