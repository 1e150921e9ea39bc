#pragma once
/// \file The change-of-variables ledger of one point as plain values (analysis/density_ledger.h
/// computes it; the explorer's ledger table shows it).

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

/// Rows k = 0..K (K the probed step), log q_K at the point and the probe square's side.
struct DensityLedger {
    std::vector<LedgerStep> steps;
    double logQFinal = 0;  ///< log q_K(x), the last step's logQ
    double squareSide = 0;
};

}  // namespace flowscope
