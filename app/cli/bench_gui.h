#pragma once

#include <string>
#include <vector>

namespace flowscope::cli {

/// `bench gui`: the explorer's responsiveness on the offscreen platform while it trains
/// (worst event-loop stall, view updates per second, time to close mid-training), as JSON.
/// Only in builds with the GUI (FLOWSCOPE_BUILD_GUI=ON).
int runGuiBench(const std::vector<std::string>& args);

}  // namespace flowscope::cli
