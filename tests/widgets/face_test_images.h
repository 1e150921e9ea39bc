#pragma once
/// \file Images for the face widget tests: cartoon faces standing in for Glow samples, pixel
/// art with one distinct colour per pixel, and helpers to compare painted colours.

#include <QColor>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <cstdlib>

namespace flowscope::test {

/// A size × size cartoon face; seed varies the background, skin and hair, smile ∈ [−1, 1] bends
/// the mouth. Drawn at the sample's own resolution, so enlarging it shows its pixels.
inline QImage cartoonFace(int seed, int size = 64, double smile = 0.5) {
    QImage image(size, size, QImage::Format_RGB32);
    const int hue = (seed * 67) % 360;
    image.fill(QColor::fromHsv(hue, 60, 235));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const double s = size / 64.0;
    static const QColor skins[] = {QColor(241, 204, 178), QColor(224, 172, 135), QColor(190, 135, 95),
                                   QColor(141, 92, 62), QColor(250, 220, 200)};
    static const QColor hairs[] = {QColor(40, 30, 25), QColor(120, 70, 30), QColor(220, 190, 110), QColor(90, 90, 90),
                                   QColor(160, 50, 30)};
    painter.setPen(Qt::NoPen);
    painter.setBrush(hairs[seed % 5]);
    painter.drawEllipse(QRectF(12 * s, 6 * s, 40 * s, 44 * s));
    painter.setBrush(skins[(seed / 2) % 5]);
    painter.drawEllipse(QRectF(16 * s, 12 * s, 32 * s, 40 * s));
    painter.setBrush(QColor(30, 30, 40));
    painter.drawEllipse(QRectF(23 * s, 26 * s, 5 * s, 4 * s));
    painter.drawEllipse(QRectF(36 * s, 26 * s, 5 * s, 4 * s));
    QPainterPath mouth;
    mouth.moveTo(25 * s, 41 * s);
    mouth.quadTo(32 * s, (41 + 7 * smile) * s, 39 * s, 41 * s);
    painter.setPen(QPen(QColor(150, 40, 50), 2 * s, Qt::SolidLine, Qt::RoundCap));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(mouth);
    return image;
}

/// The colour of pixel (x, y) of pixelArt: all different for x, y < 16.
inline QColor pixelArtColor(int x, int y) { return QColor(40 + 13 * x, 200 - 11 * y, (37 * x + 53 * y) % 256); }

/// n × n image, pixel (x, y) coloured pixelArtColor(x, y).
inline QImage pixelArt(int n = 4) {
    QImage image(n, n, QImage::Format_RGB32);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) image.setPixelColor(x, y, pixelArtColor(x, y));
    return image;
}

inline QImage solidImage(const QColor& color, int size = 32) {
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(color);
    return image;
}

/// 1-pixel black and white checkerboard: shrunk smoothly it turns grey, nearest neighbour keeps
/// it black or white.
inline QImage checkerboard(int size) {
    QImage image(size, size, QImage::Format_RGB32);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) image.setPixel(x, y, (x + y) % 2 ? qRgb(255, 255, 255) : qRgb(0, 0, 0));
    return image;
}

inline bool nearColor(const QColor& a, const QColor& b, int tolerance) {
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

inline bool sameRgb(const QColor& a, const QColor& b) { return a.rgb() == b.rgb(); }

/// Number of pixels of image exactly of color (RGB).
inline int countColor(const QImage& image, const QColor& color) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) count += image.pixelColor(x, y).rgb() == color.rgb();
    return count;
}

/// Longest horizontal (or vertical) run of pixels exactly of color.
inline int longestRun(const QImage& image, const QColor& color, bool horizontal) {
    int best = 0;
    const int outer = horizontal ? image.height() : image.width();
    const int inner = horizontal ? image.width() : image.height();
    for (int o = 0; o < outer; ++o) {
        int run = 0;
        for (int i = 0; i < inner; ++i) {
            const QColor c = horizontal ? image.pixelColor(i, o) : image.pixelColor(o, i);
            run = c.rgb() == color.rgb() ? run + 1 : 0;
            best = std::max(best, run);
        }
    }
    return best;
}

/// Checks that a rect showing pixelArt(n) enlarged is crisp: points 20 % and 80 % across each
/// enlarged source pixel (where a bilinear enlargement already blends in the neighbour) have
/// exactly the source colour. Returns a description of the first mismatch, or an empty string.
inline QString crispMismatch(const QImage& shot, const QRect& rect, int n) {
    const double cell = rect.width() / double(n);
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            for (double fy : {0.2, 0.8}) {
                for (double fx : {0.2, 0.8}) {
                    const QPoint p(rect.left() + static_cast<int>((x + fx) * cell),
                                   rect.top() + static_cast<int>((y + fy) * cell));
                    if (shot.pixelColor(p).rgb() != pixelArtColor(x, y).rgb())
                        return QStringLiteral("source pixel (%1, %2) at (%3, %4): %5, expected %6")
                            .arg(x)
                            .arg(y)
                            .arg(p.x())
                            .arg(p.y())
                            .arg(shot.pixelColor(p).name(), pixelArtColor(x, y).name());
                }
            }
        }
    }
    return {};
}

}  // namespace flowscope::test
