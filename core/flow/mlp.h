#pragma once

#include <torch/torch.h>

namespace flowscope {

struct MlpOptions {
    MlpOptions(int64_t in, int64_t hidden, int64_t out) : in_(in), hidden_(hidden), out_(out) {}
    TORCH_ARG(int64_t, in);
    TORCH_ARG(int64_t, hidden);
    TORCH_ARG(int64_t, out);
    TORCH_ARG(int64_t, hiddenLayers) = 2;
    TORCH_ARG(uint64_t, seed) = 0;
};

/// Coupling conditioner: in → hidden (tanh) → … → hidden (tanh) → out. The last layer starts at
/// zero so a fresh coupling layer is the identity (RealNVP, arXiv:1605.08803; Glow's zero init).
/// tanh keeps every density the explorer draws smooth (ReLU nets leave visible creases).
class MlpImpl : public torch::nn::Module {
public:
    explicit MlpImpl(MlpOptions options);
    torch::Tensor forward(torch::Tensor x);
    /// Multiplies the output layer's weights and bias by t (used to blend a coupling layer).
    void scaleOutput(double t);

    MlpOptions options;
    torch::nn::ModuleList layers;
};
TORCH_MODULE(Mlp);

}  // namespace flowscope
