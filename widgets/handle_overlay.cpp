#include "widgets/handle_overlay.h"

#include <qcustomplot.h>

#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace flowscope::ui {

namespace {
const QColor kHandleColor(255, 64, 129);
const QColor kBoundaryColor(255, 235, 59);
double at(const std::vector<double>& v, size_t i) { return i < v.size() ? v[i] : 0.0; }

void setCircle(QCPItemEllipse* e, QPointF c, double r) {
    e->topLeft->setCoords(c.x() - r, c.y() + r);
    e->bottomRight->setCoords(c.x() + r, c.y() - r);
}
}  // namespace

HandleOverlay::HandleOverlay(QCustomPlot* plot) : m_plot(plot) {
    for (int i = 0; i < 3; ++i) {
        auto* marker = new QCPItemTracer(plot);
        marker->setStyle(QCPItemTracer::tsCircle);
        marker->setSize(13);
        marker->setSelectable(false);
        m_markers.push_back(marker);
    }
    m_boundary = new QCPItemStraightLine(plot);
    m_boundary->setPen(QPen(kBoundaryColor, 1.6, Qt::DashLine));
    m_imageRing = new QCPItemEllipse(plot);
    m_imageRing->setPen(QPen(kHandleColor, 1.6, Qt::DashLine));
    m_limitRing = new QCPItemEllipse(plot);
    m_limitRing->setPen(QPen(kBoundaryColor, 1.4, Qt::DotLine));
    m_boundaryLabel = new QCPItemText(plot);
    m_boundaryLabel->setColor(kBoundaryColor);
    m_boundaryLabel->setBrush(QColor(0, 0, 0, 150));
    m_boundaryLabel->setPadding(QMargins(4, 2, 4, 2));
    for (QCPAbstractItem* item :
         std::initializer_list<QCPAbstractItem*>{m_boundary, m_imageRing, m_limitRing, m_boundaryLabel})
        item->setSelectable(false);
    setVisible(false);
}

void HandleOverlay::setGeometry(const LayerGeometry& geometry) {
    m_geometry = geometry;
    m_handles = layerHandles(geometry);
    place();
}

void HandleOverlay::setVisible(bool visible) {
    m_visible = visible;
    place();
}

void HandleOverlay::setActive(HandleKind kind) {
    m_active = kind;
    place();
}

HandleKind HandleOverlay::hit(const QPointF& pixel, double radius) const {
    if (!m_visible) return HandleKind::None;
    HandleKind best = HandleKind::None;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (const auto& h : m_handles) {
        const QPointF p(m_plot->xAxis->coordToPixel(h.position.x()), m_plot->yAxis->coordToPixel(h.position.y()));
        const double d = std::hypot(p.x() - pixel.x(), p.y() - pixel.y());
        if (d <= radius && d < bestDistance) best = h.kind, bestDistance = d;  // ties: the earlier handle
    }
    return best;
}

void HandleOverlay::place() {
    const bool planar = m_geometry.kind == LayerGeometry::Kind::Hyperplane && !m_handles.empty();
    const bool radial = m_geometry.kind == LayerGeometry::Kind::Radial;
    for (size_t i = 0; i < m_markers.size(); ++i) {
        auto* marker = m_markers[i];
        const bool shown = m_visible && i < m_handles.size();
        marker->setVisible(shown);
        if (!shown) continue;
        const auto& h = m_handles[i];
        marker->position->setCoords(h.position.x(), h.position.y());
        const bool active = h.kind == m_active;
        // Filled: moves the layer's position (offset, centre); ringed: shapes it (w, û, α, β).
        const bool positional = h.kind == HandleKind::PlanarOffset || h.kind == HandleKind::RadialCentre;
        marker->setPen(QPen(active ? Qt::white : QColor(20, 20, 20), 2.0));
        marker->setBrush(positional ? QBrush(kHandleColor) : QBrush(active ? kHandleColor.lighter(140) : Qt::white));
        marker->setSize(active ? 16 : 13);
    }
    m_boundary->setVisible(m_visible && planar);
    m_imageRing->setVisible(m_visible && radial);
    m_limitRing->setVisible(m_visible && radial);
    m_boundaryLabel->setVisible(m_visible && (planar || radial));
    if (planar) {
        // û's tip p0 + û may not cross wᵀ(tip − p0) = −1: the line through p0 − w/‖w‖², ⟂ w.
        const double w0 = at(m_geometry.w, 0), w1 = at(m_geometry.w, 1), ww = w0 * w0 + w1 * w1;
        const QPointF p0 = hyperplaneFoot(m_geometry);
        const QPointF q = p0 - QPointF(w0 / ww, w1 / ww);
        m_boundary->point1->setCoords(q.x(), q.y());
        m_boundary->point2->setCoords(q.x() - w1, q.y() + w0);
        m_boundaryLabel->position->setCoords(q.x(), q.y());
        m_boundaryLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_boundaryLabel->setText(QCoreApplication::translate("HandleOverlay", "wᵀû = −1"));
    } else if (radial) {
        const QPointF c(at(m_geometry.z0, 0), at(m_geometry.z0, 1));
        setCircle(m_imageRing, c, std::max(0.0, m_geometry.alpha + 0.5 * m_geometry.beta));
        setCircle(m_limitRing, c, 0.5 * m_geometry.alpha);
        m_boundaryLabel->position->setCoords(c.x(), c.y() - 0.5 * m_geometry.alpha);
        m_boundaryLabel->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
        m_boundaryLabel->setText(QCoreApplication::translate("HandleOverlay", "β = −α"));
    }
}

}  // namespace flowscope::ui
