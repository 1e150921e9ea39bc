#pragma once

#include "flow/flow_model_2d.h"
#include "types/density_ledger.h"

#include <vector>

namespace flowscope {

inline constexpr size_t kAllSteps = static_cast<size_t>(-1);

/// Where one point's density comes from (Rezende & Mohamed 2015, arXiv:1505.05770, eq. 6):
/// the probed x = z_K traced back through the layers' inverses to z_0, with
///   log q_k(z_k) = log q_{k−1}(z_{k−1}) − log|det J_k(z_{k−1})|,  so
///   log q_K(x) = log q_0(z_0) − Σ_k log|det J_k|.
/// A small square of side `squareSide` centred on x is traced back too (its boundary, densely
/// sampled, through the same inverses): the ratio of its area at step k to its area at step
/// k − 1 approaches |det J_k| as the square shrinks, the geometric meaning of the log-det.
/// Everything runs in double on a double copy of the model, whatever the model's dtype.
/// `step` = k traces a point of q_k back through layers k … 1 (the default: all K layers).
/// Throws std::invalid_argument for a non-finite point, a side that is not positive and finite,
/// or a step beyond K.
DensityLedger densityLedger(const FlowModelImpl& model, double x, double y, double squareSide, int pointsPerSide = 32,
                            size_t step = kAllSteps);

}  // namespace flowscope
