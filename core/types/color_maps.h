#pragma once
/// \file The colour maps of every picture FlowScope makes — the explorer's views and thumbnails
/// and the CLI's PNGs alike — so a colour means the same thing everywhere. Header-only, no Qt.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <utility>

namespace flowscope {

enum class ColorScale {
    Density,    ///< sequential, dark → bright (matplotlib's viridis), for densities
    Diverging,  ///< blue ← white (0) → red (ColorBrewer RdBu reversed), for log-dets
};

struct ColorStop {
    double position;  ///< in [0, 1]
    uint32_t rgb;     ///< 0xRRGGBB
};

/// matplotlib's viridis sampled at 0, 0.1, …, 1.
inline constexpr std::array<ColorStop, 11> kViridisStops{{{0.0, 0x440154},
                                                          {0.1, 0x482475},
                                                          {0.2, 0x414487},
                                                          {0.3, 0x355f8d},
                                                          {0.4, 0x2a788e},
                                                          {0.5, 0x21918c},
                                                          {0.6, 0x22a884},
                                                          {0.7, 0x44bf70},
                                                          {0.8, 0x7ad151},
                                                          {0.9, 0xbddf26},
                                                          {1.0, 0xfde725}}};
/// ColorBrewer RdBu reversed (blue for negative), pure white exactly at ½.
inline constexpr std::array<ColorStop, 9> kDivergingStops{{{0.0, 0x053061},
                                                           {0.125, 0x2166ac},
                                                           {0.25, 0x4393c3},
                                                           {0.375, 0x92c5de},
                                                           {0.5, 0xffffff},
                                                           {0.625, 0xf4a582},
                                                           {0.75, 0xd6604d},
                                                           {0.875, 0xb2182b},
                                                           {1.0, 0x67001f}}};

/// The stops of `scale`, for building a gradient (first: pointer, second: count).
inline std::pair<const ColorStop*, size_t> colorStops(ColorScale scale) {
    if (scale == ColorScale::Density) return {kViridisStops.data(), kViridisStops.size()};
    return {kDivergingStops.data(), kDivergingStops.size()};
}

/// The colour at t on `scale` as 0xRRGGBB, linear in RGB between stops; t is clamped to [0, 1]
/// and NaN gives the lowest colour.
inline uint32_t colorAt(ColorScale scale, double t) {
    const auto [stops, n] = colorStops(scale);
    if (!(t > 0.0)) return stops[0].rgb;
    if (t >= 1.0) return stops[n - 1].rgb;
    size_t i = 1;
    while (i < n - 1 && t > stops[i].position) ++i;
    const double f = (t - stops[i - 1].position) / (stops[i].position - stops[i - 1].position);
    auto channel = [f](uint32_t a, uint32_t b, int shift) {
        const double lo = (a >> shift) & 0xff, hi = (b >> shift) & 0xff;
        return static_cast<uint32_t>(std::lround(lo + f * (hi - lo))) << shift;
    };
    const uint32_t a = stops[i - 1].rgb, b = stops[i].rgb;
    return channel(a, b, 16) | channel(a, b, 8) | channel(a, b, 0);
}

}  // namespace flowscope
