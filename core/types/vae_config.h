#pragma once
/// \file The architecture of a variational auto-encoder with a flow posterior, a plain value
/// (the Flow-ELBO lab's Train controls hold one).

#include "types/kind_table.h"

#include <array>
#include <cstdint>
#include <vector>

namespace flowscope {

/// The flow that turns the encoder's Gaussian q0(z|x) into q_K(z|x) (arXiv:1505.05770 §4).
enum class VaeFlow {
    None,    ///< the mean-field Gaussian alone (K = 0)
    Planar,  ///< K planar layers, eq. 10
    Radial,  ///< K radial layers, eq. 14
};
struct VaeFlowInfo {
    VaeFlow kind;
    const char* name;
};
inline constexpr std::array<VaeFlowInfo, 3> kVaeFlows{
    {{VaeFlow::None, "none"}, {VaeFlow::Planar, "planar"}, {VaeFlow::Radial, "radial"}}};

/// The nonlinearity between the encoder's and the decoder's linear layers.
enum class VaeActivation { Relu, Elu, Tanh };
struct VaeActivationInfo {
    VaeActivation kind;
    const char* name;
};
inline constexpr std::array<VaeActivationInfo, 3> kVaeActivations{
    {{VaeActivation::Relu, "relu"}, {VaeActivation::Elu, "elu"}, {VaeActivation::Tanh, "tanh"}}};

/// A VAE on binarised images: MLP encoder → μ, log σ (and, when amortised, every flow layer's
/// parameters for this data point); K flow layers; MLP decoder → Bernoulli logits per pixel.
struct VaeConfig {
    int64_t imageSize = 28;  ///< square grey images; the data dimension is imageSize²
    int64_t latent = 40;     ///< D
    VaeFlow flow = VaeFlow::Planar;
    int64_t layers = 10;    ///< K (0 with VaeFlow::None)
    bool amortised = true;  ///< the encoder outputs the flow's parameters (false: one global flow)
    std::vector<int64_t> encoderHidden{512, 256};
    std::vector<int64_t> decoderHidden{256, 512};
    VaeActivation activation = VaeActivation::Relu;
    uint64_t seed = 0;

    int64_t dataDim() const { return imageSize * imageSize; }
    int64_t flowLayers() const { return flow == VaeFlow::None ? 0 : layers; }
};

}  // namespace flowscope
