#pragma once

#include "flow/base_distribution.h"
#include "flow/flow_sequence.h"
#include "types/flow_config.h"

#include <string>

namespace flowscope {

/// Throws std::invalid_argument naming the first bad field.
void validate(const FlowConfig& config);

/// q_0 pushed through f_K ∘ … ∘ f_1. Sampling runs forward; density evaluation runs the inverse.
class FlowModelImpl : public torch::nn::Module {
public:
    explicit FlowModelImpl(FlowConfig config);

    struct Samples {
        torch::Tensor x;     ///< z_K, [n, d]
        torch::Tensor logq;  ///< log q_K(x) = log q_0(z_0) − Σ log|det J_k|, [n]
    };
    /// Draws n points and their exact log density (differentiable in the parameters).
    Samples sample(int64_t n, torch::Generator& gen);
    /// z_0 → z_K keeping every intermediate.
    SequencePass trajectory(const torch::Tensor& z0);
    /// log q_K(x) through the inverses (differentiable).
    torch::Tensor logProb(const torch::Tensor& x);

    torch::Device device() const;
    const FlowConfig& config() const { return m_config; }

    std::shared_ptr<BaseDistribution> base;
    FlowSequence flows{nullptr};

private:
    FlowConfig m_config;
};
TORCH_MODULE(FlowModel);

}  // namespace flowscope
