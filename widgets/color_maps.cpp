#include "widgets/color_maps.h"

#include <qcustomplot.h>

namespace flowscope::ui {
namespace {

// The stops are the core's (types/color_maps.h), so the CLI's PNGs show the same colours.
QCPColorGradient gradientFrom(ColorScale scale) {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    const auto [stops, n] = colorStops(scale);
    for (size_t i = 0; i < n; ++i) gradient.setColorStopAt(stops[i].position, QColor::fromRgb(stops[i].rgb));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    return gradient;
}

}  // namespace

QRgb viridisRgb(double t) { return colorAt(ColorScale::Density, t) | 0xff000000u; }

QCPColorGradient viridisGradient() {
    QCPColorGradient gradient = gradientFrom(ColorScale::Density);
    gradient.setLevelCount(512);
    gradient.setNanHandling(QCPColorGradient::nhLowestColor);
    return gradient;
}

QCPColorGradient divergingGradient() {
    QCPColorGradient gradient = gradientFrom(ColorScale::Diverging);
    // An odd level count puts a level exactly on ½; many levels keep the neighbours of 0 near white.
    gradient.setLevelCount(1001);
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(160, 160, 160));
    return gradient;
}

}  // namespace flowscope::ui
