#include "flow/mlp.h"

#include "util/random.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace flowscope {

MlpImpl::MlpImpl(MlpOptions options_) : options(std::move(options_)) {
    if (options.in() < 1 || options.hidden() < 1 || options.out() < 1 || options.hiddenLayers() < 1)
        throw std::invalid_argument("Mlp: sizes must be positive (in " + std::to_string(options.in()) + ", hidden " +
                                    std::to_string(options.hidden()) + ", out " + std::to_string(options.out()) + ")");
    auto gen = makeGenerator(options.seed());
    torch::NoGradGuard noGrad;
    int64_t width = options.in();
    for (int64_t i = 0; i <= options.hiddenLayers(); ++i) {
        const bool last = i == options.hiddenLayers();
        const int64_t next = last ? options.out() : options.hidden();
        torch::nn::Linear linear(torch::nn::LinearOptions(width, next));
        if (last) {
            linear->weight.zero_();
            linear->bias.zero_();
        } else {
            // Glorot-uniform suits tanh units.
            const double limit = std::sqrt(6.0 / static_cast<double>(width + next));
            linear->weight.copy_(uniformTensor({next, width}, -limit, limit, gen));
            linear->bias.zero_();
        }
        layers->push_back(linear);
        width = next;
    }
    register_module("layers", layers);
}

torch::Tensor MlpImpl::forward(torch::Tensor x) {
    const size_t n = layers->size();
    for (size_t i = 0; i < n; ++i) {
        x = layers[i]->as<torch::nn::Linear>()->forward(x);
        if (i + 1 < n) x = torch::tanh(x);
    }
    return x;
}

void MlpImpl::scaleOutput(double t) {
    torch::NoGradGuard noGrad;
    auto last = layers[layers->size() - 1]->as<torch::nn::Linear>();
    last->weight.mul_(t);
    last->bias.mul_(t);
}

}  // namespace flowscope
