#pragma once

#include "train/training_target.h"

#include <string>
#include <vector>

namespace flowscope {

/// A training target named on the command line or in the explorer.
struct ResolvedTarget {
    TrainingTarget target;
    std::vector<std::string> warnings;  ///< e.g. the CSV lines that were skipped
};

/// "U1"…"U4" (energies), "moons", "circles", "8gaussians", "checkerboard", "pinwheel",
/// "spirals" (toy data), or the path of a CSV file of x,y points. Throws std::invalid_argument
/// (unknown name) or std::runtime_error (unreadable file) with a message naming the problem.
ResolvedTarget resolveTarget(const std::string& name);

/// The names the CLI and the explorer offer, energies first.
std::vector<std::string> builtInTargetNames();

}  // namespace flowscope
