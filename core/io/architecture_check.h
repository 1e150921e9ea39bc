#pragma once

#include "util/parameter_shape.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace flowscope {

/// The names and shapes of the tensors a file holds, as its reader saw them.
struct HeldTensor {
    std::string name;
    std::vector<int64_t> shape;
};

/// Compares what an architecture needs (`expected`, from flowParameterShapes/glowParameterShapes)
/// with what a file holds, before any model is built. Returns the first difference as a clause
/// ("tensor 'flows.3.w' is missing", "tensor 'x' is [4] where the architecture needs [2]",
/// "it holds a tensor 'y' the architecture does not use"), or nothing when they agree. Held
/// tensors for which `isExtraAllowed` returns true (attribute vectors, training state) are
/// left to the caller.
std::optional<std::string> firstArchitectureMismatch(
    const ParameterShapes& expected, const std::vector<HeldTensor>& held,
    const std::function<bool(const std::string&)>& isExtraAllowed = {});

}  // namespace flowscope
