#pragma once

#include "flow/coupling_mask.h"
#include "flow/flow_layer.h"
#include "flow/mlp.h"

namespace flowscope {

struct AdditiveCouplingOptions {
    AdditiveCouplingOptions(int64_t dim) : dim_(dim) {}
    TORCH_ARG(int64_t, dim);
    TORCH_ARG(int64_t, hidden) = 64;
    TORCH_ARG(MaskPattern, pattern) = MaskPattern::Half;
    TORCH_ARG(int, parity) = 0;
    TORCH_ARG(uint64_t, seed) = 0;
};

/// Additive coupling (NICE, Dinh et al. 2014, arXiv:1410.8516), mask m (1 = kept):
///   f(z) = z + (1 − m) ⊙ NN(m ⊙ z),  log|det J| = 0 (volume preserving).
/// Inverse: z = y − (1 − m) ⊙ NN(m ⊙ y).  Checkpoint keys: mask, net.layers.*.
class AdditiveCouplingImpl : public FlowLayer {
public:
    explicit AdditiveCouplingImpl(AdditiveCouplingOptions options);

    FlowStep forward(const torch::Tensor& z) override;
    FlowStep inverse(const torch::Tensor& y) override;
    std::string kind() const override { return "additive"; }
    std::shared_ptr<FlowLayer> blended(double t) const override;
    LayerGeometry geometry() const override;
    int64_t dim() const override { return options.dim(); }

    AdditiveCouplingOptions options;
    torch::Tensor mask;
    Mlp net{nullptr};
};
TORCH_MODULE(AdditiveCoupling);

}  // namespace flowscope
