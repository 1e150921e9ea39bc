#pragma once
/// \file How a VAE is trained, a plain value (the Flow-ELBO lab's Train controls hold one).

#include <cstdint>
#include <string>

namespace flowscope {

struct VaeTrainConfig {
    int64_t steps = 10000;
    int64_t batch = 100;
    double learningRate = 1e-3;
    int64_t samples = 1;          ///< samples of q_K per image and step
    int64_t annealSteps = 0;      ///< β_t = min(1, 0.01 + t/annealSteps); 0: β = 1 throughout
    double maxGradNorm = 100.0;   ///< gradient-norm clipping
    uint64_t seed = 0;            ///< batch order, binarisation and posterior samples
    std::string device = "auto";  ///< auto (CUDA when LibTorch has it) | cpu | cuda
    int64_t checkpointEvery = 0;  ///< call the checkpoint hook every N steps (0: never)
};

}  // namespace flowscope
