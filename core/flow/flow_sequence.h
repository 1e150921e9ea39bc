#pragma once

#include "flow/flow_layer.h"

#include <vector>

namespace flowscope {

/// Every intermediate of a pass through a sequence, indexed as in the paper:
/// z[k] for k = 0..K and logdet[k-1] = log|det J_k(z_{k-1})| of layer k's forward map, whichever
/// direction the pass ran (an inverse pass negates what the layers return).
struct SequencePass {
    std::vector<torch::Tensor> z;       ///< K + 1 tensors [B, d]
    std::vector<torch::Tensor> logdet;  ///< K tensors [B]
    torch::Tensor totalLogdet;          ///< Σ_k log|det J_k|, [B]
};

/// z_0 → f_1 → … → f_K → z_K, a container of FlowLayer modules registered as "0", "1", …
class FlowSequenceImpl : public torch::nn::Module {
public:
    FlowSequenceImpl() = default;
    explicit FlowSequenceImpl(std::vector<FlowLayerPtr> layers);

    void append(FlowLayerPtr layer);
    size_t size() const { return m_layers.size(); }
    const FlowLayerPtr& layer(size_t k) const { return m_layers.at(k); }  ///< layer k+1 (0-based)
    const std::vector<FlowLayerPtr>& layers() const { return m_layers; }

    /// z_0 → z_K; keeps every intermediate when `keepIntermediates`.
    SequencePass forward(const torch::Tensor& z0, bool keepIntermediates = false);
    /// x = z_K → z_0; z[0] is z_0 and z[K] is x.
    SequencePass inverse(const torch::Tensor& x, bool keepIntermediates = false);

    /// Layers 1..k at full strength, layer k+1 blended at t (0 ≤ t ≤ 1): an in-between frame.
    std::shared_ptr<FlowSequenceImpl> prefix(size_t k, double t = 0.0) const;

private:
    std::vector<FlowLayerPtr> m_layers;
};
TORCH_MODULE(FlowSequence);

}  // namespace flowscope
