#include "widgets/polyline_set.h"

#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowscope::ui {
namespace {

QCPRange coordinateRange(const std::vector<Polyline>& lines, bool useX, bool& found) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const Polyline& line : lines) {
        for (double v : useX ? line.x : line.y) {
            if (!std::isfinite(v)) continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    found = lo <= hi;
    return found ? QCPRange(lo, hi) : QCPRange();
}

}  // namespace

PolylineSet::PolylineSet(QCPAxis* keyAxis, QCPAxis* valueAxis) : QCPAbstractPlottable(keyAxis, valueAxis) {
    setSelectable(QCP::stNone);
    setBrush(Qt::NoBrush);
}

void PolylineSet::setLines(std::vector<Polyline> lines) { m_lines = std::move(lines); }

double PolylineSet::selectTest(const QPointF&, bool, QVariant*) const { return -1.0; }

QCPRange PolylineSet::getKeyRange(bool& foundRange, QCP::SignDomain) const {
    return coordinateRange(m_lines, true, foundRange);
}

QCPRange PolylineSet::getValueRange(bool& foundRange, QCP::SignDomain, const QCPRange&) const {
    return coordinateRange(m_lines, false, foundRange);
}

void PolylineSet::draw(QCPPainter* painter) {
    QCPAxis* keyAxis = mKeyAxis.data();
    QCPAxis* valueAxis = mValueAxis.data();
    if (!keyAxis || !valueAxis || m_lines.empty()) return;
    applyDefaultAntialiasingHint(painter);
    painter->setPen(mPen);
    painter->setBrush(Qt::NoBrush);
    QPolygonF polygon;
    const auto flush = [&] {
        if (polygon.size() > 1) painter->drawPolyline(polygon);
        polygon.clear();
    };
    for (const Polyline& line : m_lines) {
        const std::size_t n = std::min(line.x.size(), line.y.size());
        polygon.reserve(static_cast<int>(n));
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(line.x[i]) || !std::isfinite(line.y[i])) {
                flush();
                continue;
            }
            polygon.append(QPointF(keyAxis->coordToPixel(line.x[i]), valueAxis->coordToPixel(line.y[i])));
        }
        flush();
    }
}

void PolylineSet::drawLegendIcon(QCPPainter* painter, const QRectF& rect) const {
    applyDefaultAntialiasingHint(painter);
    painter->setPen(mPen);
    painter->drawLine(QLineF(rect.left(), rect.center().y(), rect.right(), rect.center().y()));
}

}  // namespace flowscope::ui
