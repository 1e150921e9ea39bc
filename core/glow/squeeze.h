#pragma once

#include <torch/torch.h>

namespace flowscope {

/// Space-to-channel reshaping (RealNVP, arXiv:1605.08803, §3.6): [B, C, H, W] → [B, 4C, H/2, W/2]
/// with glow-pytorch's channel order (c, dy, dx); unsqueeze is its exact inverse. Volume
/// preserving (log|det| = 0).
torch::Tensor squeeze2x2(const torch::Tensor& x);
torch::Tensor unsqueeze2x2(const torch::Tensor& y);

}  // namespace flowscope
