#include "glow/glow_config.h"

#include <stdexcept>

namespace flowscope {

void validate(const GlowConfig& c) {
    auto fail = [](const std::string& m) { throw std::invalid_argument(m); };
    if (c.inChannels != 1 && c.inChannels != 3)
        fail("Glow needs 1 (grey) or 3 (RGB) input channels, got " + std::to_string(c.inChannels));
    if (c.levels < 1 || c.levels > 8) fail("levels must be between 1 and 8, got " + std::to_string(c.levels));
    if (c.steps < 1 || c.steps > 64) fail("steps per level must be between 1 and 64, got " + std::to_string(c.steps));
    if (c.hidden < 1 || c.hidden > 4096)
        fail("hidden width must be between 1 and 4096, got " + std::to_string(c.hidden));
    if (c.imageSize < 4 || c.imageSize > 512)
        fail("image size must be between 4 and 512, got " + std::to_string(c.imageSize));
    if (c.imageSize % (int64_t(1) << c.levels) != 0)
        fail("image size " + std::to_string(c.imageSize) +
             " must be divisible by 2^levels = " + std::to_string(int64_t(1) << c.levels));
    if (!isKind(kGlowPermutations, c.permutation)) fail("unknown Glow permutation");
    if (c.nBits < 1 || c.nBits > 8) fail("n_bits must be between 1 and 8, got " + std::to_string(c.nBits));
}

}  // namespace flowscope
