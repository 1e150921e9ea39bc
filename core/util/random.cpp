#include "util/random.h"

#include <ATen/CPUGeneratorImpl.h>

namespace flowscope {

torch::Generator makeGenerator(uint64_t seed) { return at::make_generator<at::CPUGeneratorImpl>(seed); }

torch::Tensor uniformTensor(torch::IntArrayRef shape, double lo, double hi, torch::Generator& gen) {
    return torch::rand(shape, gen, torch::kFloat32) * (hi - lo) + lo;
}

torch::Tensor normalTensor(torch::IntArrayRef shape, torch::Generator& gen, torch::Device device) {
    auto t = torch::randn(shape, gen, torch::kFloat32);
    return device.is_cpu() ? t : t.to(device);
}

uint64_t deriveSeed(uint64_t seed, uint64_t stream) {
    uint64_t x = seed + 0x9E3779B97F4A7C15ull * (stream + 1);
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

}  // namespace flowscope
