#pragma once
/// \file How a flow layer looks in the plane: the core's layers describe themselves with it, the
/// density view draws it as it is. Header-only, no tensors, no Qt.

#include <vector>

namespace flowscope {

/// What a layer looks like in the plane, for the explorer's overlays .
struct LayerGeometry {
    enum class Kind { None, Hyperplane, Radial, Coupling };
    Kind kind = Kind::None;
    std::vector<double> w;     ///< planar: normal w of the hyperplane wᵀz + b = 0
    double b = 0.0;            ///< planar: offset
    std::vector<double> uHat;  ///< planar: the constrained direction û
    std::vector<double> z0;    ///< radial: centre
    double alpha = 0.0;        ///< radial: α > 0
    double beta = 0.0;         ///< radial: β ≥ −α (its sign says contraction or expansion)
    std::vector<int> mask;     ///< coupling: 1 for the dimensions that condition (pass through)
};

/// Planar and radial layers can be set by hand (their parameters are what the geometry shows).
inline bool isHandSettable(const LayerGeometry& g) {
    return g.kind == LayerGeometry::Kind::Hyperplane || g.kind == LayerGeometry::Kind::Radial;
}

}  // namespace flowscope
