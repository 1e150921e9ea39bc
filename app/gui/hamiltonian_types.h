#pragma once
/// \file Values between the Hamiltonian page (GUI thread) and its worker. Plain types only.

#include "types/plane.h"

#include <QMetaType>
#include <QString>

#include <vector>

namespace flowscope {

/// The leapfrog map on (q, p) for a 1-D target with Gaussian momentum.
struct HamiltonianSettings {
    QString target = "double-well";  ///< gaussian, double-well or mixture
    double stepSize = 0.1;           ///< ε
    int steps = 5;                   ///< leapfrog steps in one application of the map
    std::vector<double> starts;      ///< (q, p) pairs whose orbits are drawn
    int orbitLength = 300;           ///< applications of the map per orbit
};

/// What the page draws.
struct HamiltonianView {
    int generation = 0;
    double bounds[4] = {-2, 2, -4, 4};            ///< q0, q1, p0, p1
    ScalarGrid logJoint;                          ///< log of exp(−H)/Z on the grid (the joint of q and p)
    ScalarGrid logdet;                            ///< log|det J| of the map, by finite differences
    std::vector<Polyline> levelSets;              ///< the phase portrait: contours of H
    std::vector<Polyline> gridBefore, gridAfter;  ///< a coordinate grid and its image under the map
    std::vector<float> orbitPoints;               ///< (q, p) pairs of every orbit, in order
    double maxAbsLogdet = 0;                      ///< over the grid
    double reversibilityError = 0;  ///< max |flip∘map∘flip∘map(x) − x| over grid samples and starts
    double maxEnergyDrift = 0;      ///< max |H(orbit) − H(start)| over the orbits
};

}  // namespace flowscope

Q_DECLARE_METATYPE(flowscope::HamiltonianSettings)
Q_DECLARE_METATYPE(flowscope::HamiltonianView)
