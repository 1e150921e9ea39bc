#include "widgets/crisp_image.h"

#include <QPaintDevice>
#include <QPainter>

#include <cmath>

namespace flowscope::ui {

QRect fittedRect(const QSize& imageSize, const QRect& target) {
    if (imageSize.isEmpty() || target.isEmpty()) return {};
    const QSize fitted = imageSize.scaled(target.size(), Qt::KeepAspectRatio);
    return QRect(target.left() + (target.width() - fitted.width()) / 2,
                 target.top() + (target.height() - fitted.height()) / 2, fitted.width(), fitted.height());
}

QImage crispScaled(const QImage& source, const QSize& size) {
    if (source.isNull() || size.isEmpty()) return {};
    if (size == source.size()) return source;
    const bool grows = size.width() >= source.width() && size.height() >= source.height();
    return source.scaled(size, Qt::IgnoreAspectRatio, grows ? Qt::FastTransformation : Qt::SmoothTransformation);
}

QRect drawCrisp(QPainter& painter, const QRect& target, const QImage& source) {
    const QRect rect = fittedRect(source.size(), target);
    if (rect.isEmpty()) return rect;
    const qreal ratio = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    const QSize devicePixels(static_cast<int>(std::lround(rect.width() * ratio)),
                             static_cast<int>(std::lround(rect.height() * ratio)));
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    if (devicePixels.width() >= source.width() && devicePixels.height() >= source.height()) {
        // Enlarging: let the painter sample the nearest source pixel, no intermediate copy.
        painter.drawImage(rect, source);
    } else {
        QImage scaled = crispScaled(source, devicePixels);
        scaled.setDevicePixelRatio(ratio);
        painter.drawImage(rect.topLeft(), scaled);
    }
    painter.restore();
    return rect;
}

}  // namespace flowscope::ui
