#pragma once

#include "fast/flat_adam.h"
#include "flow/flow_model_2d.h"

#include <Eigen/Dense>

#include <memory>
#include <vector>

namespace flowscope {

/// Maximum-likelihood training of a 2D affine or additive coupling stack (RealNVP / NICE) in one
/// hand-written pass: the inverse from the data to z_0 with Eigen matrix products, log p, the
/// hand-derived backward pass through every conditioner MLP, and Adam on one flat parameter
/// vector. LibTorch spends most of a 2D step in per-op dispatch (hundreds of tiny ops per layer
/// and per parameter); this does the same arithmetic without it. Tests hold it equal to the
/// plain layers (loss, gradients, Adam trajectory).
class FusedCouplingMl {
public:
    /// Dimension 2, standard base, CPU, float32, only affine/additive coupling layers with the
    /// default two-hidden-layer tanh conditioner.
    static bool supports(FlowModelImpl& model);

    FusedCouplingMl(FlowModelImpl& model, double learningRate);

    struct Outcome {
        double loss = 0.0;    ///< −mean log p(x) over the batch
        bool applied = true;  ///< false: non-finite loss or gradient, parameters rolled back
    };
    /// One Adam step on data x [B, 2] (CPU float).
    Outcome step(const torch::Tensor& x);
    /// Loss and gradient in model parameter order, without updating.
    double lossAndGradient(const torch::Tensor& x, std::vector<float>& gradient);

    void writeTo(FlowModelImpl& model) const;
    void readFrom(FlowModelImpl& model);
    void poisonParametersForTest();

private:
    struct Layer {
        bool affine;
        int kept, transformed;          ///< the conditioning coordinate and the one it transforms
        float clamp;                    ///< affine: log-scales are clamp·tanh(raw/clamp)
        size_t w1, b1, w2, b2, w3, b3;  ///< offsets into the flat parameter vector
    };
    double evaluate(const float* x, int64_t batch, std::vector<float>& grad);

    std::vector<Layer> m_layers;
    int64_t m_hidden = 0;
    std::vector<float> m_theta, m_grad;
    std::unique_ptr<GuardedFlatAdam<float>> m_adam;
    // Per-layer activations kept for the backward pass, reused between steps.
    std::vector<Eigen::MatrixXf> m_h1, m_h2;
    std::vector<Eigen::VectorXf> m_in, m_yb, m_s, m_zb;
};

}  // namespace flowscope
