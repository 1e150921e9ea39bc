#pragma once
/// \file How a 2D flow is trained (plain values: the explorer's settings hold one).

#include <cstdint>
#include <string>

namespace flowscope {

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

    bool operator==(const TrainConfig& o) const {
        return steps == o.steps && batch == o.batch && learningRate == o.learningRate && seed == o.seed &&
               anneal == o.anneal && annealSteps == o.annealSteps && annealFraction == o.annealFraction &&
               evalSamples == o.evalSamples && device == o.device && allowFused == o.allowFused;
    }
    bool operator!=(const TrainConfig& o) const { return !(*this == o); }
};

}  // namespace flowscope
