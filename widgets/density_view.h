#pragma once
/// \file DensityView: the exact density q_k of one step of a 2D flow, with overlays.

#include "types/layer_geometry.h"
#include "types/plane.h"
#include "widgets/color_map_plot.h"
#include "widgets/layer_handles.h"
#include "widgets/point_brush.h"

#include <QColor>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QCPGraph;
class QCPItemEllipse;
class QCPItemLine;
class QCPItemStraightLine;
class QCPItemText;
class QCPItemTracer;
class QMouseEvent;

namespace flowscope::ui {

class HandleOverlay;
class PolylineSet;

/// Shows the exact density q_k = exp(log q_k) of one flow step as a viridis heatmap on an
/// equal-aspect plane (a circle must look like a circle to a class), with toggleable overlays:
/// the particles pushed through the flow, the warped coordinate grid, the target (energy
/// contours and data points) and the geometry of the layer (hyperplane, radial circle, coupling
/// direction). In draw mode a brush sprinkles or erases points, for "Draw your own" data sets.
class DensityView : public ColorMapPlot {
    Q_OBJECT
public:
    explicit DensityView(QWidget* parent = nullptr);
    ~DensityView() override;

    /// log q on a grid; shown as exp(values) on the range 0 … max.
    void setLogDensity(const ScalarGrid& logDensity);
    void setParticles(std::vector<float> xy);
    void setGridLines(std::vector<Polyline> lines);
    void setContours(std::vector<Polyline> lines);
    void setDataPoints(std::vector<float> xy);
    void setLayerGeometry(const LayerGeometry& geometry);

    void setShowParticles(bool show);
    bool showParticles() const { return m_showParticles; }
    void setShowGridLines(bool show);
    bool showGridLines() const { return m_showGridLines; }
    /// Energy contours and data points.
    void setShowTarget(bool show);
    bool showTarget() const { return m_showTarget; }
    void setShowGeometry(bool show);
    bool showGeometry() const { return m_showGeometry; }

    /// The data rectangle kept fully visible (the axes grow to keep one unit square on screen).
    void setViewRange(double x0, double x1, double y0, double y1);
    void setTitle(const QString& title);
    QString title() const;

    void setDrawMode(bool on);
    bool drawMode() const { return m_drawMode; }
    /// Brush radius in data units.
    void setBrushRadius(double radius);
    double brushRadius() const { return m_points.radius(); }
    void setEraseMode(bool on);
    bool eraseMode() const { return m_eraseMode; }
    void clearDrawnPoints();
    /// Replaces the drawn points (a demo file's drawing).
    void setDrawnPoints(std::vector<float> xy);
    /// Drawn points as x, y pairs.
    std::vector<float> drawnPoints() const { return m_points.points(); }

    /// Manual mode: the shown planar or radial layer's handles can be dragged (a press on one
    /// starts a drag instead of a probe); layerDragged reports the parameters as they change.
    void setHandlesEnabled(bool on);
    bool handlesEnabled() const { return m_handlesEnabled; }
    /// The handles on screen now (empty when disabled or the layer has none).
    std::vector<LayerHandle> handles() const;
    bool isDraggingHandle() const { return m_dragKind != HandleKind::None; }

    /// PNG or PDF by the suffix of path; false on failure.
    bool exportImage(const QString& path, int width, int height);

    QPointF pixelToData(const QPointF& pixel) const;
    /// The rendered widget's colour at a widget pixel (replots first).
    QColor colorAtPixel(const QPoint& pixel);
    /// Number of visible plottables and items (the map included).
    int visibleLayerCount() const;

    /// The probed point and the outline of the small square around it (the ledger's), drawn in
    /// the view; clearProbe() removes them.
    void setProbe(const Polyline& outline, double x, double y);
    void clearProbe();

signals:
    void drawnPointsChanged(int count);
    /// A left click outside draw mode, in data coordinates: "where does this density come from?".
    void pointProbed(double x, double y);
    /// A handle drag began on the layer whose geometry is `before`.
    void layerDragStarted(const flowscope::LayerGeometry& before);
    /// The dragged layer's new (unconstrained) parameters; `finished` on release.
    void layerDragged(const flowscope::LayerGeometry& geometry, bool finished);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onMousePress(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    void applyStroke(const QPointF& centre, bool erase);
    void updateBrush(const QPointF& pixel);
    void updateDrawnGraph();
    void updateGeometryItems();
    void updateVisibility();
    void requestReplot();

    PolylineSet* m_gridLines;
    PolylineSet* m_contours;
    QCPGraph* m_dataPoints;
    QCPGraph* m_drawnPoints;
    QCPGraph* m_particles;
    QCPItemStraightLine* m_hyperplane;
    QCPItemLine* m_directionArrow;
    QCPItemEllipse* m_radialCircle;
    QCPItemTracer* m_centreMarker;
    QCPItemText* m_shapeLabel;
    QCPItemEllipse* m_brush;
    PolylineSet* m_probeOutline;
    QCPItemTracer* m_probeMarker;

    LayerGeometry m_shape;
    bool m_showParticles = true;
    bool m_showGridLines = true;
    bool m_showTarget = true;
    bool m_showGeometry = true;

    bool m_drawMode = false;
    bool m_eraseMode = false;
    bool m_stroking = false;
    bool m_strokeErases = false;
    PointBrush m_points;  ///< what the brush has drawn

    std::unique_ptr<HandleOverlay> m_handles;
    bool m_handlesEnabled = false;
    HandleKind m_dragKind = HandleKind::None;
    LayerGeometry m_dragStart;  ///< the layer when the drag began: every move is relative to it
    LayerGeometry m_dragLast;   ///< the newest geometry the drag asked for
};

}  // namespace flowscope::ui
