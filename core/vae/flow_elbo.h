#pragma once

#include "vae/variational_posterior.h"

#include <functional>

namespace flowscope {

/// ln p(x|z) of the data points a posterior belongs to, for samples z [N, S, D] → [N, S].
using LogLikelihood = std::function<torch::Tensor(const torch::Tensor& z)>;

/// The Flow-ELBO's terms for S samples of each point (Rezende & Mohamed 2015, eq. 15):
///   F(x) = E_q0[ ln q0(z0|x) − Σ_k ln|1 + u_kᵀψ_k(z_{k−1})| − ln p(x|z_K) − ln p(z_K) ],
/// with p(z) = N(0, I); −F(x) ≤ ln p(x). All terms [N, S].
struct FlowElboTerms {
    PosteriorSample sample;
    torch::Tensor logLikelihood;  ///< ln p(x|z_K)
    torch::Tensor logPrior;       ///< ln p(z_K)

    /// The per-sample evidence lower bound −F: ln p(x|z_K) + ln p(z_K) − ln q_K(z_K|x).
    torch::Tensor elbo() const { return logLikelihood + logPrior - sample.logQK(); }
    /// The per-sample "KL term" ln q_K(z_K|x) − ln p(z_K) (its mean is the rate).
    torch::Tensor klTerm() const { return sample.logQK() - logPrior; }
};

FlowElboTerms flowElboTerms(const VariationalPosterior& q, const LogLikelihood& logLikelihood, int64_t samples,
                            torch::Generator& gen, bool keepSteps = false);

/// The training loss, the mean over points and samples of
///   ln q0(z0|x) − Σ_k ln|det| − β (ln p(x|z_K) + ln p(z_K)),
/// β = 1 the Flow-ELBO itself, β < 1 the paper's annealed free energy (§6).
torch::Tensor flowElboLoss(const FlowElboTerms& terms, double beta = 1.0);

/// The paper's schedule β_t = min(1, 0.01 + t/T) (T = annealSteps; 0 turns annealing off).
double annealedWeight(int64_t step, int64_t annealSteps);

}  // namespace flowscope
