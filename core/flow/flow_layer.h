#pragma once
/// \file
/// The flow contract (DESIGN.md §2): a layer maps z_{k-1} → z_k in `forward` (towards the data)
/// and back in `inverse`; both return the mapped tensor and log|det J| of the map they applied.

#include "types/layer_geometry.h"

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace flowscope {

/// A mapped batch and the log|det J| of the map that produced it, shape [B].
struct FlowStep {
    torch::Tensor z;
    torch::Tensor logdet;
};

/// Base of every vector flow layer. Tensors are [B, d]; log-dets are [B], on the input's device.
class FlowLayer : public torch::nn::Module {
public:
    virtual FlowStep forward(const torch::Tensor& z) = 0;
    virtual FlowStep inverse(const torch::Tensor& y) = 0;
    /// Short identifier: "planar", "radial", "affine", "additive", "actnorm", "permute".
    virtual std::string kind() const = 0;
    /// A copy of this layer whose map is the identity at t = 0 and this layer at t = 1; every
    /// t ∈ [0, 1] is itself a valid invertible layer, so in-between frames stay exact densities.
    virtual std::shared_ptr<FlowLayer> blended(double t) const = 0;
    virtual LayerGeometry geometry() const { return {}; }
    virtual int64_t dim() const = 0;
};

using FlowLayerPtr = std::shared_ptr<FlowLayer>;

}  // namespace flowscope
