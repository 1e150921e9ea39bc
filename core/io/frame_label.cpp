#include "io/frame_label.h"

#include <QFontMetricsF>

#include <algorithm>

namespace flowscope {

void drawFrameLabel(QPainter& p, int size, const QString& text) {
    QFont font = p.font();
    font.setPixelSize(std::max(10, size / 22));
    p.setFont(font);
    const QRectF box = QFontMetricsF(font).boundingRect(text).adjusted(-6, -3, 6, 3);
    const QRectF at = box.translated(-box.topLeft() + QPointF(size * 0.02, size * 0.02));
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 140));
    p.drawRoundedRect(at, 4, 4);
    p.setPen(Qt::white);
    p.drawText(at, Qt::AlignCenter, text);
}

}  // namespace flowscope
