#include "flow/flow_parameter_shapes.h"

namespace flowscope {

namespace {

/// Mlp(in, hidden, out) with its default two hidden layers: layers.<j>.weight / .bias.
void appendMlp(ParameterShapes& out, const std::string& prefix, int64_t in, int64_t hidden, int64_t outWidth,
               int64_t hiddenLayers = 2) {
    int64_t width = in;
    for (int64_t j = 0; j <= hiddenLayers; ++j) {
        const int64_t next = j == hiddenLayers ? outWidth : hidden;
        const std::string layer = prefix + "layers." + std::to_string(j) + ".";
        out.push_back({layer + "weight", {next, width}});
        out.push_back({layer + "bias", {next}});
        width = next;
    }
}

}  // namespace

ParameterShapes flowParameterShapes(const FlowConfig& c) {
    validate(c);
    const int64_t d = c.dim;
    ParameterShapes out;
    if (c.base == BaseKind::Diagonal) {
        out.push_back({"base.mu", {d}});
        out.push_back({"base.log_sigma", {d}});
    }
    int64_t index = 0;
    auto next = [&] { return "flows." + std::to_string(index++) + "."; };
    for (int64_t k = 0; k < c.layers; ++k) {
        if (c.flow == FlowKind::Planar) {
            const auto p = next();
            out.push_back({p + "u", {d}});
            out.push_back({p + "w", {d}});
            out.push_back({p + "b", {1}});
        } else if (c.flow == FlowKind::Radial) {
            const auto p = next();
            out.push_back({p + "z0", {d}});
            out.push_back({p + "alpha_tilde", {1}});
            out.push_back({p + "beta_tilde", {1}});
        } else {
            if (c.actnorm) {
                const auto p = next();
                out.push_back({p + "loc", {d}});
                out.push_back({p + "log_scale", {d}});
                out.push_back({p + "initialized", {1}});
            }
            const auto p = next();
            out.push_back({p + "mask", {d}});
            appendMlp(out, p + "net.", d, c.hidden, c.flow == FlowKind::Affine ? 2 * d : d);
        }
    }
    return out;
}

}  // namespace flowscope
