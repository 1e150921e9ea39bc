#pragma once

#include "flow/base_distribution.h"
#include "flow/flow_sequence.h"

#include <string>

namespace flowscope {

/// What a 2D (or low-dimensional) flow is built from; also its architecture record in files.
struct FlowConfig {
    std::string flow = "planar";  ///< planar | radial | affine | additive
    int64_t layers = 8;           ///< K
    int64_t hidden = 64;          ///< coupling conditioner width
    int64_t dim = 2;
    std::string base = "standard";  ///< standard | diagonal
    std::string mask = "half";      ///< coupling mask pattern: half | alternating
    bool actnorm = false;           ///< an ActNorm before every coupling layer
    uint64_t seed = 0;              ///< initialisation seed
};

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
