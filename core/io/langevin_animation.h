#pragma once
/// \file The Langevin flow as an animated GIF: the Fokker–Planck density p_t at evenly spaced
/// times, on one colour scale, as File → Export animation and `flowscope-cli langevin --gif` write.

#include "infinitesimal/fokker_planck.h"
#include "io/flow_animation.h"

#include <functional>

namespace flowscope {

/// How density frames become a GIF.
struct DensityGifOptions {
    int size = 512;            ///< pixels a side (16..2048): the grid's density scaled smoothly
    double fps = 25;           ///< GIF delays are whole centiseconds
    double holdSeconds = 1.5;  ///< the last frame's extra time before the loop restarts
    bool label = true;         ///< "t = 1.25" in a corner
};

struct LangevinAnimationOptions {
    int frames = 101;       ///< ≥ 2: t₀, t₀ + T/(F−1), …, t₀ + T from the solver's time t₀
    double duration = 5.0;  ///< T > 0
    DensityGifOptions gif;
};

/// Densities already computed (log p at `times`, one grid each) as a looping GIF, every frame on
/// the scale of the densest one so that frames compare; `progress(done, total)` runs after every
/// frame and returns false to cancel. Throws std::invalid_argument for options out of range or
/// mismatched inputs. Text needs a QGuiApplication.
FlowAnimationGif encodeDensityFramesGif(const std::vector<ScalarGrid>& logDensities, const std::vector<double>& times,
                                        const DensityGifOptions& options,
                                        const std::function<bool(int done, int total)>& progress);

/// Advances `solver` through the frames (it ends at t₀ + T) and encodes them as above;
/// `progress` counts the frames computed, then the frames encoded (total = 2F).
FlowAnimationGif encodeLangevinAnimationGif(FokkerPlanckSolver& solver, const LangevinAnimationOptions& options,
                                            const std::function<bool(int done, int total)>& progress);

}  // namespace flowscope
