#pragma once
/// \file Seeded random numbers that never touch LibTorch's global generator, so two trainers on
/// two threads stay reproducible.

#include <torch/torch.h>

#include <cstdint>

namespace flowscope {

torch::Generator makeGenerator(uint64_t seed);

/// Uniform U(lo, hi) float tensor on the CPU drawn from `gen`.
torch::Tensor uniformTensor(torch::IntArrayRef shape, double lo, double hi, torch::Generator& gen);

/// Standard normal float tensor drawn from `gen`, then moved to `device`.
torch::Tensor normalTensor(torch::IntArrayRef shape, torch::Generator& gen, torch::Device device = torch::kCPU);

/// Seeds derived from one user seed (splitmix64), so layer k's init depends on (seed, k) only.
uint64_t deriveSeed(uint64_t seed, uint64_t stream);

}  // namespace flowscope
