#pragma once

#include <torch/torch.h>

namespace flowscope {

/// Per-channel affine normalisation of images (Glow, arXiv:1807.03039, §3.1), in
/// glow-pytorch's parameterisation: encode y = scale ⊙ (x + loc), log|det| = H·W·Σ log|scale|.
/// Data-dependent init on the first encode: loc = −mean, scale = 1/(std + 1e-6) per channel (std
/// unbiased, as torch.std). The flag is the buffer `initialized`, so files keep it.
class ActNorm2dImpl : public torch::nn::Module {
public:
    explicit ActNorm2dImpl(int64_t channels);
    /// x → (y, log|det| [B]).
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x);
    torch::Tensor decode(const torch::Tensor& y) const;
    bool isInitialized() const { return initialized.item<float>() > 0.5f; }

    torch::Tensor loc, scale, initialized;
};
TORCH_MODULE(ActNorm2d);

}  // namespace flowscope
