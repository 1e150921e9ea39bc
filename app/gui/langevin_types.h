#pragma once
/// \file Values between the Langevin page (GUI thread) and its worker. Plain types only.

#include "types/plane.h"

#include <QMetaType>
#include <QString>

#include <vector>

namespace flowscope {

/// What the page sets; changing any of it restarts the flow at t = 0.
struct LangevinSettings {
    QString target = "U1";                   ///< U1…U4, or "drawn" (drawnPoints)
    std::vector<float> drawnPoints;          ///< x, y pairs of a drawn shape (target "drawn")
    int grid = 128;                          ///< cells per side of the Fokker–Planck grid
    double meanX = 0, meanY = 0, sigma = 1;  ///< the starting Gaussian p_0
    int particles = 400;                     ///< Euler–Maruyama samples drawn on top (0: none)
    uint64_t seed = 1;

    bool operator==(const LangevinSettings& o) const {
        return target == o.target && drawnPoints == o.drawnPoints && grid == o.grid && meanX == o.meanX &&
               meanY == o.meanY && sigma == o.sigma && particles == o.particles && seed == o.seed;
    }
    bool operator!=(const LangevinSettings& o) const { return !(*this == o); }
};

/// The target of a (re)configuration: what stays fixed while p_t moves.
struct LangevinTargetInfo {
    QString name;
    double bounds[4] = {-4, 4, -4, 4};
    ScalarGrid logStationary;        ///< log(e^{−U}/Z) on the cells (the grid's own normalisation)
    std::vector<Polyline> contours;  ///< levels of U
    double stableStep = 0;           ///< the solver's dt
};

/// One frame of the evolving density.
struct LangevinFrame {
    int generation = 0;  ///< increases with every reconfiguration, so stale frames are dropped
    double time = 0;
    double kl = 0;  ///< KL(p_t ‖ p) on the grid
    double mass = 1;
    double minDensity = 0;
    qint64 steps = 0;
    ScalarGrid logDensity;         ///< log p_t
    std::vector<float> particles;  ///< xy pairs
};

}  // namespace flowscope

Q_DECLARE_METATYPE(flowscope::LangevinSettings)
Q_DECLARE_METATYPE(flowscope::LangevinTargetInfo)
Q_DECLARE_METATYPE(flowscope::LangevinFrame)
