#pragma once

#include <torch/torch.h>

namespace flowscope {

/// Glow's data pipeline (as glow-pytorch's train.py): 8-bit images → n_bits → x/2^n − 0.5, with
/// uniform dequantisation noise U(0, 2^-n) during training.
/// uint8 [N, C, H, W] → float in [−0.5, 0.5): floor(v / 2^(8−n)) / 2^n − 0.5 (bin lower edges).
torch::Tensor quantizeImages(const torch::Tensor& uint8Images, int64_t nBits);
/// x + U(0, 2^-n), drawn from `gen`. With `drawnRows` ≥ 0, `x` is rows [firstRow, firstRow + B)
/// of a batch of `drawnRows`: the noise is drawn for the whole batch and this share used, so
/// every process of a distributed run consumes `gen` alike and the shares add up to the batch
/// one process would have drawn.
torch::Tensor dequantize(const torch::Tensor& x, int64_t nBits, torch::Generator& gen, int64_t drawnRows = -1,
                         int64_t firstRow = 0);
/// Mirrors each image left–right with probability ½ (`drawnRows`, `firstRow` as for dequantize).
torch::Tensor randomHorizontalFlip(const torch::Tensor& x, torch::Generator& gen, int64_t drawnRows = -1,
                                   int64_t firstRow = 0);
/// Model space [−0.5, 0.5) → displayable [0, 1] (clamped).
torch::Tensor toUnitRange(const torch::Tensor& x);

}  // namespace flowscope
