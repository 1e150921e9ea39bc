#pragma once

#include <torch/torch.h>

namespace flowscope {

/// ln p(x|z) of a Bernoulli decoder, Σ_i x_i l_i − softplus(l_i) over the pixels, for images
/// x [N, P] and logits [N, S, P] of S latents per image → [N, S]. On the CPU (float,
/// contiguous) one fused, vectorised pass per row, with no temporaries the size of the logits
/// (the posterior grid decodes 16384 latents at once); elsewhere the same formula in tensor
/// ops. Differentiable in the logits: ∂/∂l_i = x_i − σ(l_i).
torch::Tensor bernoulliLogLikelihood(const torch::Tensor& x, const torch::Tensor& logits);

}  // namespace flowscope
