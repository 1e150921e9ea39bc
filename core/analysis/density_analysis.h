#pragma once

#include "analysis/grid.h"
#include "flow/flow_model_2d.h"

#include <vector>

namespace flowscope {

/// Exact per-step densities of a 2D flow on a grid (change of variables through the inverses;
/// no histograms). Index k = 0..K is z_k; layer k maps z_{k-1} → z_k.
struct DensityAnalysis {
    std::vector<ScalarGrid> logDensity;   ///< log q_k on the grid, k = 0..K
    std::vector<ScalarGrid> layerLogdet;  ///< log|det J_k(z)| with the grid as layer k's input, k = 1..K
    std::vector<ScalarGrid>
        cumulativeLogdet;  ///< Σ_{j≤k} log|det J_j| along the path that ends at each grid point of z_k, k = 0..K
};

struct AnalysisOptions {
    bool layerLogdets = true;
    /// Use the vectorised planar/radial kernel when the model allows it (tests compare both).
    bool allowFastKernel = true;
};

/// Densities of every step k = 0..K of `model` on `grid`.
DensityAnalysis analyzeDensities(FlowModelImpl& model, const GridSpec& grid, const AnalysisOptions& options = {});

/// One in-between frame: layers 1..k at full strength, layer k+1 blended at t ∈ [0, 1].
struct FrameAnalysis {
    ScalarGrid logDensity;        ///< log q of the frame
    ScalarGrid cumulativeLogdet;  ///< Σ log|det J| along the path to each grid point
};
FrameAnalysis analyzeFrame(FlowModelImpl& model, size_t k, double t, const GridSpec& grid,
                           const AnalysisOptions& options = {});

/// log q of one in-between frame (see analyzeFrame).
ScalarGrid frameLogDensity(FlowModelImpl& model, size_t k, double t, const GridSpec& grid,
                           const AnalysisOptions& options = {});

/// log q_k for a single step k (the explorer's large view; cheaper than all steps).
ScalarGrid stepLogDensity(FlowModelImpl& model, size_t k, const GridSpec& grid, const AnalysisOptions& options = {});

/// Log-dets of layer k (1-based) over its input domain.
ScalarGrid layerLogdetGrid(FlowModelImpl& model, size_t k, const GridSpec& grid);

/// The images, after every step, of the lines of a coordinate grid in z_0 space:
/// result[k] holds the polylines at z_k. `lines` per direction over [lo, hi]², `points` per line.
std::vector<std::vector<Polyline>> warpedGridLines(FlowModelImpl& model, double lo, double hi, int lines, int points);

/// The lines of a coordinate grid in z_0 space ([lo, hi]², `lines` per direction, `points` per
/// line) pushed through all of `sequence`: the vertical lines first, then the horizontal ones.
std::vector<Polyline> gridLinesThrough(FlowSequenceImpl& sequence, double lo, double hi, int lines, int points);

/// N base samples pushed through every step: result[k] is [N, 2] as (x, y) pairs, k = 0..K.
std::vector<std::vector<float>> particleTrajectories(FlowModelImpl& model, int64_t n, uint64_t seed);

}  // namespace flowscope
