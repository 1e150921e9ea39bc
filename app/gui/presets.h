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
};

/// All presets: Figure 3 of Rezende & Mohamed (U1–U4 × planar and radial, K = 2, 8, 32), RealNVP
/// on moons, checkerboard, and "Draw your own".
const std::vector<Preset>& allPresets();
std::optional<Preset> findPreset(const QString& id);
/// The preset the explorer opens on.
QString defaultPresetId();

}  // namespace flowscope
