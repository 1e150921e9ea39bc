#pragma once

#include "types/vae_config.h"

namespace flowscope {

/// The Flow-ELBO lab's architecture: a 2-D latent (so the exact posterior fits on a grid),
/// encoder 784-256-128, decoder 2-128-64-784 (a narrow last layer keeps a 128² posterior
/// grid within 150 ms on one core), ELU (a smooth posterior), K amortised planar layers (K = 0: the mean field).
inline VaeConfig vaeLabConfig(int64_t layers) {
    VaeConfig c;
    c.imageSize = 28;
    c.latent = 2;
    c.flow = layers > 0 ? VaeFlow::Planar : VaeFlow::None;
    c.layers = layers;
    c.amortised = true;
    c.encoderHidden = {256, 128};
    c.decoderHidden = {128, 64};
    c.activation = VaeActivation::Elu;
    c.seed = 1;
    return c;
}

}  // namespace flowscope
