#pragma once

#include <string>
#include <vector>

namespace flowscope::cli {

/// `flowscope-cli bench glow`: Glow training images/s, decode and slider-edit times, and the share
/// of each spent outside convolution kernels.
int runGlowBench(const std::vector<std::string>& args);

}  // namespace flowscope::cli
