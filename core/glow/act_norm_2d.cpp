#include "glow/act_norm_2d.h"

namespace flowscope {

ActNorm2dImpl::ActNorm2dImpl(int64_t channels) {
    loc = register_parameter("loc", torch::zeros({1, channels, 1, 1}));
    scale = register_parameter("scale", torch::ones({1, channels, 1, 1}));
    initialized = register_buffer("initialized", torch::zeros({}));
}

std::pair<torch::Tensor, torch::Tensor> ActNorm2dImpl::encode(const torch::Tensor& x) {
    if (!isInitialized()) {
        torch::NoGradGuard noGrad;
        auto flat = x.detach().transpose(0, 1).reshape({x.size(1), -1});
        torch::Tensor mean, std;
        if (m_groupSum) {
            // Two passes, as torch.std: the group's mean, then the squared deviations from it.
            std::vector<torch::Tensor> sums{flat.sum(1), torch::full({1}, static_cast<double>(flat.size(1)),
                                                                     flat.options().dtype(torch::kFloat64))};
            m_groupSum(sums);
            const double count = sums[1].item<double>();
            mean = sums[0] / count;
            std::vector<torch::Tensor> squares{(flat - mean.unsqueeze(1)).square().sum(1)};
            m_groupSum(squares);
            std = torch::sqrt(squares[0] / std::max(1.0, count - 1.0));
        } else {
            mean = flat.mean(1);
            std = flat.std(1, /*unbiased=*/true);
        }
        loc.copy_(-mean.view({1, -1, 1, 1}));
        scale.copy_(1.0 / (std.view({1, -1, 1, 1}) + 1e-6));
        initialized.fill_(1.0);
    }
    const double hw = static_cast<double>(x.size(2) * x.size(3));
    auto logdet = hw * torch::log(torch::abs(scale)).sum();
    return {scale * (x + loc), logdet.expand({x.size(0)})};
}

torch::Tensor ActNorm2dImpl::decode(const torch::Tensor& y) const { return y / scale - loc; }

}  // namespace flowscope
