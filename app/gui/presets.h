#pragma once

#include "gui/flow2d_types.h"

#include <QString>

#include <optional>
#include <vector>

namespace flowscope {

/// A ready-made 2D experiment: the explorer's Presets menu and `flowscope --preset ID`.
struct Preset {
    QString id;     ///< e.g. "fig3-u1-planar-32"
    QString group;  ///< menu group, e.g. "Rezende & Mohamed, Figure 3"
    QString title;  ///< e.g. "U1 · planar K = 32"
    Flow2DSettings settings;
    /// Layers set by hand (settings.handSetLayers): the page opens it in manual mode, target hidden.
    bool handSet = false;
};

/// All presets: Figure 1 of Rezende & Mohamed (planar and radial, K = 1, 2, 10, on a Gaussian and a
/// uniform base, layers set by hand), Figure 3 (U1–U4 × planar and radial, K = 2, 8, 32), RealNVP
/// on moons, checkerboard, and "Draw your own".
const std::vector<Preset>& allPresets();
std::optional<Preset> findPreset(const QString& id);
/// Figure 1's hand-set layers: K planar (w, b, û) or radial (z0, α, β) layers, each invertible,
/// alternating layers that spread the density apart with layers that gather it.
std::vector<LayerGeometry> figureOneLayers(FlowKind kind, int layers);
/// The preset the explorer opens on.
QString defaultPresetId();

}  // namespace flowscope
