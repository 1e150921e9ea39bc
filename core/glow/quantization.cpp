#include "glow/quantization.h"

#include <stdexcept>

namespace flowscope {

torch::Tensor quantizeImages(const torch::Tensor& images, int64_t nBits) {
    if (images.scalar_type() != torch::kUInt8) throw std::invalid_argument("quantizeImages: expected uint8 images");
    if (nBits < 1 || nBits > 8) throw std::invalid_argument("quantizeImages: n_bits must be 1…8");
    const double bins = static_cast<double>(int64_t(1) << nBits);
    auto x = images.to(torch::kFloat32);
    if (nBits < 8) x = torch::floor(x / static_cast<double>(int64_t(1) << (8 - nBits)));
    return x / bins - 0.5;
}

torch::Tensor dequantize(const torch::Tensor& x, int64_t nBits, torch::Generator& gen) {
    const double bins = static_cast<double>(int64_t(1) << nBits);
    auto noise = torch::rand(x.sizes(), gen, torch::kFloat32).to(x.device());
    return x + noise / bins;
}

torch::Tensor randomHorizontalFlip(const torch::Tensor& x, torch::Generator& gen) {
    auto flip = torch::rand({x.size(0)}, gen) < 0.5;
    auto flipped = x.flip({3});
    auto mask = flip.to(x.device()).view({-1, 1, 1, 1});
    return torch::where(mask, flipped, x);
}

torch::Tensor toUnitRange(const torch::Tensor& x) { return (x + 0.5).clamp(0.0, 1.0); }

}  // namespace flowscope
