#pragma once

#include <torch/torch.h>

namespace flowscope {

/// Sampling's opt-in fast preview. While a guard with `enabled` lives on a thread, and gradients
/// are off, GlowCoupling::decode runs its conditioner network (the three convolutions that are
/// nearly all of a decode's time) in bfloat16; the coupling itself, the 1×1 convolutions, ActNorm
/// and the priors stay in float32. Encode, log p and reconstructions never change: only the
/// pixels of a decode are approximate, and callers show the error they measured against float32.
class BFloat16PreviewGuard {
public:
    explicit BFloat16PreviewGuard(bool enabled = true);
    ~BFloat16PreviewGuard();
    BFloat16PreviewGuard(const BFloat16PreviewGuard&) = delete;
    BFloat16PreviewGuard& operator=(const BFloat16PreviewGuard&) = delete;

private:
    bool m_previous;
};

/// Whether a BFloat16PreviewGuard with `enabled` is alive on this thread.
bool bfloat16PreviewActive();

/// Whether bfloat16 convolutions are faster than float32 ones on `device`: a CUDA device, or a
/// CPU whose flags include AVX512-BF16 or AMX-BF16. Elsewhere oneDNN emulates them, slower than
/// float32, so offering the preview would be a trap.
bool bfloat16IsFast(const torch::Device& device);

}  // namespace flowscope
