#include "glow/quantization.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace flowscope {

torch::Tensor quantizeImages(const torch::Tensor& images, int64_t nBits) {
    if (images.scalar_type() != torch::kUInt8) throw std::invalid_argument("quantizeImages: expected uint8 images");
    if (nBits < 1 || nBits > 8) throw std::invalid_argument("quantizeImages: n_bits must be 1…8");
    const double bins = static_cast<double>(int64_t(1) << nBits);
    auto x = images.to(torch::kFloat32);
    if (nBits < 8) x = torch::floor(x / static_cast<double>(int64_t(1) << (8 - nBits)));
    return x / bins - 0.5;
}

namespace {

/// The rows of a draw for `drawnRows` that belong to `x` (all of them when drawnRows < 0).
std::vector<int64_t> drawnShape(const torch::Tensor& x, int64_t drawnRows, int64_t firstRow) {
    auto shape = x.sizes().vec();
    if (drawnRows < 0) return shape;
    if (firstRow < 0 || firstRow + x.size(0) > drawnRows)
        throw std::invalid_argument("rows [" + std::to_string(firstRow) + ", " + std::to_string(firstRow + x.size(0)) +
                                    ") do not lie in a batch of " + std::to_string(drawnRows));
    shape[0] = drawnRows;
    return shape;
}

torch::Tensor share(const torch::Tensor& drawn, const torch::Tensor& x, int64_t drawnRows, int64_t firstRow) {
    return drawnRows < 0 ? drawn : drawn.narrow(0, firstRow, x.size(0));
}

}  // namespace

torch::Tensor dequantize(const torch::Tensor& x, int64_t nBits, torch::Generator& gen, int64_t drawnRows,
                         int64_t firstRow) {
    const double bins = static_cast<double>(int64_t(1) << nBits);
    auto noise = torch::rand(drawnShape(x, drawnRows, firstRow), gen, torch::kFloat32);
    return x + share(noise, x, drawnRows, firstRow).to(x.device()) / bins;
}

torch::Tensor randomHorizontalFlip(const torch::Tensor& x, torch::Generator& gen, int64_t drawnRows, int64_t firstRow) {
    auto flip = share(torch::rand({drawnShape(x, drawnRows, firstRow)[0]}, gen) < 0.5, x, drawnRows, firstRow);
    auto flipped = x.flip({3});
    auto mask = flip.to(x.device()).view({-1, 1, 1, 1});
    return torch::where(mask, flipped, x);
}

torch::Tensor toUnitRange(const torch::Tensor& x) { return (x + 0.5).clamp(0.0, 1.0); }

}  // namespace flowscope
