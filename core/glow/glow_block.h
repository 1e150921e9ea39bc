#pragma once

#include "glow/glow_step.h"
#include "glow/zero_conv_2d.h"

#include <torch/torch.h>

namespace flowscope {

struct GlowBlockOptions {
    GlowBlockOptions(int64_t inChannels) : inChannels_(inChannels) {}
    TORCH_ARG(int64_t, inChannels);    ///< before the squeeze
    TORCH_ARG(int64_t, steps) = 8;     ///< K
    TORCH_ARG(int64_t, hidden) = 512;  ///< coupling conditioner width
    TORCH_ARG(bool, affine) = true;    ///< affine or additive couplings
    TORCH_ARG(GlowPermutation, permutation) = GlowPermutation::Conv1x1;
    TORCH_ARG(bool, lu) = true;           ///< LU-parameterised 1×1 convolutions
    TORCH_ARG(bool, onesPadding) = true;  ///< zero-initialised convolutions pad with 1 (else 0)
    TORCH_ARG(bool, split) = true;        ///< false at the top level (its prior is learned from zeros)
    TORCH_ARG(uint64_t, seed) = 0;
};

/// One level of the multi-scale architecture (RealNVP §3.6, Glow Fig. 2b), as glow-pytorch:
/// squeeze → K steps → (split) half the channels off to a learned conditional prior
/// N(μ, σ²) with (μ, log σ) = prior(kept half); the last level keeps everything and its prior
/// is learned from a zero input (a learned top prior). Keys: flows.*, prior.*.
class GlowBlockImpl : public torch::nn::Module {
public:
    explicit GlowBlockImpl(GlowBlockOptions options);

    struct Encoded {
        torch::Tensor out;     ///< what continues to the next level (the kept half)
        torch::Tensor logdet;  ///< [B]
        torch::Tensor logP;    ///< [B], log prior density of z
        torch::Tensor z;       ///< this level's latent
        torch::Tensor eps;     ///< z standardised under its prior: (z − μ)/σ
    };
    Encoded encode(const torch::Tensor& x);

    /// Inverse. `reconstruct`: z is the exact latent of an encode (as glow-pytorch). Otherwise z
    /// holds standard-normal noise ε and the latent is μ + σ·ε under this level's prior.
    torch::Tensor decode(const torch::Tensor& fromAbove, const torch::Tensor& z, bool reconstruct);

    /// (μ, log σ) of this level's prior given what continues (ignored at the top).
    std::pair<torch::Tensor, torch::Tensor> prior(const torch::Tensor& kept) const;

    bool split;
    torch::nn::ModuleList flows;
    ZeroConv2d priorNet{nullptr};
};
TORCH_MODULE(GlowBlock);

/// log N(x; μ, exp(log σ)²) elementwise.
torch::Tensor gaussianLogP(const torch::Tensor& x, const torch::Tensor& mean, const torch::Tensor& logSd);

}  // namespace flowscope
