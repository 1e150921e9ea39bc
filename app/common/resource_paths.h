#pragma once

#include <string>

namespace flowscope {

/// The shipped pretrained face model (resources/faces64.fsm): beside the executable
/// (build/resources/, copied there by the build) or, failing that, in the source tree.
/// Throws std::runtime_error naming the places it looked when it is missing.
std::string shippedFaceModelPath();
/// The shipped Fashion-MNIST model (resources/fashion32.fsm), found the same way.
std::string shippedFashionModelPath();

}  // namespace flowscope
