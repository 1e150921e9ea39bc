#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace flowscope {

/// A key that changes whenever one of `tensors` is written in place (its version counter) or
/// replaced, moved or converted (its storage): for caches of values derived from parameters,
/// such as an inverse weight or a folded convolution, which must follow every training step.
inline std::vector<int64_t> versionKey(const std::vector<torch::Tensor>& tensors) {
    std::vector<int64_t> key;
    key.reserve(2 * tensors.size());
    for (const auto& t : tensors) {
        key.push_back(static_cast<int64_t>(t._version()));
        key.push_back(static_cast<int64_t>(reinterpret_cast<intptr_t>(t.data_ptr())));
    }
    return key;
}

}  // namespace flowscope
