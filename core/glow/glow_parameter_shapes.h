#pragma once

#include "glow/glow_config.h"
#include "util/parameter_shape.h"

namespace flowscope {

/// Every parameter and buffer GlowModel(config) registers (blocks.<l>.flows.<k>.…,
/// blocks.<l>.prior.…), with its shape, computed without building anything. Tested equal to the
/// built model's named_parameters + named_buffers over layouts (LU/plain, affine/additive, grey/RGB).
ParameterShapes glowParameterShapes(const GlowConfig& config);

/// [C, H, W] of the latent split off at `level` (the top latent for the last level).
std::vector<int64_t> glowLatentShape(const GlowConfig& config, int64_t level);

}  // namespace flowscope
