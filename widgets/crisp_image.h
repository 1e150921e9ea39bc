#pragma once
/// \file Crisp image scaling shared by the face widgets (ImageGrid, ImageStrip, BeforeAfterView,
/// PhotoDropArea): nearest neighbour when enlarging, so a 64×64 Glow sample keeps sharp pixels
/// instead of turning to mush, and smooth (area-averaging) when shrinking a large photo.

#include <QImage>
#include <QRect>

class QPainter;

namespace flowscope::ui {

/// The rectangle of an image of imageSize fitted inside target, keeping its aspect ratio and
/// centred; empty when either size is empty.
QRect fittedRect(const QSize& imageSize, const QRect& target);

/// source scaled to size (aspect ratio is the caller's business): nearest neighbour when it
/// grows in both directions, smooth when it shrinks.
QImage crispScaled(const QImage& source, const QSize& size);

/// Draws source fitted and centred in target (logical coordinates of painter), scaled for the
/// device pixels of the painter's device (nearest neighbour up, smooth down). Nothing for a
/// null image. Returns the rectangle the image covers.
QRect drawCrisp(QPainter& painter, const QRect& target, const QImage& source);

}  // namespace flowscope::ui
