#pragma once
/// \file Planar and radial layers set by hand (the explorer's manual mode, Figure 1 presets, demo
/// files): a layer's visible parameters — w, b, û for planar, z0, α, β for radial — written into
/// its raw parameters, with Rezende & Mohamed's invertibility constraints applied first.

#include "flow/flow_layer.h"
#include "types/layer_geometry.h"

namespace flowscope {

/// The closest parameters that keep the layer invertible, which is what a dragged handle snaps
/// to: planar wᵀû ≥ −1 + 1e-3 (û moved along w onto that line), ‖w‖ ≥ 0.05; radial α ≥ 1e-3,
/// β ≥ −α (1 − 1e-3). Values are clamped to a sane range (|w| ≤ 50, |b| ≤ 100, |û| ≤ 20,
/// |z0| ≤ 100, α ≤ 50, β ≤ 100). Throws std::invalid_argument for a kind other than Hyperplane
/// or Radial, a vector that is not 2-dimensional, or a value that is not finite.
LayerGeometry constrainHandSet(const LayerGeometry& geometry);

/// Sets a 2D planar or radial layer so that its geometry() equals constrainHandSet(geometry), and
/// returns that geometry (as the layer now reports it). Throws std::invalid_argument naming the
/// problem when the layer is of another kind or the geometry does not fit it.
LayerGeometry setHandSetGeometry(FlowLayer& layer, const LayerGeometry& geometry);

}  // namespace flowscope
