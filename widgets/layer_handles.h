#pragma once
/// \file The handles a planar or radial layer shows in manual mode, and what dragging each does.
/// Plain geometry in data coordinates, no widgets: the density view draws and hit-tests them.

#include "types/layer_geometry.h"

#include <QMetaType>
#include <QPointF>

#include <vector>

namespace flowscope::ui {

enum class HandleKind {
    None,
    PlanarOffset,     ///< the foot p0 = −b w/‖w‖² of the hyperplane: moves the line, keeps w
    PlanarNormal,     ///< the tip p0 + w: turns and scales w about p0
    PlanarDirection,  ///< the tip p0 + û: sets û (the worker snaps it to wᵀû ≥ −1)
    RadialCentre,     ///< z0
    RadialAlpha,      ///< z0 + (α, 0): α is the distance to the centre
    RadialBeta,       ///< z0 + (0, α + β/2): the ring of radius α maps to radius α + β/2
};

struct LayerHandle {
    HandleKind kind = HandleKind::None;
    QPointF position;
};

/// The foot of the hyperplane wᵀz + b = 0 (the point nearest the origin); (0, 0) when w = 0.
QPointF hyperplaneFoot(const LayerGeometry& planar);

/// The handles of `geometry` (none for other kinds or a degenerate w), direction handles first
/// so that they win a tie with the normal when û ∥ w.
std::vector<LayerHandle> layerHandles(const LayerGeometry& geometry);

/// The parameters after handle `kind` of `start` is dragged to `to`. Unconstrained: the caller's
/// core applies the invertibility constraints (flow/hand_set_layer.h) and reports the result.
LayerGeometry dragHandle(const LayerGeometry& start, HandleKind kind, QPointF to);

}  // namespace flowscope::ui

Q_DECLARE_METATYPE(flowscope::LayerGeometry)
