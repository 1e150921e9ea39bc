#pragma once
/// \file What a 2D (or low-dimensional) flow is built from, and the one table of flow kinds that
/// the parser, the CLI's help, the explorer's menu and the model files all use. Header-only, no
/// tensors, no Qt.

#include "types/kind_table.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowscope {

enum class FlowKind { Planar, Radial, Affine, Additive };

struct FlowKindInfo {
    FlowKind kind;
    const char* name;   ///< in files, on the command line, in presets
    const char* label;  ///< for menus (translate it where it is shown)
    bool coupling;      ///< a coupling layer (has a conditioner network, takes ActNorm)
};

inline constexpr std::array<FlowKindInfo, 4> kFlowKinds{{
    {FlowKind::Planar, "planar", "Planar", false},
    {FlowKind::Radial, "radial", "Radial", false},
    {FlowKind::Affine, "affine", "Affine coupling (RealNVP)", true},
    {FlowKind::Additive, "additive", "Additive coupling (NICE)", true},
}};

inline bool isFlowKind(FlowKind kind) { return isKind(kFlowKinds, kind); }
/// The table's entry for `kind` (the first entry for a kind not in it: check isFlowKind first).
inline const FlowKindInfo& flowKindInfo(FlowKind kind) {
    for (const auto& k : kFlowKinds)
        if (k.kind == kind) return k;
    return kFlowKinds[0];
}
inline const char* flowKindName(FlowKind kind) { return kindName(kFlowKinds, kind); }
inline std::optional<FlowKind> flowKindFromName(std::string_view name) { return kindFromName(kFlowKinds, name); }
/// "planar, radial, affine or additive" (or with other separators: "planar | radial | …").
inline std::string flowKindNames(std::string_view separator = ", ", std::string_view last = " or ") {
    return kindNames(kFlowKinds, separator, last);
}

/// The base density q_0.
enum class BaseKind {
    Standard,  ///< N(0, I)
    Diagonal,  ///< N(μ, diag σ²) with learned μ, log σ
    Uniform,   ///< U([−2, 2]^d), Rezende & Mohamed's Figure 1 (zero density outside the box)
};
/// Half the side of the uniform base's box [−a, a]^d.
inline constexpr double kUniformBaseHalfWidth = 2.0;
struct BaseKindInfo {
    BaseKind kind;
    const char* name;
};
inline constexpr std::array<BaseKindInfo, 3> kBaseKinds{
    {{BaseKind::Standard, "standard"}, {BaseKind::Diagonal, "diagonal"}, {BaseKind::Uniform, "uniform"}}};

/// Which dimensions a coupling layer keeps (they condition the others).
enum class MaskPattern {
    Half,         ///< keeps the first ⌊d/2⌋ dimensions (parity 1: the rest)
    Alternating,  ///< keeps the odd indices (parity 1: the even ones)
};
struct MaskPatternInfo {
    MaskPattern kind;
    const char* name;
};
inline constexpr std::array<MaskPatternInfo, 2> kMaskPatterns{
    {{MaskPattern::Half, "half"}, {MaskPattern::Alternating, "alternating"}}};

/// What a flow is built from; also its architecture record in files.
struct FlowConfig {
    FlowKind flow = FlowKind::Planar;
    int64_t layers = 8;   ///< K
    int64_t hidden = 64;  ///< coupling conditioner width
    int64_t dim = 2;
    BaseKind base = BaseKind::Standard;
    MaskPattern mask = MaskPattern::Half;  ///< coupling layers' mask
    bool actnorm = false;                  ///< an ActNorm before every coupling layer
    uint64_t seed = 0;                     ///< initialisation seed

    bool operator==(const FlowConfig& o) const {
        return flow == o.flow && layers == o.layers && hidden == o.hidden && dim == o.dim && base == o.base &&
               mask == o.mask && actnorm == o.actnorm && seed == o.seed;
    }
    bool operator!=(const FlowConfig& o) const { return !(*this == o); }
};

/// How many layers the built sequence holds: K, doubled when an ActNorm precedes every coupling
/// layer (planar and radial flows take no ActNorm).
inline int64_t sequenceLength(const FlowConfig& c) {
    return isFlowKind(c.flow) && flowKindInfo(c.flow).coupling && c.actnorm ? 2 * c.layers : c.layers;
}

}  // namespace flowscope
