#pragma once
/// \file The architecture of a Glow model, a plain value (the explorer's Train page holds one).

#include "types/kind_table.h"

#include <array>
#include <cstdint>

namespace flowscope {

/// What mixes the channels between couplings (Glow's ablation, arXiv:1807.03039 §5.1, Fig. 3).
enum class GlowPermutation {
    Conv1x1,  ///< the learned invertible 1×1 convolution (LU or plain, see GlowConfig::lu)
    Shuffle,  ///< a fixed random permutation per step (its indices are stored in the model)
    Reverse,  ///< the channel order reversed (RealNVP's choice)
};
struct GlowPermutationInfo {
    GlowPermutation kind;
    const char* name;
};
inline constexpr std::array<GlowPermutationInfo, 3> kGlowPermutations{{{GlowPermutation::Conv1x1, "conv1x1"},
                                                                       {GlowPermutation::Shuffle, "shuffle"},
                                                                       {GlowPermutation::Reverse, "reverse"}}};

/// The architecture of a Glow model (Kingma & Dhariwal 2018, arXiv:1807.03039) in the layout of
/// rosinality/glow-pytorch, which FlowScope reproduces exactly so its checkpoints import.
struct GlowConfig {
    int64_t inChannels = 3;  ///< 1 (grey) or 3 (RGB)
    int64_t imageSize = 32;  ///< square images; divisible by 2^levels
    int64_t levels = 3;      ///< L blocks (squeeze → K steps → split)
    int64_t steps = 8;       ///< K flow steps per level
    int64_t hidden = 512;    ///< coupling conditioner width
    bool affine = true;      ///< affine (true) or additive coupling
    GlowPermutation permutation = GlowPermutation::Conv1x1;
    bool lu = true;  ///< LU-parameterised 1×1 convolutions (false: plain W with slogdet)
    /// glow-pytorch builds its last block with the LU convolution whatever `lu` says.
    bool luInLastLevel = true;
    /// The zero-initialised convolutions (coupling outputs, priors) pad with 1 as glow-pytorch
    /// does; false pads with 0, as y0ast/Glow-PyTorch (imported models) and openai/glow do.
    bool onesPadding = true;
    int64_t nBits = 5;  ///< quantisation of the data: 2^nBits levels per channel

    int64_t dimensions() const { return inChannels * imageSize * imageSize; }
    /// Channels of the latent split off at level l (0-based) and of the top latent: level l sees
    /// inChannels·2^l channels, squeezes them to 4× and splits half off; the last keeps all 4×.
    int64_t latentChannels(int64_t level) const {
        const int64_t c = inChannels << level;
        return level + 1 < levels ? 2 * c : 4 * c;
    }
    int64_t latentSize(int64_t level) const { return imageSize >> (level + 1); }
};

}  // namespace flowscope
