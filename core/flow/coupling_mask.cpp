#include "flow/coupling_mask.h"

#include <stdexcept>

namespace flowscope {

torch::Tensor makeCouplingMask(int64_t dim, MaskPattern pattern, int parity) {
    if (dim < 1) throw std::invalid_argument("coupling mask: dimension must be at least 1");
    auto mask = torch::zeros({dim});
    auto acc = mask.accessor<float, 1>();
    for (int64_t i = 0; i < dim; ++i) {
        bool keep = pattern == MaskPattern::Half ? (i < dim / 2) : (i % 2 == 1);
        if (parity % 2 == 1) keep = !keep;
        acc[i] = keep ? 1.0f : 0.0f;
    }
    return mask;
}

std::vector<int> maskIndicators(const torch::Tensor& mask) {
    auto m = mask.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    std::vector<int> out(static_cast<size_t>(m.numel()));
    for (size_t i = 0; i < out.size(); ++i) out[i] = m.data_ptr<float>()[i] > 0.5f ? 1 : 0;
    return out;
}

}  // namespace flowscope
