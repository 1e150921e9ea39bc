#include "widgets/density_view.h"

#include "widgets/color_maps.h"
#include "widgets/handle_overlay.h"
#include "widgets/plot_support.h"
#include "widgets/polyline_set.h"

#include <qcustomplot.h>

#include <QCursor>
#include <QEvent>
#include <QMouseEvent>

#include <algorithm>
#include <cmath>

namespace flowscope::ui {
namespace {

/// Component i of a layer-geometry vector (0 when the layer gave fewer).
double component(const std::vector<double>& v, size_t i) { return i < v.size() ? v[i] : 0.0; }

const QColor kGeometryColor(255, 64, 129);
constexpr double kHandleHitPixels = 12.0;  // how near a press must be to grab a handle
const QColor kDataColor(255, 159, 28);

void setScatter(QCPGraph* graph, const QCPScatterStyle& style) {
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(style);
    graph->setAdaptiveSampling(false);
    graph->setSelectable(QCP::stNone);
}

void setPairs(QCPGraph* graph, const std::vector<float>& xy) {
    QVector<QCPGraphData> data;
    data.reserve(static_cast<int>(xy.size() / 2));
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2) data.append(QCPGraphData(xy[i], xy[i + 1]));
    graph->data()->set(data, false);
}

}  // namespace

DensityView::DensityView(QWidget* parent) : ColorMapPlot(tr("density q(z)"), viridisGradient(), parent) {
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    m_plot->setAntialiasedElements(QCP::aePlottables | QCP::aeItems);
    m_map->setDataRange(QCPRange(0.0, 1.0));

    // Everything drawn over the density lives on its own layer above "main".
    m_plot->addLayer(QStringLiteral("flowOverlays"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_plot->setCurrentLayer(QStringLiteral("flowOverlays"));

    m_gridLines = new PolylineSet(m_plot->xAxis, m_plot->yAxis);
    m_gridLines->setPen(QPen(QColor(255, 255, 255, 120), 1.0));
    m_contours = new PolylineSet(m_plot->xAxis, m_plot->yAxis);
    m_contours->setPen(QPen(QColor(255, 140, 105), 1.6, Qt::DashLine));

    m_dataPoints = m_plot->addGraph();
    setScatter(m_dataPoints,
               QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(110, 55, 0), 0.6), kDataColor, 4.5));
    m_drawnPoints = m_plot->addGraph();
    setScatter(m_drawnPoints,
               QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(110, 55, 0), 0.6), kDataColor, 4.5));
    m_particles = m_plot->addGraph();
    setScatter(m_particles, QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(25, 25, 25), 1.0), Qt::white, 5.5));

    const QPen geometryPen(kGeometryColor, 2.5);
    m_hyperplane = new QCPItemStraightLine(m_plot);
    m_hyperplane->setPen(geometryPen);
    m_directionArrow = new QCPItemLine(m_plot);
    m_directionArrow->setPen(geometryPen);
    m_radialCircle = new QCPItemEllipse(m_plot);
    m_radialCircle->setPen(geometryPen);
    m_radialCircle->setBrush(Qt::NoBrush);
    m_centreMarker = new QCPItemTracer(m_plot);
    m_centreMarker->setStyle(QCPItemTracer::tsPlus);
    m_centreMarker->setSize(14);
    m_centreMarker->setPen(QPen(kGeometryColor, 3.0));
    m_shapeLabel = new QCPItemText(m_plot);
    m_shapeLabel->setColor(Qt::white);
    m_shapeLabel->setBrush(QColor(0, 0, 0, 150));
    m_shapeLabel->setPadding(QMargins(5, 3, 5, 3));
    QFont labelFont = font();
    labelFont.setPointSizeF(11);
    m_shapeLabel->setFont(labelFont);

    m_brush = new QCPItemEllipse(m_plot);
    m_brush->setPen(QPen(Qt::white, 1.5, Qt::DashLine));
    m_brush->setBrush(QColor(255, 255, 255, 40));
    m_brush->setVisible(false);

    m_probeOutline = new PolylineSet(m_plot->xAxis, m_plot->yAxis);
    m_probeOutline->setPen(QPen(QColor(0, 229, 255), 2.0));
    m_probeMarker = new QCPItemTracer(m_plot);
    m_probeMarker->setStyle(QCPItemTracer::tsCrosshair);
    m_probeMarker->setPen(QPen(QColor(0, 229, 255, 110), 1.0, Qt::DotLine));
    m_probeMarker->setVisible(false);

    m_handles = std::make_unique<HandleOverlay>(m_plot);

    for (int i = 0; i < m_plot->itemCount(); ++i) m_plot->item(i)->setSelectable(false);
    m_plot->setCurrentLayer(QStringLiteral("main"));

    connect(m_plot, &QCustomPlot::mousePress, this, &DensityView::onMousePress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &DensityView::onMouseMove);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &DensityView::onMouseRelease);

    updateGeometryItems();
    updateVisibility();
}

DensityView::~DensityView() = default;

void DensityView::setLogDensity(const ScalarGrid& logDensity) {
    const double maxValue = fillColorMap(m_map, logDensity, [](float v) { return std::exp(static_cast<double>(v)); });
    m_map->setDataRange(QCPRange(0.0, std::isfinite(maxValue) && maxValue > 0.0 ? maxValue : 1.0));
    requestReplot();
}

void DensityView::setParticles(std::vector<float> xy) {
    setPairs(m_particles, xy);
    requestReplot();
}

void DensityView::setGridLines(std::vector<Polyline> lines) {
    m_gridLines->setLines(std::move(lines));
    requestReplot();
}

void DensityView::setContours(std::vector<Polyline> lines) {
    m_contours->setLines(std::move(lines));
    requestReplot();
}

void DensityView::setDataPoints(std::vector<float> xy) {
    setPairs(m_dataPoints, xy);
    requestReplot();
}

void DensityView::setLayerGeometry(const LayerGeometry& geometry) {
    m_shape = geometry;
    m_handles->setGeometry(geometry);
    updateGeometryItems();
    updateVisibility();
    requestReplot();
}

void DensityView::setShowParticles(bool show) {
    m_showParticles = show;
    updateVisibility();
    requestReplot();
}

void DensityView::setShowGridLines(bool show) {
    m_showGridLines = show;
    updateVisibility();
    requestReplot();
}

void DensityView::setShowTarget(bool show) {
    m_showTarget = show;
    updateVisibility();
    requestReplot();
}

void DensityView::setShowGeometry(bool show) {
    m_showGeometry = show;
    updateVisibility();
    requestReplot();
}

void DensityView::setViewRange(double x0, double x1, double y0, double y1) {
    m_aspect->setRange(x0, x1, y0, y1);
    updateGeometryItems();
    requestReplot();
}

void DensityView::setTitle(const QString& title) {
    m_title->setText(title);
    requestReplot();
}

QString DensityView::title() const { return m_title->text(); }

void DensityView::setDrawMode(bool on) {
    if (on == m_drawMode) return;  // re-asserting the mode must not end a stroke in progress
    m_drawMode = on;
    m_stroking = false;
    if (!on) m_brush->setVisible(false);
    m_plot->setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    updateVisibility();
    requestReplot();
}

void DensityView::setBrushRadius(double radius) {
    if (!(radius > 0.0)) return;
    m_points.setRadius(radius);
    if (m_brush->visible()) updateBrush(m_plot->mapFromGlobal(QCursor::pos()));
}

void DensityView::setEraseMode(bool on) { m_eraseMode = on; }

void DensityView::clearDrawnPoints() {
    m_points.clear();
    updateDrawnGraph();
    emit drawnPointsChanged(0);
}

void DensityView::setDrawnPoints(std::vector<float> xy) {
    m_points.setPoints(std::move(xy));
    updateDrawnGraph();
    emit drawnPointsChanged(static_cast<int>(m_points.points().size() / 2));
}

bool DensityView::exportImage(const QString& path, int width, int height) {
    const bool brushVisible = m_brush->visible();
    m_brush->setVisible(false);
    const bool ok = savePlot(m_plot, path, width, height);
    m_brush->setVisible(brushVisible);
    return ok;
}

QPointF DensityView::pixelToData(const QPointF& pixel) const {
    const QPointF plotPixel = pixel - QPointF(m_plot->pos());
    return QPointF(m_plot->xAxis->pixelToCoord(plotPixel.x()), m_plot->yAxis->pixelToCoord(plotPixel.y()));
}

QColor DensityView::colorAtPixel(const QPoint& pixel) {
    replotNow();
    const QImage image = m_plot->toPixmap().toImage();
    const QPoint p = pixel - m_plot->pos();
    if (!image.rect().contains(p)) return QColor();
    return image.pixelColor(p);
}

int DensityView::visibleLayerCount() const {
    int count = 0;
    for (int i = 0; i < m_plot->plottableCount(); ++i) count += m_plot->plottable(i)->visible() ? 1 : 0;
    for (int i = 0; i < m_plot->itemCount(); ++i) count += m_plot->item(i)->visible() ? 1 : 0;
    return count;
}

bool DensityView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot && event->type() == QEvent::Leave && m_brush->visible()) {
        m_brush->setVisible(false);
        requestReplot();
    }
    return QWidget::eventFilter(watched, event);
}

void DensityView::setProbe(const Polyline& outline, double x, double y) {
    m_probeOutline->setLines({outline});
    m_probeMarker->position->setCoords(x, y);
    m_probeMarker->setVisible(true);
    requestReplot();
}

void DensityView::clearProbe() {
    m_probeOutline->setLines({});
    m_probeMarker->setVisible(false);
    requestReplot();
}

void DensityView::setHandlesEnabled(bool on) {
    m_handlesEnabled = on;
    if (!on && m_dragKind != HandleKind::None) {
        // Disabled mid-drag (training started, say): end the drag where it is, so the editor
        // records it and is not left waiting for a release.
        m_dragKind = HandleKind::None;
        m_handles->setActive(HandleKind::None);
        m_plot->setCursor(m_drawMode ? Qt::CrossCursor : Qt::ArrowCursor);
        emit layerDragged(m_dragLast, true);
    }
    updateVisibility();
    requestReplot();
}

std::vector<LayerHandle> DensityView::handles() const {
    return m_handles->visible() ? m_handles->handles() : std::vector<LayerHandle>{};
}

void DensityView::onMousePress(QMouseEvent* event) {
    if (!m_drawMode) {
        if (event->button() == Qt::LeftButton && m_handles->visible()) {
            const HandleKind kind = m_handles->hit(event->position(), kHandleHitPixels);
            if (kind != HandleKind::None) {
                m_dragKind = kind;
                m_dragStart = m_dragLast = m_shape;
                m_handles->setActive(kind);
                m_plot->setCursor(Qt::ClosedHandCursor);
                emit layerDragStarted(m_dragStart);
                requestReplot();
                return;
            }
        }
        if (event->button() == Qt::LeftButton) {
            const QPointF at = pixelToData(event->position() + QPointF(m_plot->pos()));
            emit pointProbed(at.x(), at.y());
        }
        return;
    }
    if (event->button() != Qt::LeftButton && event->button() != Qt::RightButton) return;
    m_stroking = true;
    m_strokeErases = m_eraseMode || event->button() == Qt::RightButton;
    updateBrush(event->position());
    applyStroke(pixelToData(event->position() + QPointF(m_plot->pos())), m_strokeErases);
}

void DensityView::onMouseMove(QMouseEvent* event) {
    if (m_dragKind != HandleKind::None) {
        const QPointF to = pixelToData(event->position() + QPointF(m_plot->pos()));
        m_dragLast = dragHandle(m_dragStart, m_dragKind, to);
        emit layerDragged(m_dragLast, false);
        return;
    }
    if (!m_drawMode) {
        if (m_handles->visible())
            m_plot->setCursor(m_handles->hit(event->position(), kHandleHitPixels) != HandleKind::None
                                  ? Qt::OpenHandCursor
                                  : Qt::ArrowCursor);
        return;
    }
    updateBrush(event->position());
    if (m_stroking && (event->buttons() & (Qt::LeftButton | Qt::RightButton)))
        applyStroke(pixelToData(event->position() + QPointF(m_plot->pos())), m_strokeErases);
}

void DensityView::onMouseRelease(QMouseEvent* event) {
    m_stroking = false;
    if (m_dragKind == HandleKind::None) return;
    const QPointF to = pixelToData(event->position() + QPointF(m_plot->pos()));
    const LayerGeometry g = dragHandle(m_dragStart, m_dragKind, to);
    m_dragKind = HandleKind::None;
    m_handles->setActive(HandleKind::None);
    m_plot->setCursor(Qt::OpenHandCursor);
    emit layerDragged(g, true);
    requestReplot();
}

void DensityView::applyStroke(const QPointF& centre, bool erase) {
    const bool changed = erase ? m_points.erase(centre.x(), centre.y()) : m_points.sprinkle(centre.x(), centre.y());
    if (!changed) return;
    updateDrawnGraph();
    emit drawnPointsChanged(static_cast<int>(m_points.points().size() / 2));
}

void DensityView::updateBrush(const QPointF& plotPixel) {
    const QPointF c(m_plot->xAxis->pixelToCoord(plotPixel.x()), m_plot->yAxis->pixelToCoord(plotPixel.y()));
    m_brush->topLeft->setCoords(c.x() - m_points.radius(), c.y() + m_points.radius());
    m_brush->bottomRight->setCoords(c.x() + m_points.radius(), c.y() - m_points.radius());
    m_brush->setVisible(m_drawMode);
    requestReplot();
}

void DensityView::updateDrawnGraph() {
    setPairs(m_drawnPoints, m_points.points());
    requestReplot();
}

void DensityView::updateGeometryItems() {
    const auto setRatio = [](QCPItemPosition* position, double x, double y) {
        position->setType(QCPItemPosition::ptAxisRectRatio);
        position->setCoords(x, y);
    };
    const auto setData = [](QCPItemPosition* position, double x, double y) {
        position->setType(QCPItemPosition::ptPlotCoords);
        position->setCoords(x, y);
    };
    const QCPLineEnding arrowHead(QCPLineEnding::esSpikeArrow, 14, 18);
    m_directionArrow->setHead(arrowHead);
    m_directionArrow->setTail(QCPLineEnding::esNone);

    switch (m_shape.kind) {
        case LayerGeometry::Kind::Hyperplane: {
            const double w0 = component(m_shape.w, 0), w1 = component(m_shape.w, 1);
            const double norm2 = w0 * w0 + w1 * w1;
            if (!(norm2 > 1e-12)) break;
            // The point of wᵀz + b = 0 nearest the origin, and the line's direction ⟂ w.
            const double px = -m_shape.b * w0 / norm2, py = -m_shape.b * w1 / norm2;
            setData(m_hyperplane->point1, px, py);
            setData(m_hyperplane->point2, px - w1, py + w0);
            const double ux = component(m_shape.uHat, 0), uy = component(m_shape.uHat, 1);
            setData(m_directionArrow->start, px, py);
            setData(m_directionArrow->end, px + ux, py + uy);
            setData(m_shapeLabel->position, px + ux, py + uy);
            m_shapeLabel->setPositionAlignment((ux >= 0 ? Qt::AlignLeft : Qt::AlignRight) |
                                               (uy >= 0 ? Qt::AlignBottom : Qt::AlignTop));
            m_shapeLabel->setText(tr("û"));
            break;
        }
        case LayerGeometry::Kind::Radial: {
            const double cx = component(m_shape.z0, 0), cy = component(m_shape.z0, 1), a = std::max(m_shape.alpha, 0.0);
            m_centreMarker->position->setCoords(cx, cy);
            setData(m_radialCircle->topLeft, cx - a, cy + a);
            setData(m_radialCircle->bottomRight, cx + a, cy - a);
            setData(m_shapeLabel->position, cx, cy + a);
            m_shapeLabel->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            if (m_shape.beta > 0.0)
                m_shapeLabel->setText(tr("β > 0: expands"));
            else if (m_shape.beta < 0.0)
                m_shapeLabel->setText(tr("β < 0: contracts"));
            else
                m_shapeLabel->setText(tr("β = 0: identity"));
            break;
        }
        case LayerGeometry::Kind::Coupling: {
            // Points move only along the transformed axis, by amounts that depend on the kept one.
            // The mask marks the dimensions that pass through unchanged and condition the others.
            const bool keepFirst = !m_shape.mask.empty() && m_shape.mask[0] == 1;
            if (keepFirst) {
                setRatio(m_directionArrow->start, 0.06, 0.30);
                setRatio(m_directionArrow->end, 0.06, 0.06);
            } else {
                setRatio(m_directionArrow->start, 0.04, 0.10);
                setRatio(m_directionArrow->end, 0.28, 0.10);
            }
            m_directionArrow->setTail(arrowHead);
            setRatio(m_shapeLabel->position, keepFirst ? 0.10 : 0.04, keepFirst ? 0.04 : 0.14);
            m_shapeLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            m_shapeLabel->setText(keepFirst ? tr("coupling: z₁ conditions z₂\n(points move along z₂ only)")
                                            : tr("coupling: z₂ conditions z₁\n(points move along z₁ only)"));
            break;
        }
        case LayerGeometry::Kind::None:
            break;
    }
}

void DensityView::updateVisibility() {
    m_particles->setVisible(m_showParticles);
    m_gridLines->setVisible(m_showGridLines);
    m_contours->setVisible(m_showTarget);
    m_dataPoints->setVisible(m_showTarget);

    const bool geometry = m_showGeometry;
    const auto kind = m_shape.kind;
    const double norm2 =
        component(m_shape.w, 0) * component(m_shape.w, 0) + component(m_shape.w, 1) * component(m_shape.w, 1);
    const bool planar = kind == LayerGeometry::Kind::Hyperplane && norm2 > 1e-12;
    const bool hasDirection = std::hypot(component(m_shape.uHat, 0), component(m_shape.uHat, 1)) > 1e-9;
    m_hyperplane->setVisible(geometry && planar);
    m_directionArrow->setVisible(geometry && ((planar && hasDirection) || kind == LayerGeometry::Kind::Coupling));
    m_radialCircle->setVisible(geometry && kind == LayerGeometry::Kind::Radial && m_shape.alpha > 0.0);
    m_centreMarker->setVisible(geometry && kind == LayerGeometry::Kind::Radial);
    m_handles->setVisible(m_handlesEnabled && !m_drawMode && isHandSettable(m_shape));
    m_shapeLabel->setVisible(geometry && ((planar && hasDirection) || kind == LayerGeometry::Kind::Radial ||
                                          kind == LayerGeometry::Kind::Coupling));
}

void DensityView::requestReplot() { m_plot->replot(QCustomPlot::rpQueuedReplot); }

}  // namespace flowscope::ui
