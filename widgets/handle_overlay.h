#pragma once
/// \file HandleOverlay: manual mode's draggable handles and the constraint they live under, drawn
/// over a density plot.

#include "types/layer_geometry.h"
#include "widgets/layer_handles.h"

#include <QPointF>

#include <vector>

class QCustomPlot;
class QCPItemEllipse;
class QCPItemStraightLine;
class QCPItemText;
class QCPItemTracer;

namespace flowscope::ui {

/// The handles of the shown planar or radial layer (layer_handles.h) as markers, and its
/// invertibility constraint made visible: for planar, the dashed line wᵀ(û-tip − p0) = −1 that
/// the û handle cannot cross; for radial, the image α + β/2 of the ring of radius α and the
/// dotted circle of radius α/2 (β = −α) that the β handle cannot enter. Items belong to the plot.
class HandleOverlay {
public:
    explicit HandleOverlay(QCustomPlot* plot);

    void setGeometry(const LayerGeometry& geometry);
    void setVisible(bool visible);
    bool visible() const { return m_visible; }
    /// The handle within `radius` pixels of the plot pixel `pixel` (the nearest), or None.
    HandleKind hit(const QPointF& pixel, double radius) const;
    const std::vector<LayerHandle>& handles() const { return m_handles; }
    /// Marks the handle being dragged.
    void setActive(HandleKind kind);

private:
    void place();

    QCustomPlot* m_plot;
    std::vector<QCPItemTracer*> m_markers;  ///< one per handle slot (3)
    QCPItemStraightLine* m_boundary;        ///< planar: wᵀû = −1 for the û tip
    QCPItemEllipse* m_imageRing;            ///< radial: radius α + β/2
    QCPItemEllipse* m_limitRing;            ///< radial: radius α/2
    QCPItemText* m_boundaryLabel;
    LayerGeometry m_geometry;
    std::vector<LayerHandle> m_handles;
    HandleKind m_active = HandleKind::None;
    bool m_visible = false;
};

}  // namespace flowscope::ui
