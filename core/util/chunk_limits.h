#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>

namespace flowscope {

/// What may end a chunk of training early — the same for every trainer's runChunk: a time budget
/// (a chunk runs at least one step), a step to stop at, and stop/pause flags read before every step.
struct ChunkLimits {
    double seconds = 0.015;
    int64_t untilStep = -1;  ///< end when the step counter reaches it (−1: the run's last step)
    const std::atomic<bool>* stop = nullptr;
    const std::atomic<bool>* pause = nullptr;

    bool raised() const { return (stop && stop->load()) || (pause && pause->load()); }
    /// The step to stop at for a run of `total` steps.
    int64_t lastStep(int64_t total) const { return untilStep < 0 ? total : std::min(untilStep, total); }
    bool spent(std::chrono::steady_clock::time_point start) const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= seconds;
    }
};

}  // namespace flowscope
