#pragma once

#include "types/vae_config.h"
#include "vae/amortised_flow.h"

#include <torch/torch.h>

namespace flowscope {

/// q_K(z|x) for a batch of N data points: the Gaussian q0 = N(μ, diag σ²) and K flow layers with
/// per-point raw parameters (arXiv:1505.05770 §4). The encoder produces one; tests build one
/// from free parameters.
struct VariationalPosterior {
    VaeFlow flow = VaeFlow::None;
    torch::Tensor mu;          ///< [N, D]
    torch::Tensor logSigma;    ///< [N, D]
    torch::Tensor flowParams;  ///< [N, K, P], undefined when there is no flow

    int64_t points() const { return mu.size(0); }
    int64_t latent() const { return mu.size(1); }
    int64_t layers() const { return flowParams.defined() ? flowParams.size(1) : 0; }
    /// Data point n alone ([1, …] tensors).
    VariationalPosterior point(int64_t n) const;
};

/// S reparameterised samples of each point's q_K, with what the Flow-ELBO needs.
struct PosteriorSample {
    torch::Tensor z0;                  ///< [N, S, D]
    torch::Tensor zK;                  ///< [N, S, D]
    torch::Tensor logQ0;               ///< ln q0(z0|x), [N, S]
    torch::Tensor logdet;              ///< Σ_k ln|det ∂f_k/∂z_{k−1}|, [N, S]
    std::vector<torch::Tensor> steps;  ///< z_0 … z_K when asked

    /// ln q_K(z_K|x) = ln q0(z0|x) − Σ_k ln|det ∂f_k/∂z_{k−1}|.
    torch::Tensor logQK() const { return logQ0 - logdet; }
};

/// z0 = μ + σ ε, ε ~ N(0, I) from `gen` (drawn on the CPU, so a seed gives the same samples on
/// every device), then the flow. Differentiable in μ, log σ and the flow parameters.
PosteriorSample samplePosterior(const VariationalPosterior& q, int64_t samples, torch::Generator& gen,
                                bool keepSteps = false);

/// ln N(z; μ, diag σ²) summed over the last axis: z [N, S, D], μ and log σ [N, D] → [N, S].
torch::Tensor diagonalGaussianLogDensity(const torch::Tensor& z, const torch::Tensor& mu,
                                         const torch::Tensor& logSigma);
/// ln N(z; 0, I) summed over the last axis.
torch::Tensor standardNormalLogDensity(const torch::Tensor& z);

}  // namespace flowscope
