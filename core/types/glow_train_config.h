#pragma once
/// \file How a Glow model is trained, a plain value (the explorer's Train page holds one).

#include <cstdint>
#include <string>

namespace flowscope {

/// How a Glow model is trained.
struct GlowTrainConfig {
    int64_t batch = 16;
    int64_t iterations = 1000;
    double learningRate = 1e-4;
    int64_t warmup = 100;       ///< linear learning-rate warm-up over the first steps
    double maxGradNorm = 50.0;  ///< gradient-norm clipping
    bool flip = true;           ///< random horizontal flips
    uint64_t seed = 0;
    std::string device = "auto";  ///< auto (CUDA when LibTorch has it) | cpu | cuda
    int64_t previewEvery = 0;     ///< preview samples every N steps (0: never)
    int64_t previewCount = 16;
    double previewTemperature = 0.7;
    int64_t checkpointEvery = 0;  ///< call the checkpoint hook every N steps (0: never)
};

}  // namespace flowscope
