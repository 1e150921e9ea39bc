#pragma once

#include "glow/glow_block.h"
#include "glow/glow_config.h"

#include <torch/torch.h>

#include <vector>

namespace flowscope {

/// Glow (Kingma & Dhariwal 2018, arXiv:1807.03039): L levels of K steps, with glow-pytorch's
/// exact layout and numerics, so its checkpoints import and reproduce its outputs.
/// Inputs are images in [−0.5, 0.5), NCHW. Keys: blocks.<l>.flows.<k>.…, blocks.<l>.prior.….
class GlowModelImpl : public torch::nn::Module {
public:
    explicit GlowModelImpl(GlowConfig config, uint64_t seed = 0);

    struct Encoded {
        torch::Tensor logP;             ///< Σ_l log p(z_l), [B]
        torch::Tensor logdet;           ///< Σ log|det J|, [B]
        std::vector<torch::Tensor> zs;  ///< z_1 … z_L (level order)
        /// ε_l = (z_l − μ_l)/σ_l under each level's prior given the levels above: what
        /// decodeNoise inverts, and the space attribute edits live in (as in openai/glow).
        std::vector<torch::Tensor> eps;
        /// Each level's share of logP and logdet, [B] each (they sum to logP and logdet).
        std::vector<torch::Tensor> levelLogP, levelLogdet;
    };
    Encoded encode(const torch::Tensor& x);
    /// The exact inverse of encode (reconstruct = true in glow-pytorch).
    torch::Tensor decode(const std::vector<torch::Tensor>& zs);
    /// Decodes standard-normal noise: each level's latent is μ_l + σ_l·ε_l under its prior.
    torch::Tensor decodeNoise(const std::vector<torch::Tensor>& eps);
    /// Standardised latents `eps` (from encode) everywhere except level `level`, which gets
    /// `fresh` (noise already scaled by the temperature): shows what one scale of the
    /// multi-scale model holds. Finer levels keep their ε and follow their priors' new means.
    torch::Tensor decodeResampled(const std::vector<torch::Tensor>& eps, int64_t level, const torch::Tensor& fresh);
    /// n samples at temperature T per level (one value: all levels): ε ~ N(0, T²) → decodeNoise.
    torch::Tensor sample(int64_t n, const std::vector<double>& temperatures, torch::Generator& gen);
    /// Standard-normal noise shaped like the latents, for n samples (on the CPU from `gen`).
    std::vector<torch::Tensor> noise(int64_t n, torch::Generator& gen) const;

    /// log p(x) of continuous x and bits per dimension including the −D·log 2^n discretisation term.
    static torch::Tensor bitsPerDim(const torch::Tensor& logP, const torch::Tensor& logdet, const GlowConfig& config);

    const GlowConfig& config() const { return m_config; }
    torch::Device device() const;
    std::vector<int64_t> latentShape(int64_t level) const;  ///< [C, H, W] of z_level

    torch::nn::ModuleList blocks;

private:
    GlowConfig m_config;
};
TORCH_MODULE(GlowModel);

}  // namespace flowscope
