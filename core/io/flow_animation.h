#pragma once
/// \file The explorer's Play sequence of a 2D flow as images, for an animated GIF: z_0 → z_K with
/// in-between frames (layers 1..k at full strength, layer k+1 blended at t), each the exact
/// density on a size × size grid in the explorer's colours, with optional overlays.

#include "flow/flow_model_2d.h"
#include "types/plane.h"

#include <QImage>

#include <functional>
#include <string>

namespace flowscope {

struct FlowAnimationOptions {
    int frames = 97;         ///< ≥ 2: the first is z_0, the last z_K, evenly spaced along the layers
    int size = 512;          ///< pixels a side (16..2048); the density is computed at this resolution
    GridSpec bounds;         ///< the plane shown (nx, ny ignored)
    bool particles = false;  ///< base samples carried along (white dots)
    bool gridLines = false;  ///< the lines of a coordinate grid of z_0 carried along
    bool label = true;       ///< "k = 3.50 / 32" in a corner
    int particleCount = 600;
    uint64_t seed = 1;
};

/// Position of frame i of n along the layers: step k and fraction t of layer k + 1.
struct FramePosition {
    size_t k;
    double t;
};
FramePosition framePosition(int i, int n, size_t layers);

/// Renders the frames in order, handing each to `sink` with its index; `sink` returns false to
/// stop early (a cancelled export). Throws std::invalid_argument for options out of range.
/// Text needs a QGuiApplication (fonts).
void renderFlowAnimation(FlowModelImpl& model, const FlowAnimationOptions& options,
                         const std::function<bool(int index, const QImage& frame)>& sink);

}  // namespace flowscope

namespace flowscope {

/// The Play sequence as an animated GIF (what File → Export animation and `flowscope-cli animate`
/// write).
struct FlowAnimationGif {
    std::string bytes;  ///< the file; empty when cancelled
    int frames = 0;
    int delayMs = 0;  ///< per frame (the last one also holds `holdSeconds`)
    bool cancelled = false;
};
/// Renders and encodes the frames at `fps` (GIF delays are whole centiseconds), looping, the last
/// frame shown `holdSeconds` longer; `progress(done, total)` runs after every frame and returns
/// false to cancel.
FlowAnimationGif encodeFlowAnimationGif(FlowModelImpl& model, const FlowAnimationOptions& options, double fps,
                                        double holdSeconds, const std::function<bool(int done, int total)>& progress);

}  // namespace flowscope
