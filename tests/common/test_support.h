#pragma once
/// \file Shared helpers for the Qt Test executables.

#include <torch/torch.h>

#include <QString>

#include <cstdint>

namespace flowscope::test {

/// Adds N(0, scale²) noise to every parameter (zero-initialised layers would otherwise be the
/// identity, and a test of them could not fail).
void perturbParameters(torch::nn::Module& module, double scale, uint64_t seed);

/// The per-sample Jacobians ∂y/∂z of `map` at z [B, d] by autograd, as [B, d, d] (double).
torch::Tensor autogradJacobian(const std::function<torch::Tensor(const torch::Tensor&)>& map, const torch::Tensor& z);

/// log|det| of each [d, d] matrix by Eigen's LU (an independent reference).
torch::Tensor eigenLogAbsDet(const torch::Tensor& jacobians);

/// ../shared beside the checkout, or an empty string when it is absent.
QString sharedDir();

/// The directory holding the built executables (flowscope-cli, …).
QString binaryDir();

}  // namespace flowscope::test
