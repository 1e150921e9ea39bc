#include "glow/relu_in_place.h"

namespace flowscope {

namespace {

struct ReluInPlace : torch::autograd::Function<ReluInPlace> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, torch::Tensor x) {
        x.relu_();
        ctx->mark_dirty({x});
        ctx->save_for_backward({x});
        return x;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        const auto out = ctx->get_saved_variables()[0];
        auto g = grads[0];
        if (!g.defined()) return {torch::Tensor()};  // nothing flowed back: nothing to mask
        // In place only where the layouts agree (else the kernel would take its slow strided path).
        if (g.strides() != out.strides()) return {at::threshold_backward(g, out, 0)};
        at::threshold_backward_out(g, g, out, 0);
        return {g};
    }
};

}  // namespace

torch::Tensor reluIntoConvolution(torch::Tensor x) {
    if (!torch::GradMode::is_enabled() || !x.requires_grad()) return x.relu_();
    return ReluInPlace::apply(x);
}

}  // namespace flowscope
