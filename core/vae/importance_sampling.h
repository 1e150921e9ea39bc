#pragma once

#include "vae/flow_elbo.h"

namespace flowscope {

/// What S samples of q_K tell about each data point, [N] each, in double.
struct ImportanceEstimate {
    /// The importance-sampled log marginal likelihood (Rezende & Mohamed 2015 §6.2):
    ///   ln p(x) ≈ ln (1/S) Σ_s exp(ln p(x|z_s) + ln p(z_s) − ln q_K(z_s|x)),  z_s ~ q_K(·|x),
    /// a lower bound in expectation that tightens as S grows (S = 1 is the ELBO).
    torch::Tensor logMarginal;
    torch::Tensor elbo;           ///< the Monte Carlo ELBO, mean of the same S log-weights
    torch::Tensor klTerm;         ///< mean of ln q_K(z_K|x) − ln p(z_K)
    torch::Tensor logLikelihood;  ///< mean of ln p(x|z_K)
};

/// Draws the S samples `chunk` at a time and combines them with a running log-sum-exp, so
/// memory stays N·chunk·D whatever S. Call under NoGradGuard.
ImportanceEstimate importanceEstimate(const VariationalPosterior& q, const LogLikelihood& logLikelihood,
                                      int64_t samples, torch::Generator& gen, int64_t chunk = 128);

}  // namespace flowscope
