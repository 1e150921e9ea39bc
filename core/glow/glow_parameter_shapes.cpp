#include "glow/glow_parameter_shapes.h"

namespace flowscope {

namespace {

void appendZeroConv(ParameterShapes& out, const std::string& prefix, int64_t in, int64_t outChannels) {
    out.push_back({prefix + "conv.weight", {outChannels, in, 3, 3}});
    out.push_back({prefix + "conv.bias", {outChannels}});
    out.push_back({prefix + "scale", {1, outChannels, 1, 1}});
}

void appendStep(ParameterShapes& out, const std::string& p, int64_t c, int64_t hidden, bool affine,
                GlowPermutation permutation, bool lu) {
    out.push_back({p + "actnorm.loc", {1, c, 1, 1}});
    out.push_back({p + "actnorm.scale", {1, c, 1, 1}});
    out.push_back({p + "actnorm.initialized", {}});
    if (permutation != GlowPermutation::Conv1x1) {
        out.push_back({p + "invconv.indices", {c}});
    } else if (lu) {
        for (const char* buffer : {"w_p", "u_mask", "l_mask", "l_eye"})
            out.push_back({p + "invconv." + buffer, {c, c}});
        out.push_back({p + "invconv.s_sign", {c}});
        out.push_back({p + "invconv.w_l", {c, c}});
        out.push_back({p + "invconv.w_s", {c}});
        out.push_back({p + "invconv.w_u", {c, c}});
    } else {
        out.push_back({p + "invconv.weight", {c, c, 1, 1}});
    }
    out.push_back({p + "coupling.net.0.weight", {hidden, c / 2, 3, 3}});
    out.push_back({p + "coupling.net.0.bias", {hidden}});
    out.push_back({p + "coupling.net.2.weight", {hidden, hidden, 1, 1}});
    out.push_back({p + "coupling.net.2.bias", {hidden}});
    appendZeroConv(out, p + "coupling.net.4.", hidden, affine ? c : c / 2);
}

}  // namespace

ParameterShapes glowParameterShapes(const GlowConfig& config) {
    validate(config);
    ParameterShapes out;
    int64_t channels = config.inChannels;
    for (int64_t l = 0; l < config.levels; ++l) {
        const bool last = l + 1 == config.levels;
        const bool lu = last && config.luInLastLevel ? true : config.lu;
        const std::string block = "blocks." + std::to_string(l) + ".";
        for (int64_t k = 0; k < config.steps; ++k)
            appendStep(out, block + "flows." + std::to_string(k) + ".", 4 * channels, config.hidden, config.affine,
                       config.permutation, lu);
        if (last)
            appendZeroConv(out, block + "prior.", 4 * channels, 8 * channels);
        else
            appendZeroConv(out, block + "prior.", 2 * channels, 4 * channels);
        channels *= 2;
    }
    return out;
}

std::vector<int64_t> glowLatentShape(const GlowConfig& config, int64_t level) {
    return {config.latentChannels(level), config.latentSize(level), config.latentSize(level)};
}

}  // namespace flowscope
