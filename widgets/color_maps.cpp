#include "widgets/color_maps.h"

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace flowscope::ui {
namespace {

struct Stop {
    double position;
    QRgb rgb;
};

// Sampled from matplotlib's viridis at 0, 0.1, …, 1.
constexpr std::array<Stop, 11> kViridis{{{0.0, 0x440154},
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

// ColorBrewer RdBu (reversed: blue for negative), with pure white in the middle.
constexpr std::array<Stop, 9> kDiverging{{{0.0, 0x053061},
                                          {0.125, 0x2166ac},
                                          {0.25, 0x4393c3},
                                          {0.375, 0x92c5de},
                                          {0.5, 0xffffff},
                                          {0.625, 0xf4a582},
                                          {0.75, 0xd6604d},
                                          {0.875, 0xb2182b},
                                          {1.0, 0x67001f}}};

int lerpChannel(int a, int b, double f) { return static_cast<int>(std::lround(a + (b - a) * f)); }

}  // namespace

QRgb viridisRgb(double t) {
    if (!(t > 0.0)) return kViridis.front().rgb | 0xff000000u;  // also NaN
    if (t >= 1.0) return kViridis.back().rgb | 0xff000000u;
    const double scaled = t * (kViridis.size() - 1);
    const auto index = std::min(static_cast<std::size_t>(scaled), kViridis.size() - 2);
    const double f = scaled - static_cast<double>(index);
    const QRgb a = kViridis[index].rgb, b = kViridis[index + 1].rgb;
    return qRgb(lerpChannel(qRed(a), qRed(b), f), lerpChannel(qGreen(a), qGreen(b), f),
                lerpChannel(qBlue(a), qBlue(b), f));
}

QCPColorGradient viridisGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (const Stop& stop : kViridis) gradient.setColorStopAt(stop.position, QColor::fromRgb(stop.rgb));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(512);
    gradient.setNanHandling(QCPColorGradient::nhLowestColor);
    return gradient;
}

QCPColorGradient divergingGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (const Stop& stop : kDiverging) gradient.setColorStopAt(stop.position, QColor::fromRgb(stop.rgb));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    // An odd level count puts a level exactly on ½; many levels keep the neighbours of 0 near white.
    gradient.setLevelCount(1001);
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(160, 160, 160));
    return gradient;
}

}  // namespace flowscope::ui
