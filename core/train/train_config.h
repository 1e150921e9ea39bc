#pragma once

#include "types/train_config.h"

namespace flowscope {

/// Throws std::invalid_argument naming the first bad field.
void validate(const TrainConfig& config);

/// β_t for step t (1-based) under `config` (1 when annealing is off).
double annealingBeta(const TrainConfig& config, int64_t step);

}  // namespace flowscope
