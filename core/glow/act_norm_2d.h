#pragma once

#include <torch/torch.h>

#include <functional>
#include <vector>

namespace flowscope {

/// Per-channel affine normalisation of images (Glow, arXiv:1807.03039, §3.1), in
/// glow-pytorch's parameterisation: encode y = scale ⊙ (x + loc), log|det| = H·W·Σ log|scale|.
/// Data-dependent init on the first encode: loc = −mean, scale = 1/(std + 1e-6) per channel (std
/// unbiased, as torch.std). The flag is the buffer `initialized`, so files keep it.
class ActNorm2dImpl : public torch::nn::Module {
public:
    /// Sums tensors over a group of processes, in place.
    using GroupSum = std::function<void(std::vector<torch::Tensor>&)>;

    explicit ActNorm2dImpl(int64_t channels);
    /// In a distributed run the init statistics are those of the group's whole first batch
    /// (every rank's share), so every rank starts from the same ActNorm; empty: this batch's.
    void setGroupSum(GroupSum sum) { m_groupSum = std::move(sum); }
    /// x → (y, log|det| [B]).
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x);
    torch::Tensor decode(const torch::Tensor& y) const;
    bool isInitialized() const { return initialized.item<float>() > 0.5f; }

    torch::Tensor loc, scale, initialized;

private:
    GroupSum m_groupSum;
};
TORCH_MODULE(ActNorm2d);

}  // namespace flowscope
