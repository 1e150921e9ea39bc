#pragma once

#include "flow/flow_layer.h"

namespace flowscope {

struct ActNormOptions {
    ActNormOptions(int64_t dim) : dim_(dim) {}
    TORCH_ARG(int64_t, dim);
    TORCH_ARG(double, eps) = 1e-6;
};

/// Activation normalisation on vectors (Glow, Kingma & Dhariwal 2018, arXiv:1807.03039):
///   f(z) = (z + loc) ⊙ exp(log_scale),  log|det J| = Σ log_scale.
/// Data-dependent init: the first call in training mode on a batch of ≥ 2 rows sets loc and
/// log_scale so that call's output has zero mean and unit variance per dimension (forward or
/// inverse, whichever comes first). The flag is the buffer `initialized`, so it is saved.
class ActNormImpl : public FlowLayer {
public:
    explicit ActNormImpl(ActNormOptions options);

    FlowStep forward(const torch::Tensor& z) override;
    FlowStep inverse(const torch::Tensor& y) override;
    std::string kind() const override { return "actnorm"; }
    std::shared_ptr<FlowLayer> blended(double t) const override;
    int64_t dim() const override { return options.dim(); }
    bool isInitialized() const;

    ActNormOptions options;
    torch::Tensor loc, logScale, initialized;

private:
    void maybeInitialize(const torch::Tensor& input, bool forwardDirection);
};
TORCH_MODULE(ActNorm);

}  // namespace flowscope
