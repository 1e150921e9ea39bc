#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace flowscope {

/// One registered parameter or buffer an architecture implies: its checkpoint key and shape.
/// Loaders derive the full list from a file's header *before* building a model and compare it
/// with the tensors the file holds, so a header can never make FlowScope allocate a model the
/// file has no weights for (DESIGN.md §5).
struct ParameterShape {
    std::string name;
    std::vector<int64_t> shape;
};

using ParameterShapes = std::vector<ParameterShape>;

inline std::string shapeToString(const std::vector<int64_t>& shape) {
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

}  // namespace flowscope
