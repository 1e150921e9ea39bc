#pragma once

#include "types/glow_config.h"

namespace flowscope {

/// Throws std::invalid_argument naming the first bad field.
void validate(const GlowConfig& config);

}  // namespace flowscope
