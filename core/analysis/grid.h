#pragma once

#include "types/plane.h"

namespace flowscope {

/// Throws std::invalid_argument unless sizes are 1…4096 and bounds finite and increasing.
void validate(const GridSpec& grid);

}  // namespace flowscope
