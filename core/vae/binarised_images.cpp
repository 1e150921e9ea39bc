#include "vae/binarised_images.h"

#include "util/random.h"

#include <stdexcept>

namespace flowscope {

torch::Tensor greyLevels(const torch::Tensor& images) {
    if (images.dim() != 4 || images.size(1) != 1 || images.size(2) != images.size(3))
        throw std::invalid_argument("a VAE needs square grey images [N, 1, S, S]");
    return images.reshape({images.size(0), -1}).to(torch::kFloat32).div_(255.0);
}

torch::Tensor binarise(const torch::Tensor& grey, torch::Generator& gen) {
    auto u = uniformTensor(grey.sizes(), 0.0, 1.0, gen);
    return (u < grey.cpu()).to(torch::kFloat32);
}

torch::Tensor fixedBinarisation(const torch::Tensor& grey) {
    auto gen = makeGenerator(kFixedBinarisationSeed);
    return binarise(grey, gen);
}

}  // namespace flowscope
