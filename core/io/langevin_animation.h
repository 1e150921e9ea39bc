#pragma once
/// \file The Langevin flow as an animated GIF: the Fokker–Planck density p_t at evenly spaced
/// times, on one colour scale, as File → Export animation and `flowscope-cli langevin --gif` write.

#include "infinitesimal/fokker_planck.h"
#include "io/flow_animation.h"

#include <functional>

namespace flowscope {

struct LangevinAnimationOptions {
    int frames = 101;          ///< ≥ 2: t₀, t₀ + T/(F−1), …, t₀ + T from the solver's time t₀
    double duration = 5.0;     ///< T > 0
    int size = 512;            ///< pixels a side (16..2048): the grid's density scaled smoothly
    double fps = 25;           ///< GIF delays are whole centiseconds
    double holdSeconds = 1.5;  ///< the last frame's extra time before the loop restarts
    bool label = true;         ///< "t = 1.25" in a corner
};

/// Advances `solver` through the frames (it ends at t₀ + T) and encodes them, every frame on the
/// scale of the densest one so that frames compare; `progress(done, total)` runs after every
/// frame computed and every frame encoded (total = 2F) and returns false to cancel. Throws
/// std::invalid_argument for options out of range. Text needs a QGuiApplication.
FlowAnimationGif encodeLangevinAnimationGif(FokkerPlanckSolver& solver, const LangevinAnimationOptions& options,
                                            const std::function<bool(int done, int total)>& progress);

}  // namespace flowscope
