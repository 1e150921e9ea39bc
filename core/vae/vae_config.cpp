#include "vae/vae_config.h"

#include <stdexcept>
#include <string>

namespace flowscope {

namespace {

void checkRange(const char* what, int64_t value, int64_t lo, int64_t hi) {
    if (value < lo || value > hi)
        throw std::invalid_argument(std::string(what) + " must be between " + std::to_string(lo) + " and " +
                                    std::to_string(hi) + ", got " + std::to_string(value));
}

void checkWidths(const char* what, const std::vector<int64_t>& widths) {
    if (widths.empty() || widths.size() > 8)
        throw std::invalid_argument(std::string(what) + " needs 1 to 8 hidden layers, got " +
                                    std::to_string(widths.size()));
    for (int64_t w : widths) checkRange(what, w, 1, 8192);
}

void appendLinear(ParameterShapes& out, const std::string& name, int64_t in, int64_t outFeatures) {
    out.push_back({name + ".weight", {outFeatures, in}});
    out.push_back({name + ".bias", {outFeatures}});
}

}  // namespace

void validate(const VaeConfig& c) {
    checkRange("image size", c.imageSize, 1, 256);
    checkRange("latent dimension", c.latent, 1, 1024);
    checkRange("flow layers", c.layers, 0, 1000);
    if (!isKind(kVaeFlows, c.flow)) throw std::invalid_argument("unknown flow kind");
    if (!isKind(kVaeActivations, c.activation)) throw std::invalid_argument("unknown activation");
    checkWidths("encoder width", c.encoderHidden);
    checkWidths("decoder width", c.decoderHidden);
}

int64_t flowParametersPerLayer(VaeFlow flow, int64_t latent) {
    switch (flow) {
        case VaeFlow::Planar:
            return 2 * latent + 1;
        case VaeFlow::Radial:
            return latent + 2;
        case VaeFlow::None:
            break;
    }
    return 0;
}

ParameterShapes vaeParameterShapes(const VaeConfig& c) {
    validate(c);
    ParameterShapes out;
    // Sequential modules: linear layers at even indices, the activations between them.
    int64_t in = c.dataDim();
    for (size_t i = 0; i < c.encoderHidden.size(); ++i) {
        appendLinear(out, "encoder." + std::to_string(2 * i), in, c.encoderHidden[i]);
        in = c.encoderHidden[i];
    }
    appendLinear(out, "mu", in, c.latent);
    appendLinear(out, "log_sigma", in, c.latent);
    const int64_t flowSize = c.flowLayers() * flowParametersPerLayer(c.flow, c.latent);
    if (flowSize > 0) {
        if (c.amortised)
            appendLinear(out, "flow", in, flowSize);
        else
            out.push_back({"flow_params", {c.flowLayers(), flowParametersPerLayer(c.flow, c.latent)}});
    }
    in = c.latent;
    for (size_t i = 0; i < c.decoderHidden.size(); ++i) {
        appendLinear(out, "decoder." + std::to_string(2 * i), in, c.decoderHidden[i]);
        in = c.decoderHidden[i];
    }
    appendLinear(out, "decoder." + std::to_string(2 * c.decoderHidden.size()), in, c.dataDim());
    int64_t total = 0;
    for (const auto& p : out) {
        int64_t n = 1;
        for (int64_t s : p.shape) n *= s;  // each factor ≤ 8192·65536: no overflow
        total += n;
    }
    if (total > kMaxVaeParameters)
        throw std::invalid_argument("the model would have " + std::to_string(total) + " parameters, more than the " +
                                    std::to_string(kMaxVaeParameters) + " FlowScope allows");
    return out;
}

}  // namespace flowscope
