#pragma once

#include <torch/torch.h>

#include <memory>

namespace flowscope {

/// An invertible 1×1 convolution, y = W x at every pixel (Glow, arXiv:1807.03039, §3.2).
/// encode returns log|det| = H·W·log|det W|. decode applies W⁻¹, inverted in double and cached
/// until the parameters change (their version counters), so sampling does not re-invert per call.
class InvertibleConv : public torch::nn::Module {
public:
    virtual std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x);
    virtual torch::Tensor decode(const torch::Tensor& y);
    /// W, [C, C] (differentiable).
    virtual torch::Tensor weight() const = 0;
    /// log|det W| (differentiable).
    virtual torch::Tensor logAbsDet() const = 0;

protected:
    /// The parameters W depends on (for the cache's staleness check).
    virtual std::vector<torch::Tensor> sources() const = 0;

private:
    torch::Tensor m_inverse;
    std::vector<int64_t> m_versions;
};

/// LU form W = P L (U + diag(sign(s)·exp(log|s|))) with P fixed: log|det W| = Σ log|s|, linear in
/// the parameters. Keys (glow-pytorch's): w_p, u_mask, l_mask, s_sign, l_eye (buffers), w_l,
/// w_s (= log|s|), w_u (parameters). Initialised from the LU factors of a random rotation.
class InvConvLUImpl : public InvertibleConv {
public:
    InvConvLUImpl(int64_t channels, uint64_t seed);
    torch::Tensor weight() const override;
    torch::Tensor logAbsDet() const override { return w_s.sum(); }

    torch::Tensor w_p, u_mask, l_mask, s_sign, l_eye, w_l, w_s, w_u;

protected:
    std::vector<torch::Tensor> sources() const override { return {w_l, w_s, w_u, w_p, s_sign}; }
};
TORCH_MODULE(InvConvLU);

/// Plain form: W is a free [C, C, 1, 1] parameter ("weight"), log|det W| by slogdet in double.
/// Initialised as a random rotation.
class InvConvPlainImpl : public InvertibleConv {
public:
    InvConvPlainImpl(int64_t channels, uint64_t seed);
    torch::Tensor weight() const override { return weight4d.squeeze(-1).squeeze(-1); }
    torch::Tensor logAbsDet() const override;

    torch::Tensor weight4d;

protected:
    std::vector<torch::Tensor> sources() const override { return {weight4d}; }
};
TORCH_MODULE(InvConvPlain);

/// A fixed channel permutation, y_c = x_{indices[c]}: the 1×1 "convolution" of RealNVP
/// (reverse) and of Glow's shuffle baseline (§5.1), with log|det| = 0. Keys: indices (an int64
/// buffer, so a shuffle survives save and load; loaders must check it is a permutation).
class ChannelPermutationImpl : public InvertibleConv {
public:
    /// `shuffle`: a random permutation from `seed`; otherwise the reversed order.
    ChannelPermutationImpl(int64_t channels, bool shuffle, uint64_t seed);
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x) override;
    torch::Tensor decode(const torch::Tensor& y) override;
    torch::Tensor weight() const override;  ///< the permutation matrix
    torch::Tensor logAbsDet() const override { return torch::zeros({}, torch::kFloat32); }

    torch::Tensor indices;

protected:
    std::vector<torch::Tensor> sources() const override { return {indices}; }
};
TORCH_MODULE(ChannelPermutation);

/// Whether `indices` ([C] integers) holds each of 0 … C−1 exactly once.
bool isPermutation(const torch::Tensor& indices);

}  // namespace flowscope
