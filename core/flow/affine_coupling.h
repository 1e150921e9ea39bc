#pragma once

#include "flow/coupling_mask.h"
#include "flow/flow_layer.h"
#include "flow/mlp.h"

namespace flowscope {

struct AffineCouplingOptions {
    AffineCouplingOptions(int64_t dim) : dim_(dim) {}
    TORCH_ARG(int64_t, dim);
    TORCH_ARG(int64_t, hidden) = 64;
    TORCH_ARG(MaskPattern, pattern) = MaskPattern::Half;
    TORCH_ARG(int, parity) = 0;
    /// Log-scales are soft-clamped to (−clamp, clamp) by clamp·tanh(·/clamp).
    TORCH_ARG(double, logScaleClamp) = 2.0;
    TORCH_ARG(uint64_t, seed) = 0;
};

/// Affine coupling (RealNVP, Dinh et al. 2016, arXiv:1605.08803), mask m (1 = kept):
///   (ŝ, t) = NN(m ⊙ z),  s = c·tanh(ŝ/c) ⊙ (1 − m),
///   f(z) = m ⊙ z + (1 − m) ⊙ (z ⊙ exp(s) + t),  log|det J| = Σ s.
/// Inverse: z = m ⊙ y + (1 − m) ⊙ (y − t) ⊙ exp(−s), with (s, t) from m ⊙ y = m ⊙ z.
/// Checkpoint keys: mask, net.layers.*.
class AffineCouplingImpl : public FlowLayer {
public:
    explicit AffineCouplingImpl(AffineCouplingOptions options);

    FlowStep forward(const torch::Tensor& z) override;
    FlowStep inverse(const torch::Tensor& y) override;
    std::string kind() const override { return "affine"; }
    std::shared_ptr<FlowLayer> blended(double t) const override;
    LayerGeometry geometry() const override;
    int64_t dim() const override { return options.dim(); }

    AffineCouplingOptions options;
    torch::Tensor mask;
    Mlp net{nullptr};

private:
    /// (s, t) for the kept part, both [B, d] and zero on the kept dimensions.
    std::pair<torch::Tensor, torch::Tensor> scaleShift(const torch::Tensor& kept);
};
TORCH_MODULE(AffineCoupling);

}  // namespace flowscope
