#pragma once

#include <string>
#include <vector>

namespace flowscope::cli {

/// `flowscope-cli bench vae`: Flow-ELBO training steps/s and the 2-D posterior grid's time.
int runVaeBench(const std::vector<std::string>& args);

}  // namespace flowscope::cli
