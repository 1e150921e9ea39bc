#pragma once

#include "types/vae_config.h"
#include "util/parameter_shape.h"

namespace flowscope {

/// Throws std::invalid_argument naming the first bad field (sizes are capped, so a file's
/// header cannot ask for a model larger than any FlowScope trains).
void validate(const VaeConfig& config);

/// Raw parameters one flow layer takes per data point: planar 2D + 1 (u, w, b), radial D + 2
/// (z0, α̃, β̃), none 0.
int64_t flowParametersPerLayer(VaeFlow flow, int64_t latent);

/// Every parameter the architecture implies, with its checkpoint key and shape, computed from
/// the configuration alone (the loader compares it with a file's tensors before building).
/// Throws std::invalid_argument when the model would exceed kMaxVaeParameters.
ParameterShapes vaeParameterShapes(const VaeConfig& config);

inline constexpr int64_t kMaxVaeParameters = int64_t(1) << 28;

}  // namespace flowscope
