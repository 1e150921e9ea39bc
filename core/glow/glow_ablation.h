#pragma once
/// \file Glow's ablation (Kingma & Dhariwal 2018, §5.1 and Figure 3): the channel mixing —
/// reversing, a fixed shuffle, or the learned 1×1 convolution — with additive and with affine
/// couplings, trained with the same budget, data order and seeds and evaluated on held-out data.

#include "glow/glow_data.h"
#include "types/glow_config.h"
#include "types/glow_train_config.h"

#include <torch/torch.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace flowscope {

struct GlowAblationVariant {
    std::string name;  ///< "additive, reverse", …
    GlowPermutation permutation;
    bool affine;
};

/// The six variants in the paper's order: additive then affine, each with reverse, shuffle, 1×1.
std::vector<GlowAblationVariant> glowAblationVariants();

struct GlowAblationConfig {
    GlowConfig model;          ///< the architecture; permutation and coupling are set per variant
    GlowTrainConfig training;  ///< iterations is the budget; run s uses seed training.seed + s
    int64_t seeds = 3;
    int64_t evalEvery = 100;  ///< training iterations between held-out evaluations (and at the end)
    int64_t evalBatch = 64;
};

/// One held-out evaluation of one run.
struct GlowAblationPoint {
    size_t variant = 0;  ///< index into glowAblationVariants()
    int64_t seed = 0;    ///< 0 … seeds − 1
    int64_t iteration = 0;
    double trainBitsPerDim = 0;  ///< the trainer's moving average of training batches
    double testBitsPerDim = 0;   ///< mean over the evaluation images (fixed noise seed)
    double seconds = 0;          ///< since the run started
};

/// Trains every variant for every seed in turn (variant-major), reporting a point after every
/// `evalEvery` iterations and at the end. Run (v, s) builds its model from seed training.seed + s
/// and its trainer from the same seed, so every variant sees the same batches, noise and flips.
/// `testImages` (uint8 [N, C, S, S] of the model's shape) are evaluated with one noise seed.
/// A set `stop` ends after the current chunk. Throws std::invalid_argument on a bad config.
void runGlowAblation(const GlowAblationConfig& config, const std::shared_ptr<GlowDataSource>& training,
                     const torch::Tensor& testImages, const std::function<void(const GlowAblationPoint&)>& onPoint,
                     const std::atomic<bool>* stop = nullptr);

}  // namespace flowscope
