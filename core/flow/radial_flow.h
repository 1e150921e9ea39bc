#pragma once

#include "flow/flow_layer.h"

namespace flowscope {

struct RadialFlowOptions {
    RadialFlowOptions(int64_t dim) : dim_(dim) {}
    TORCH_ARG(int64_t, dim);
    TORCH_ARG(uint64_t, seed) = 0;
};

/// Radial flow (Rezende & Mohamed 2015, arXiv:1505.05770, eq. 14):
///   f(z) = z + β h(α, r)(z − z0),  r = ‖z − z0‖,  h = 1/(α + r),
///   α = softplus(α̃) > 0,  β = −α + softplus(β̃) ≥ −α  (invertible),
///   log|det J| = (d − 1) log(1 + βh) + log(1 + βh + βh'r).
/// Inverse in closed form: the radius solves r² + (α + β − r_y) r − α r_y = 0 (the non-negative
/// root, taken in the cancellation-free form), the direction is unchanged.
/// Checkpoint keys: z0, alpha_tilde (α̃), beta_tilde (β̃).
class RadialFlowImpl : public FlowLayer {
public:
    explicit RadialFlowImpl(RadialFlowOptions options);

    FlowStep forward(const torch::Tensor& z) override;
    FlowStep inverse(const torch::Tensor& y) override;
    std::string kind() const override { return "radial"; }
    std::shared_ptr<FlowLayer> blended(double t) const override;
    LayerGeometry geometry() const override;
    int64_t dim() const override { return options.dim(); }

    torch::Tensor alpha() const;
    torch::Tensor beta() const;
    /// Sets α̃, β̃ so that the layer has these α > 0 and β > −α.
    void setAlphaBeta(double alpha, double beta);

    RadialFlowOptions options;
    torch::Tensor z0, alphaTilde, betaTilde;
};
TORCH_MODULE(RadialFlow);

}  // namespace flowscope
