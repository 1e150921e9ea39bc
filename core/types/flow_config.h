#pragma once
/// \file What a 2D (or low-dimensional) flow is built from, and the one table of flow kinds that
/// the parser, the CLI's help, the explorer's menu and the model files all use. Header-only, no
/// tensors, no Qt.

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

/// Whether `kind` is one of the table's (a cast from a stray integer is not).
inline bool isFlowKind(FlowKind kind) {
    for (const auto& k : kFlowKinds)
        if (k.kind == kind) return true;
    return false;
}
/// The table's entry for `kind` (the first entry for a kind not in it: check isFlowKind first).
inline const FlowKindInfo& flowKindInfo(FlowKind kind) {
    for (const auto& k : kFlowKinds)
        if (k.kind == kind) return k;
    return kFlowKinds[0];
}
inline const char* flowKindName(FlowKind kind) { return flowKindInfo(kind).name; }
inline std::optional<FlowKind> flowKindFromName(std::string_view name) {
    for (const auto& k : kFlowKinds)
        if (name == k.name) return k.kind;
    return std::nullopt;
}
/// "planar, radial, affine or additive" (or with other separators: "planar | radial | …").
inline std::string flowKindNames(std::string_view separator = ", ", std::string_view last = " or ") {
    std::string out;
    for (size_t i = 0; i < kFlowKinds.size(); ++i) {
        if (i > 0) out += i + 1 == kFlowKinds.size() ? last : separator;
        out += kFlowKinds[i].name;
    }
    return out;
}

/// What a flow is built from; also its architecture record in files.
struct FlowConfig {
    FlowKind flow = FlowKind::Planar;
    int64_t layers = 8;   ///< K
    int64_t hidden = 64;  ///< coupling conditioner width
    int64_t dim = 2;
    std::string base = "standard";  ///< standard | diagonal
    std::string mask = "half";      ///< coupling mask pattern: half | alternating
    bool actnorm = false;           ///< an ActNorm before every coupling layer
    uint64_t seed = 0;              ///< initialisation seed

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
