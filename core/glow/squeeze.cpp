#include "glow/squeeze.h"

#include <stdexcept>

namespace flowscope {

torch::Tensor squeeze2x2(const torch::Tensor& x) {
    const auto b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    if (h % 2 != 0 || w % 2 != 0) throw std::invalid_argument("squeeze2x2: height and width must be even");
    return x.view({b, c, h / 2, 2, w / 2, 2}).permute({0, 1, 3, 5, 2, 4}).contiguous().view({b, c * 4, h / 2, w / 2});
}

torch::Tensor unsqueeze2x2(const torch::Tensor& y) {
    const auto b = y.size(0), c = y.size(1), h = y.size(2), w = y.size(3);
    if (c % 4 != 0) throw std::invalid_argument("unsqueeze2x2: channel count must be divisible by 4");
    return y.view({b, c / 4, 2, 2, h, w}).permute({0, 1, 4, 2, 5, 3}).contiguous().view({b, c / 4, h * 2, w * 2});
}

}  // namespace flowscope
