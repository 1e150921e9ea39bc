#pragma once

#include <torch/torch.h>

#include <string>

namespace flowscope {

/// The device a training config names ("auto", "cpu", "cuda" or "cuda:N"); throws std::runtime_error if
/// CUDA is asked for but absent, std::invalid_argument for any other name. "auto" picks CUDA only
/// when `preferCudaForAuto` (Glow) and a device is present; 2D flows are faster on the CPU.
torch::Device resolveDevice(const std::string& name, bool preferCudaForAuto);

}  // namespace flowscope
