#pragma once
/// \file Builds every vector flow layer kind by name, for data-driven tests.

#include "flow/act_norm.h"
#include "flow/additive_coupling.h"
#include "flow/affine_coupling.h"
#include "flow/permute.h"
#include "flow/planar_flow.h"
#include "flow/radial_flow.h"

#include <QStringList>

namespace flowscope::test {

inline QStringList allLayerKinds() {
    return {"planar",  "radial",       "affine-half",     "affine-alternating", "additive-half", "additive-alternating",
            "actnorm", "permute-swap", "permute-reverse", "permute-random"};
}

inline FlowLayerPtr makeLayer(const QString& kind, int64_t dim, uint64_t seed) {
    if (kind == "planar") return std::make_shared<PlanarFlowImpl>(PlanarFlowOptions(dim).seed(seed));
    if (kind == "radial") return std::make_shared<RadialFlowImpl>(RadialFlowOptions(dim).seed(seed));
    if (kind.startsWith("affine"))
        return std::make_shared<AffineCouplingImpl>(AffineCouplingOptions(dim).hidden(16).seed(seed).pattern(
            kind.endsWith("half") ? MaskPattern::Half : MaskPattern::Alternating));
    if (kind.startsWith("additive"))
        return std::make_shared<AdditiveCouplingImpl>(AdditiveCouplingOptions(dim).hidden(16).seed(seed).pattern(
            kind.endsWith("half") ? MaskPattern::Half : MaskPattern::Alternating));
    if (kind == "actnorm") {
        auto a = std::make_shared<ActNormImpl>(ActNormOptions(dim));
        a->initialized.fill_(1.0);  // parameters come from the perturbation, not from data
        return a;
    }
    if (kind.startsWith("permute")) {
        const auto mode = kind.endsWith("swap")      ? PermuteMode::Swap
                          : kind.endsWith("reverse") ? PermuteMode::Reverse
                                                     : PermuteMode::Random;
        return std::make_shared<PermuteImpl>(PermuteOptions(dim).mode(mode).seed(seed));
    }
    throw std::invalid_argument("unknown test layer kind " + kind.toStdString());
}

}  // namespace flowscope::test
