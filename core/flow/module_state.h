#pragma once
/// \file Copying a module's parameters and buffers by name (clones, blends, rollbacks).

#include <torch/torch.h>

#include <vector>

namespace flowscope {

/// Copies every parameter and buffer of `from` into the same-named tensor of `to`.
/// Throws std::invalid_argument when names or shapes differ.
void copyModuleState(const torch::nn::Module& from, torch::nn::Module& to);

/// Detached copies of all parameters and buffers, in named order (a rollback point).
std::vector<torch::Tensor> snapshotState(const torch::nn::Module& module);
/// Writes a snapshot taken from the same module back in place.
void restoreState(torch::nn::Module& module, const std::vector<torch::Tensor>& snapshot);

/// True when every parameter (and gradient, if `checkGradients`) is finite.
bool allFinite(const torch::nn::Module& module, bool checkGradients);

}  // namespace flowscope
