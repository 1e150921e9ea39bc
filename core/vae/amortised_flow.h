#pragma once

#include "flow/flow_layer.h"
#include "types/vae_config.h"

#include <torch/torch.h>

#include <memory>
#include <vector>

namespace flowscope {

/// z_K, the summed log-det and (when asked) every z_k of a flow applied to a batch of samples.
struct FlowPath {
    torch::Tensor z;                   ///< z_K, [N, S, D]
    torch::Tensor logdet;              ///< Σ_k ln|det ∂f_k/∂z_{k−1}|, [N, S]
    std::vector<torch::Tensor> steps;  ///< z_0 … z_K when keepSteps, else empty
};

/// The amortised flow of Rezende & Mohamed 2015 (arXiv:1505.05770 §4.2): the encoder gives each
/// data point n its own K layers, raw parameters `params[n, k]` ([N, K, P], P from
/// flowParametersPerLayer), applied to that point's S samples z0 [N, S, D] with batched
/// elementwise products (no loop over points). The invertibility constraint is applied per
/// point, with the same formulas as the plain PlanarFlow / RadialFlow layers:
///   planar  û = u + (m(wᵀu) − wᵀu) w/‖w‖²,  m(x) = −1 + softplus(x),
///           f(z) = z + û tanh(wᵀz + b),  ln|det| = ln(h² + softplus(wᵀu)(1 − h²)), h = tanh(wᵀz + b);
///   radial  α = softplus(α̃), β = −α + softplus(β̃),  f(z) = z + β/(α + r)·(z − z0),
///           ln|det| = (D − 1) ln(1 + βh) + ln(1 + βα h²),  h = 1/(α + r).
/// A global (non-amortised) flow passes its one set of parameters expanded to [N, K, P].
FlowPath applyAmortisedFlow(VaeFlow flow, const torch::Tensor& z0, const torch::Tensor& params, bool keepSteps = false);

/// One data point's flow as plain layers (PlanarFlow / RadialFlow holding the raw parameters
/// `params` [K, P]): the same map, with the layers' inverses, for densities on a grid.
std::vector<std::shared_ptr<FlowLayer>> flowLayersFor(VaeFlow flow, const torch::Tensor& params);

}  // namespace flowscope
