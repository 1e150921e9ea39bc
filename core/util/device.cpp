#include "util/device.h"

#include <stdexcept>

namespace flowscope {

namespace {

/// Exact densities and exact inverses are FlowScope's promise, so GPU convolutions and matrix
/// products stay in float32: cuDNN's default TF32 (10-bit mantissas on Ampere and later) moved a
/// Glow reconstruction on an H200 by 1e-3 instead of 1e-6.
torch::Device useCuda() {
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
    return torch::kCUDA;
}

}  // namespace

torch::Device resolveDevice(const std::string& name, bool preferCudaForAuto) {
    if (name == "cpu") return torch::kCPU;
    if (name == "cuda") {
        if (!torch::cuda::is_available())
            throw std::runtime_error("CUDA was requested, but this LibTorch build sees no CUDA device");
        return useCuda();
    }
    if (name.rfind("cuda:", 0) == 0) {
        const std::string digits = name.substr(5);
        const bool number =
            !digits.empty() && digits.size() <= 4 && digits.find_first_not_of("0123456789") == std::string::npos;
        if (!number) throw std::invalid_argument("unknown device '" + name + "' (expected cuda:N, N a GPU's index)");
        const int index = std::stoi(digits);
        if (!torch::cuda::is_available() || index >= static_cast<int>(torch::cuda::device_count()))
            throw std::runtime_error("GPU " + digits + " was requested, but this LibTorch build sees " +
                                     std::to_string(torch::cuda::device_count()) + " CUDA device(s)");
        useCuda();
        return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    if (name == "auto")
        return preferCudaForAuto && torch::cuda::is_available() ? useCuda() : torch::Device(torch::kCPU);
    throw std::invalid_argument("unknown device '" + name + "' (expected auto, cpu or cuda)");
}

}  // namespace flowscope
