#pragma once

#include "analysis/grid.h"
#include "flow/flow_sequence.h"

#include <optional>
#include <vector>

namespace flowscope {

/// One planar or radial layer's constrained parameters, in float, for the grid kernel.
struct KernelLayer {
    bool planar = true;
    float w0 = 0, w1 = 0, b = 0, uh0 = 0, uh1 = 0, c = 0, onePlusC = 1;  // planar (c = wᵀû)
    float cx = 0, cy = 0, alpha = 1, beta = 0;                           // radial
};

/// The layers of a 2D planar/radial sequence, or nothing if any layer is of another kind.
std::optional<std::vector<KernelLayer>> kernelLayers(const FlowSequenceImpl& sequence);

/// log q_k on `grid` for the sequence `layers` (all of them, in order) over a standard normal
/// base, by inverting every grid point through the layers with SIMD arithmetic (Eigen arrays,
/// float; planar inverses by bracketed Newton to ~1e-6 relative, radial inverses closed form).
/// Also Σ log|det J| along each point's path. Runs on LibTorch's intra-op threads.
void planarRadialLogDensity(const std::vector<KernelLayer>& layers, const GridSpec& grid, float* logDensity,
                            float* cumulativeLogdet);

}  // namespace flowscope
