#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace flowscope {

/// Writes a little-endian float32 array in NumPy's .npy format (version 1.0), atomically, so
/// numpy.load reads the grids the CLI exports.
void writeNpyFloat32(const std::string& path, const std::vector<int64_t>& shape, const std::vector<float>& values);

}  // namespace flowscope
