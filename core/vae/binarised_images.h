#pragma once
/// \file Binarised images for a Bernoulli decoder: grey levels read as probabilities.

#include <torch/torch.h>

#include <cstdint>

namespace flowscope {

/// Grey images [N, 1, S, S] (uint8) → [N, S·S] float grey levels in [0, 1].
torch::Tensor greyLevels(const torch::Tensor& images);

/// Dynamic binarisation (a fresh draw every call, as in training): pixel i is 1 with
/// probability its grey level. CPU in, CPU out.
torch::Tensor binarise(const torch::Tensor& grey, torch::Generator& gen);

/// The fixed binarisation every evaluation uses: `binarise` with kFixedBinarisationSeed, so an
/// image has one binary version across runs, models and commands.
torch::Tensor fixedBinarisation(const torch::Tensor& grey);
inline constexpr uint64_t kFixedBinarisationSeed = 0xB1A5ED;

}  // namespace flowscope
