#pragma once
/// \file Values between the Langevin page (GUI thread) and its worker. Plain types only.

#include "types/plane.h"

#include <QMetaType>
#include <QString>

#include <atomic>
#include <memory>
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

/// File → Export animation on this page: p_t from t = 0 over `duration` as an animated GIF.
struct LangevinAnimationRequest {
    QString path;
    LangevinSettings settings;  ///< the flow to render (from its start, not from where the page is)
    int frames = 101;
    double duration = 5.0;
    int size = 512;
    double fps = 25;
    double holdSeconds = 1.5;
    /// Set from the GUI thread to stop half-way (nothing is written then).
    std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
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
Q_DECLARE_METATYPE(flowscope::LangevinAnimationRequest)
