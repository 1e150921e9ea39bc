#include "flow/permute.h"

#include "flow/module_state.h"
#include "util/checks.h"
#include "util/random.h"

#include <stdexcept>

namespace flowscope {

namespace {

torch::Tensor makePermutation(const PermuteOptions& o) {
    const int64_t d = o.dim();
    switch (o.mode()) {
        case PermuteMode::Swap: {
            const int64_t half = d / 2;
            return torch::cat({torch::arange(half, d), torch::arange(0, half)}).to(torch::kLong);
        }
        case PermuteMode::Reverse:
            return torch::arange(d - 1, -1, -1, torch::kLong);
        case PermuteMode::Random: {
            auto gen = makeGenerator(o.seed());
            return torch::randperm(d, gen, torch::kLong);
        }
    }
    throw std::logic_error("unhandled permute mode");
}

}  // namespace

PermuteImpl::PermuteImpl(PermuteOptions options_) : options(std::move(options_)) {
    if (options.dim() < 1) throw std::invalid_argument("Permute: dimension must be at least 1");
    auto p = makePermutation(options);
    perm = register_buffer("perm", p);
    inversePerm = register_buffer("inverse_perm", torch::argsort(p));
}

FlowStep PermuteImpl::forward(const torch::Tensor& z) {
    checkBatch(z, dim(), "Permute::forward");
    return {z.index_select(1, perm.to(z.device(), torch::kLong)), torch::zeros({z.size(0)}, z.options())};
}

FlowStep PermuteImpl::inverse(const torch::Tensor& y) {
    checkBatch(y, dim(), "Permute::inverse");
    return {y.index_select(1, inversePerm.to(y.device(), torch::kLong)), torch::zeros({y.size(0)}, y.options())};
}

std::shared_ptr<FlowLayer> PermuteImpl::blended(double t) const {
    auto copy = std::make_shared<PermuteImpl>(options);
    copyModuleState(*this, *copy);
    if (t < 0.5) {
        torch::NoGradGuard noGrad;
        copy->perm.copy_(torch::arange(options.dim(), torch::kLong));
        copy->inversePerm.copy_(copy->perm);
    }
    return copy;
}

PermuteMode permuteModeFromString(const std::string& name) {
    if (name == "swap") return PermuteMode::Swap;
    if (name == "reverse") return PermuteMode::Reverse;
    if (name == "random") return PermuteMode::Random;
    throw std::invalid_argument("unknown permutation '" + name + "' (expected swap, reverse or random)");
}

}  // namespace flowscope
