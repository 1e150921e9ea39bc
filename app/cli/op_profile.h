#pragma once
/// \file Where a piece of LibTorch work spends its time: convolution kernels against everything
/// else, from LibTorch's own operator profiler (for `bench glow`'s overhead_fraction).

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace flowscope::cli {

struct OpProfile {
    double wallMs = 0;                 ///< the profiled call, profiler on (slightly slower than without)
    double convolutionMs = 0;          ///< inside aten::convolution and aten::convolution_backward
    int64_t operators = 0;             ///< operators recorded (each costs the profiler some time)
    int64_t convolutionOperators = 0;  ///< of which convolutions or inside one
    /// Time outside the convolutions by outermost operator (autograd nodes in backward), largest
    /// first, with "(between operators)" for time inside no operator at all.
    std::vector<std::pair<std::string, double>> outsideMs;
};

/// Runs `work` once with LibTorch's operator profiler on (this thread and the autograd engine's).
OpProfile profileOperators(const std::function<void()>& work);

/// The convolutions' share of `unprofiledMs` (the same work timed without the profiler), their
/// profiled time less the profiler's own cost per operator, estimated from the difference
/// between the profiled and the unprofiled time. Small kernels (a batch of one) need this: there
/// the profiler costs about as much as the work.
double convolutionShare(const OpProfile& profile, double unprofiledMs);

}  // namespace flowscope::cli
