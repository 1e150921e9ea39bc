#pragma once
/// \file Held-out bits per dimension of a Glow model, as papers report it: 8-bit images reduced
/// to n_bits, uniform dequantisation noise, −log p(x) / (D log 2) with the discretisation term
/// — and each level's share of it.

#include "glow/glow_model.h"

#include <torch/torch.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace flowscope {

struct GlowEvaluation {
    torch::Tensor bitsPerDim;  ///< float64 [N], one value per image
    double mean = 0.0;         ///< mean bits/dim
    double ci95 = 0.0;         ///< half-width of the 95 % interval of the mean (1.96 · sd / √N)
    /// The mean split by level: bits/dim of −log p(z_l) and of −log|det J| inside level l; with
    /// `discretisation` (= n_bits) they sum to `mean`.
    std::vector<double> levelPrior, levelLogdet;
    double discretisation = 0.0;
    int64_t images = 0;
};

/// Evaluates uint8 images [N, C, S, S] (the model's channels and size) in batches of `batch`,
/// with dequantisation noise from `seed` (the same images and seed give the same numbers).
/// `progress(done, total)` after each batch; a set `stop` ends early with the images done so far
/// (at least one batch). Throws std::invalid_argument on images of the wrong shape or type.
GlowEvaluation evaluateGlow(GlowModelImpl& model, const torch::Tensor& images, int64_t batch, uint64_t seed,
                            const std::function<void(int64_t, int64_t)>& progress = nullptr,
                            const std::atomic<bool>* stop = nullptr);

}  // namespace flowscope
