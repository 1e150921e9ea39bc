#pragma once

#include <cstdint>
#include <string>

namespace flowscope {

/// How a 2D flow is trained.
struct TrainConfig {
    int64_t steps = 5000;
    int64_t batch = 256;
    double learningRate = 1e-3;
    uint64_t seed = 0;
    /// Rezende & Mohamed §6.1: minimise E_q[log q + β_t U] with β_t = min(1, 0.01 + t/T).
    bool anneal = true;
    /// T; 0 means the default, a fraction of `steps` (annealFraction · steps).
    int64_t annealSteps = 0;
    double annealFraction = 0.8;
    /// Samples for KL(q‖p) and ESS (energies) or for the NLL estimate (data); at least 10k.
    int64_t evalSamples = 10000;
    /// "auto" (CPU for 2D: tiny tensors run faster there), "cpu" or "cuda".
    std::string device = "auto";
    /// Use the fused CPU path for planar/radial flows on energies when it applies.
    bool allowFused = true;
};

/// Throws std::invalid_argument naming the first bad field.
void validate(const TrainConfig& config);

/// β_t for step t (1-based) under `config` (1 when annealing is off).
double annealingBeta(const TrainConfig& config, int64_t step);

}  // namespace flowscope
