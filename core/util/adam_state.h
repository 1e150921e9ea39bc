#pragma once
/// \file Adam's moments as named tensors, so a trainer's checkpoint can resume exactly.

#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

namespace flowscope {

/// "adam.<i>.exp_avg", "adam.<i>.exp_avg_sq", "adam.<i>.step" for every parameter i (in the
/// order given) that has optimiser state yet; CPU copies.
std::map<std::string, torch::Tensor> adamState(torch::optim::Adam& optimizer, const std::vector<torch::Tensor>& params);

/// The state torch::optim::Adam keeps for `parameter`, created as its step() would (step 0, zero
/// moments shaped and laid out like the parameter) when it has none yet.
torch::optim::AdamParamState& adamParamState(torch::optim::Adam& optimizer, const torch::Tensor& parameter);

/// Puts back what adamState wrote for the same parameters (missing entries are left fresh).
/// Throws std::invalid_argument when a saved moment's shape differs from its parameter's.
void restoreAdamState(torch::optim::Adam& optimizer, const std::vector<torch::Tensor>& params,
                      const std::map<std::string, torch::Tensor>& saved);

}  // namespace flowscope
