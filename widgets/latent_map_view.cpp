#include "widgets/latent_map_view.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace flowscope::ui {

QColor classColor(int index) {
    static const QColor colors[] = {{31, 119, 180}, {255, 127, 14},  {44, 160, 44},   {214, 39, 40},  {148, 103, 189},
                                    {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    return index < 0 ? QColor(60, 60, 60) : colors[index % 10];
}

LatentMapView::LatentMapView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(240, 240);
    setToolTip(tr("The decoder over the latent plane; dots: where test images land (their μ(x))"));
}

void LatentMapView::setMosaic(const QImage& mosaic, double x0, double x1, double y0, double y1) {
    m_mosaic = mosaic;
    m_x0 = x0, m_x1 = x1, m_y0 = y0, m_y1 = y1;
    update();
}

void LatentMapView::setPoints(std::vector<float> xy, std::vector<int> classes, const QStringList& names) {
    m_xy = std::move(xy);
    m_classes = std::move(classes);
    m_names = names;
    update();
}

void LatentMapView::setMarker(double x, double y) {
    m_hasMarker = true;
    m_markerX = x, m_markerY = y;
    update();
}

QRectF LatentMapView::mapRect() const {
    const double legend = m_names.isEmpty() ? 0 : 110;
    const double side = std::max(10.0, std::min(width() - legend - 12.0, height() - 12.0));
    return {6, (height() - side) / 2, side, side};
}

QPointF LatentMapView::latentToPixel(double x, double y) const {
    const QRectF r = mapRect();
    return {r.left() + (x - m_x0) / (m_x1 - m_x0) * r.width(), r.bottom() - (y - m_y0) / (m_y1 - m_y0) * r.height()};
}

QPointF LatentMapView::pixelToLatent(const QPointF& p) const {
    const QRectF r = mapRect();
    return {m_x0 + (p.x() - r.left()) / r.width() * (m_x1 - m_x0),
            m_y0 + (r.bottom() - p.y()) / r.height() * (m_y1 - m_y0)};
}

void LatentMapView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QRectF r = mapRect();
    p.fillRect(r, Qt::white);
    if (!m_mosaic.isNull()) {
        p.setOpacity(0.55);
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(r, m_mosaic);
        p.setOpacity(1.0);
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    for (size_t i = 0; i < m_classes.size() && 2 * i + 1 < m_xy.size(); ++i) {
        const QPointF c = latentToPixel(m_xy[2 * i], m_xy[2 * i + 1]);
        if (!r.contains(c)) continue;
        QColor col = classColor(m_classes[i]);
        col.setAlpha(200);
        p.setBrush(col);
        p.drawEllipse(c, 2.6, 2.6);
    }
    if (m_hasMarker) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(Qt::black, 2.5));
        p.drawEllipse(latentToPixel(m_markerX, m_markerY), 8, 8);
        p.setPen(QPen(Qt::white, 1.2));
        p.drawEllipse(latentToPixel(m_markerX, m_markerY), 8, 8);
    }
    p.setPen(QPen(QColor(90, 90, 90), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
    p.setFont(QFont(font().family(), 9));
    p.drawText(QRectF(r.left(), r.bottom() - 16, r.width() - 4, 14), Qt::AlignRight,
               QString("z₁ ∈ [%1, %2], z₂ ∈ [%3, %4]")
                   .arg(m_x0, 0, 'f', 1)
                   .arg(m_x1, 0, 'f', 1)
                   .arg(m_y0, 0, 'f', 1)
                   .arg(m_y1, 0, 'f', 1));
    for (int k = 0; k < m_names.size(); ++k) {
        const QPointF at(r.right() + 12, r.top() + 10 + 18 * k);
        p.setPen(Qt::NoPen);
        p.setBrush(classColor(k));
        p.drawEllipse(at + QPointF(4, 0), 4, 4);
        p.setPen(palette().windowText().color());
        p.drawText(QRectF(at.x() + 12, at.y() - 8, 100, 16), Qt::AlignVCenter | Qt::AlignLeft, m_names[k]);
    }
}

void LatentMapView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !mapRect().contains(event->position())) return;
    const QPointF z = pixelToLatent(event->position());
    emit latentClicked(z.x(), z.y());
}

}  // namespace flowscope::ui
