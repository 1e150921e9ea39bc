#pragma once

#include "glow/attribute_vector.h"
#include "glow/glow_model.h"

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace flowscope {

/// uint8 images [N, C, S, S] → model space at the centres of their quantisation bins
/// (x/2^n − 0.5 + 2^-(n+1)): the deterministic encoding used for editing and attributes.
torch::Tensor toModelSpace(const torch::Tensor& uint8Images, int64_t nBits);

/// Attribute vectors by the Glow paper's method (arXiv:1807.03039, §5.2): encode every labelled
/// image and take v = mean ε(label +1) − mean ε(label −1), per level, in the standardised latent
/// space ε (Encoded::eps, what openai/glow's encoder returns). Edits there move a fine level's
/// prior mean along with the coarse levels above it; adding v to the raw z leaves the fine
/// latents inconsistent with the edited coarse ones, and the inverse can blow up to inf. `labels[i][a]` is +1, −1 or
/// 0 (unknown) for image i and attribute `names[a]`. Attributes with no positive or no negative
/// image are left out. `onProgress(done, total)` after each batch; `stop` ends early (throws).
std::vector<AttributeVector> computeAttributeVectors(GlowModelImpl& model, const torch::Tensor& uint8Images,
                                                     const std::vector<std::vector<int8_t>>& labels,
                                                     const std::vector<std::string>& names, const std::string& source,
                                                     int64_t batch = 64,
                                                     const std::function<void(int64_t, int64_t)>& onProgress = nullptr,
                                                     const std::atomic<bool>* stop = nullptr);

/// ε' = ε + Σ α_a · scale_a · v_a, level by level (decode with GlowModelImpl::decodeNoise).
std::vector<torch::Tensor> editLatents(const std::vector<torch::Tensor>& zs,
                                       const std::vector<AttributeVector>& vectors,
                                       const std::map<std::string, double>& alphas);

/// Latents of t ∈ [0, 1] on the straight line from za to zb.
std::vector<torch::Tensor> interpolateLatents(const std::vector<torch::Tensor>& za,
                                              const std::vector<torch::Tensor>& zb, double t);

}  // namespace flowscope
