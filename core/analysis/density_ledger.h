#pragma once

#include "flow/flow_model_2d.h"
#include "types/plane.h"

#include <vector>

namespace flowscope {

/// One row of the ledger: step k of the path that ends at the probed point.
struct LedgerStep {
    double z[2] = {0, 0};  ///< z_k
    double logdet = 0;     ///< log|det J_k(z_{k−1})| of layer k (0 for k = 0, the base)
    double logQ = 0;       ///< log q_k(z_k)
    double area = 0;       ///< area of the probe square's preimage at step k
    Polyline outline;      ///< that preimage's boundary, closed (first point repeated last)
};

/// Where one point's density comes from (Rezende & Mohamed 2015, arXiv:1505.05770, eq. 6):
/// the probed x = z_K traced back through the layers' inverses to z_0, with
///   log q_k(z_k) = log q_{k−1}(z_{k−1}) − log|det J_k(z_{k−1})|,  so
///   log q_K(x) = log q_0(z_0) − Σ_k log|det J_k|.
/// A small square of side `squareSide` centred on x is traced back too (its boundary, densely
/// sampled, through the same inverses): the ratio of its area at step k to its area at step
/// k − 1 approaches |det J_k| as the square shrinks, the geometric meaning of the log-det.
/// Everything runs in double on a double copy of the model, whatever the model's dtype.
struct DensityLedger {
    std::vector<LedgerStep> steps;  ///< k = 0..K
    double logQFinal = 0;           ///< log q_K(x), the last step's logQ
    double squareSide = 0;
};

/// Throws std::invalid_argument for a non-finite point or a side that is not positive and finite.
DensityLedger densityLedger(const FlowModelImpl& model, double x, double y, double squareSide, int pointsPerSide = 32);

}  // namespace flowscope
