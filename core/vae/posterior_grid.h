#pragma once

#include "types/plane.h"
#include "vae/flow_elbo.h"

#include <optional>

namespace flowscope {

struct PosteriorGridOptions {
    int64_t size = 128;  ///< cells per axis
    /// The region; without one it is found: a coarse pass over the prior's ±4 box (widened to
    /// q0's ±6σ) locates the posterior, the region then covers it and q_K's samples.
    std::optional<GridSpec> bounds;
    uint64_t seed = 0;  ///< q_K samples that place the region
};

/// The exact posterior of one data point with a 2-D latent, beside its variational
/// approximations, by quadrature on a grid (DESIGN.md §3, Flow-ELBO):
///   ln p(x) = ln ∫ p(x|z) p(z) dz,  p(z|x) = p(x|z) p(z)/p(x),
///   ELBO = ∫ q_K (ln p(x, z) − ln q_K),  KL(q_K‖p(z|x)) = ∫ q_K (ln q_K − ln p(z|x)),
/// so ln p(x) − ELBO = KL when ∫ q_K = 1. q_K at a grid point comes from the flow's inverse:
/// ln q_K(z_K) = ln q0(z0) + Σ_k ln|det ∂f_k⁻¹/∂z_k|. Sums in double.
struct PosteriorGrid {
    GridSpec spec;
    ScalarGrid logJoint;      ///< ln p(x|z) + ln p(z)
    ScalarGrid logPosterior;  ///< ln p(z|x)
    ScalarGrid logQ0;         ///< ln q0(z|x)
    ScalarGrid logQK;         ///< ln q_K(z|x)
    double logPx = 0;
    double elbo = 0;  ///< of q_K, by quadrature
    double klQKPosterior = 0;
    double klQ0Posterior = 0;
    double elboQ0 = 0;  ///< the mean-field ELBO of q0 alone
    /// The ELBO's three terms by quadrature: ∫q_K ln p(x|z) + ∫q_K ln p(z) + H[q_K].
    double expectedLogLikelihood = 0, expectedLogPrior = 0, entropy = 0;
    double qMass = 0;  ///< ∫ q_K on the grid
    double q0Mass = 0;
    double posteriorMassAtEdge = 0;  ///< p(z|x) on the border cells: large means the region cuts it off
};

/// `q`: one data point's posterior ([1, …] tensors, latent 2); `logLikelihood`: ln p(x|·).
/// Throws std::invalid_argument for other latent sizes or a bad grid.
PosteriorGrid posteriorOnGrid(const VariationalPosterior& q, const LogLikelihood& logLikelihood,
                              const PosteriorGridOptions& options = {});

/// The best the mean field can do for this posterior: the diagonal Gaussian minimising
/// KL(q‖p(z|x)) on the grid (Adam on μ, log σ, the entropy in closed form, E_q ln p(z|x) by
/// quadrature), and that KL. Its distance to the flow's KL is the gap the flow closes for
/// this image; its distance to q0's is the amortisation gap (Cremer et al. 2018).
struct BestGaussian {
    double mu[2] = {0, 0}, sigma[2] = {1, 1};
    double kl = 0;
};
BestGaussian bestDiagonalGaussian(const PosteriorGrid& grid, int steps = 300);

/// ln q_k(z|x) for k = 0 … K on `spec` (q0 the encoder's Gaussian, q_k after k layers: the
/// first k layers inverted), for the step strip.
std::vector<ScalarGrid> posteriorSteps(const VariationalPosterior& q, const GridSpec& spec);

}  // namespace flowscope
