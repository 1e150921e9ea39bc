#include "util/fused_adam.h"

#include "util/adam_state.h"

#include <cmath>

namespace flowscope {

namespace {

/// Whether `t` can be walked element by element alongside `like`: float32 on the CPU, dense, and
/// laid out alike (the strides of size-1 dimensions do not matter: [1, C, 1, 1] gradients come
/// with any of them).
bool fusable(const torch::Tensor& t, const torch::Tensor& like) {
    if (!t.defined() || !t.device().is_cpu() || t.scalar_type() != torch::kFloat32 ||
        !t.is_non_overlapping_and_dense() || t.sizes() != like.sizes())
        return false;
    for (int64_t d = 0; d < t.dim(); ++d)
        if (t.size(d) > 1 && t.stride(d) != like.stride(d)) return false;
    return true;
}

/// LibTorch's Adam, element by element: exp_avg.mul_(β1).add_(g, 1 − β1);
/// exp_avg_sq.mul_(β2).addcmul_(g, g, 1 − β2); denom = sqrt(exp_avg_sq) / sqrt(bc2) + ε;
/// p.addcdiv_(exp_avg, denom, −lr / bc1). Vectorised by the compiler: this file is built without
/// errno for sqrt (it never sees a negative value).
void update(float* __restrict p, const float* __restrict g, float* __restrict m, float* __restrict v, int64_t n,
            float beta1, float beta2, float oneMinusBeta1, float oneMinusBeta2, float sqrtBc2, float eps,
            float negStepSize) {
    for (int64_t i = 0; i < n; ++i) {
        const float gi = g[i];
        const float mi = m[i] * beta1 + oneMinusBeta1 * gi;
        const float vi = v[i] * beta2 + oneMinusBeta2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i] + negStepSize * (mi / (std::sqrt(vi) / sqrtBc2 + eps));
    }
}

}  // namespace

void fusedAdamStep(torch::optim::Adam& optimizer) {
    bool fallback = false;
    for (const auto& group : optimizer.param_groups()) {
        const auto& o = static_cast<const torch::optim::AdamOptions&>(group.options());
        if (o.amsgrad() || o.weight_decay() != 0) fallback = true;
        for (const auto& p : group.params())
            if (p.grad().defined() && !(fusable(p, p) && fusable(p.grad(), p))) fallback = true;
    }
    if (fallback) {
        optimizer.step();
        return;
    }
    torch::NoGradGuard noGrad;
    for (auto& group : optimizer.param_groups()) {
        const auto& o = static_cast<const torch::optim::AdamOptions&>(group.options());
        const double beta1 = std::get<0>(o.betas()), beta2 = std::get<1>(o.betas());
        for (auto& p : group.params()) {
            if (!p.grad().defined()) continue;  // as Adam::step(): no gradient, no update
            auto& s = adamParamState(optimizer, p);
            // A moment restored from a checkpoint may be laid out differently from its parameter.
            if (!fusable(s.exp_avg(), p)) s.exp_avg(torch::empty_like(p).copy_(s.exp_avg()));
            if (!fusable(s.exp_avg_sq(), p)) s.exp_avg_sq(torch::empty_like(p).copy_(s.exp_avg_sq()));
            s.step(s.step() + 1);
            const double bc1 = 1 - std::pow(beta1, static_cast<double>(s.step()));
            const double bc2 = 1 - std::pow(beta2, static_cast<double>(s.step()));
            update(p.data_ptr<float>(), p.grad().data_ptr<float>(), s.exp_avg().data_ptr<float>(),
                   s.exp_avg_sq().data_ptr<float>(), p.numel(), static_cast<float>(beta1), static_cast<float>(beta2),
                   static_cast<float>(1 - beta1), static_cast<float>(1 - beta2), static_cast<float>(std::sqrt(bc2)),
                   static_cast<float>(o.eps()), static_cast<float>(-o.lr() / bc1));
            // Written through raw pointers: bump the version counters in-place operators would
            // (caches keyed on them, such as the 1×1 convolutions' inverse, must see the change).
            for (const auto* t : {&p, &s.exp_avg(), &s.exp_avg_sq()}) t->unsafeGetTensorImpl()->bump_version();
        }
    }
}

}  // namespace flowscope
