#pragma once

#include "flow/flow_layer.h"

namespace flowscope {

struct PlanarFlowOptions {
    PlanarFlowOptions(int64_t dim) : dim_(dim) {}
    TORCH_ARG(int64_t, dim);
    TORCH_ARG(uint64_t, seed) = 0;
    /// Tolerance on α = wᵀz of the inverse's scalar solve (done in double).
    TORCH_ARG(double, inverseTolerance) = 1e-12;
};

/// Planar flow (Rezende & Mohamed 2015, arXiv:1505.05770, eq. 10–12):
///   f(z) = z + û h(wᵀz + b),  h = tanh,
///   û = u + (m(wᵀu) − wᵀu) w/‖w‖²,  m(x) = −1 + softplus(x)  (so wᵀû ≥ −1: invertible),
///   log|det J| = log|1 + ûᵀψ(z)|,  ψ(z) = h'(wᵀz + b) w.
/// Inverse: solve the monotone scalar equation wᵀy = α + wᵀû h(α + b) for α = wᵀz by a
/// bracketed Newton iteration in double, then z = y − û h(α + b). Gradients through the inverse
/// follow the implicit function theorem (one Newton correction with the derivative detached).
class PlanarFlowImpl : public FlowLayer {
public:
    explicit PlanarFlowImpl(PlanarFlowOptions options);

    FlowStep forward(const torch::Tensor& z) override;
    FlowStep inverse(const torch::Tensor& y) override;
    std::string kind() const override { return "planar"; }
    std::shared_ptr<FlowLayer> blended(double t) const override;
    LayerGeometry geometry() const override;
    int64_t dim() const override { return options.dim(); }

    /// The constrained direction û (differentiable in u and w).
    torch::Tensor uHat() const;
    /// 1 + wᵀû = softplus(wᵀu) > 0, computed without the cancellation of 1 + (−1 + …):
    /// the log-det uses 1 + wᵀû·h' = h² + (1 + wᵀû)(1 − h²), positive even where wᵀû rounds to −1.
    torch::Tensor onePlusWuHat() const;
    /// Sets the raw u so that the layer's û equals `uHat` (needs wᵀû > −1).
    void setUHat(const torch::Tensor& uHat);

    PlanarFlowOptions options;
    torch::Tensor u, w, b;
};
TORCH_MODULE(PlanarFlow);

}  // namespace flowscope
