#pragma once
/// \file Argument checks that throw std::invalid_argument with expected-vs-actual messages.

#include <torch/torch.h>

#include <sstream>
#include <stdexcept>
#include <string>

namespace flowscope {

/// Throws std::invalid_argument naming `what` unless `t` is a [B, dim] floating tensor.
inline void checkBatch(const torch::Tensor& t, int64_t dim, const char* what) {
    if (!t.defined() || t.dim() != 2 || t.size(1) != dim || !t.is_floating_point()) {
        std::ostringstream msg;
        msg << what << ": expected a floating tensor of shape [B, " << dim << "], got ";
        if (!t.defined())
            msg << "an undefined tensor";
        else
            msg << t.sizes() << " of type " << t.dtype();
        throw std::invalid_argument(msg.str());
    }
}

}  // namespace flowscope
