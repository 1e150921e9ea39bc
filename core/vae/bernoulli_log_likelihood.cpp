#include "vae/bernoulli_log_likelihood.h"

#include <Eigen/Core>
#include <ATen/Parallel.h>

#include <stdexcept>

namespace flowscope {

namespace {

bool fusable(const torch::Tensor& x, const torch::Tensor& logits) {
    return x.device().is_cpu() && logits.device().is_cpu() && x.scalar_type() == torch::kFloat32 &&
           logits.scalar_type() == torch::kFloat32;
}

torch::Tensor fusedForward(const torch::Tensor& x, const torch::Tensor& logits) {
    auto xc = x.contiguous();
    auto lc = logits.contiguous();
    const int64_t n = lc.size(0), s = lc.size(1), p = lc.size(2);
    auto out = torch::empty({n, s}, lc.options());
    const float* xd = xc.data_ptr<float>();
    const float* ld = lc.data_ptr<float>();
    float* od = out.data_ptr<float>();
    at::parallel_for(0, n * s, 64, [&](int64_t begin, int64_t end) {
        for (int64_t row = begin; row < end; ++row) {
            Eigen::Map<const Eigen::ArrayXf> xi(xd + (row / s) * p, p);
            Eigen::Map<const Eigen::ArrayXf> l(ld + row * p, p);
            // softplus(l) = max(l, 0) + ln(1 + e^{−|l|}), stable for any l.
            od[row] = (xi * l - (l.max(0.0f) + (-l.abs()).exp().log1p())).sum();
        }
    });
    return out;
}

class BernoulliLogLikelihoodFunction : public torch::autograd::Function<BernoulliLogLikelihoodFunction> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                                 const torch::Tensor& logits) {
        ctx->save_for_backward({x, logits});
        return fusedForward(x, logits);
    }
    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::tensor_list grads) {
        const auto saved = ctx->get_saved_variables();
        auto grad = (saved[0].unsqueeze(1) - torch::sigmoid(saved[1])) * grads[0].unsqueeze(-1);
        return {torch::Tensor(), grad};
    }
};

}  // namespace

torch::Tensor bernoulliLogLikelihood(const torch::Tensor& x, const torch::Tensor& logits) {
    if (x.dim() != 2 || logits.dim() != 3 || x.size(0) != logits.size(0) || x.size(1) != logits.size(2))
        throw std::invalid_argument("bernoulliLogLikelihood: needs x [N, P] and logits [N, S, P]");
    if (!fusable(x, logits)) return (x.unsqueeze(1) * logits - torch::nn::functional::softplus(logits)).sum(-1);
    if (x.requires_grad())
        throw std::invalid_argument("bernoulliLogLikelihood: the images must not require a gradient");
    return BernoulliLogLikelihoodFunction::apply(x, logits);
}

}  // namespace flowscope
