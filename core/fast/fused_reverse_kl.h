#pragma once

#include "fast/flat_adam.h"
#include "flow/flow_model_2d.h"
#include "targets/energy.h"

#include <memory>
#include <vector>

namespace flowscope {

/// The whole reverse-KL training step of a 2D planar or radial stack in plain loops: forward
/// through K layers, U and ∇U, the hand-derived backward pass to every raw parameter (through
/// the û and softplus constraints), and Adam. Tiny 2D tensors are dominated by per-op dispatch
/// in LibTorch; this path does the same arithmetic with none of it. Tests hold it equal to the
/// plain LibTorch layers (loss, gradients and Adam trajectory).
///
/// Parameters live here in double while training; `writeTo` copies them into the model.
class FusedReverseKl {
public:
    /// Whether `model` can use this path: dimension 2, standard base, CPU, and every layer planar
    /// or radial.
    static bool supports(FlowModelImpl& model);

    FusedReverseKl(FlowModelImpl& model, Energy energy, double learningRate);

    struct Outcome {
        double loss = 0.0;    ///< mean of log q(z_K) + β U(z_K) over the batch
        bool applied = true;  ///< false: non-finite loss or gradient, parameters rolled back
    };
    /// One Adam step on the batch z0 [B, 2] (CPU float) at inverse temperature β.
    Outcome step(const torch::Tensor& z0, double beta);
    /// Loss and gradient with respect to the raw parameters (in model order), without updating.
    double lossAndGradient(const torch::Tensor& z0, double beta, std::vector<double>& gradient);

    /// Copies the current parameters into the model (same layout it was built from).
    void writeTo(FlowModelImpl& model) const;
    /// Reloads parameters from the model (after it was edited outside); keeps Adam's moments.
    void readFrom(FlowModelImpl& model);
    /// Overwrites every parameter with NaN (lets tests drive the rollback path).
    void poisonParametersForTest();

    size_t parameterCount() const { return m_theta.size(); }

private:
    enum class Kind { Planar, Radial };
    struct LayerSlot {
        Kind kind;
        size_t offset;  ///< into m_theta: planar u0 u1 w0 w1 b, radial z0 z1 α̃ β̃
    };
    double evaluate(const float* z0, int64_t batch, double beta, std::vector<double>& grad);

    std::vector<LayerSlot> m_layers;
    Energy m_energy;
    std::vector<double> m_theta, m_grad;
    std::unique_ptr<GuardedFlatAdam<double>> m_adam;
    // Per-step scratch (z_{k-1} and h per layer and sample), reused to avoid allocation.
    std::vector<double> m_zs, m_hs, m_rs;
};

}  // namespace flowscope
