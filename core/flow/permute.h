#pragma once

#include "flow/flow_layer.h"

namespace flowscope {

enum class PermuteMode { Swap, Reverse, Random };

struct PermuteOptions {
    PermuteOptions(int64_t dim) : dim_(dim) {}
    TORCH_ARG(int64_t, dim);
    TORCH_ARG(PermuteMode, mode) = PermuteMode::Swap;
    TORCH_ARG(uint64_t, seed) = 0;
};

/// Fixed permutation of the coordinates, log|det J| = 0.
///   swap: the two halves exchange places; reverse: d−1 … 0; random: a seeded permutation.
/// A permutation with determinant −1 cannot be reached continuously from the identity, so
/// `blended(t)` is the identity for t < ½ and the permutation from t ≥ ½.
/// Checkpoint keys: perm, inverse_perm (int64 buffers).
class PermuteImpl : public FlowLayer {
public:
    explicit PermuteImpl(PermuteOptions options);

    FlowStep forward(const torch::Tensor& z) override;
    FlowStep inverse(const torch::Tensor& y) override;
    std::string kind() const override { return "permute"; }
    std::shared_ptr<FlowLayer> blended(double t) const override;
    int64_t dim() const override { return options.dim(); }

    PermuteOptions options;
    torch::Tensor perm, inversePerm;
};
TORCH_MODULE(Permute);

PermuteMode permuteModeFromString(const std::string& name);

}  // namespace flowscope
