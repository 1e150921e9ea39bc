#include "cli/op_profile.h"

#include <torch/csrc/autograd/profiler_legacy.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

namespace flowscope::cli {

namespace {

bool isConvolution(const std::string& name) {
    return name == "aten::convolution" || name == "aten::convolution_backward";
}

struct Open {
    std::string name;
    double startUs;
    double convolutionInsideUs = 0;  ///< convolution time among its descendants
    int64_t operatorsInside = 0;     ///< operators among its descendants
    int64_t convolutionOperatorsInside = 0;
};

}  // namespace

OpProfile profileOperators(const std::function<void()>& work) {
    namespace profiler = torch::autograd::profiler;
    using torch::profiler::impl::ProfilerConfig;
    using torch::profiler::impl::ProfilerState;
    profiler::enableProfilerLegacy(ProfilerConfig(ProfilerState::CPU));
    const auto t0 = std::chrono::steady_clock::now();
    try {
        work();
    } catch (...) {
        profiler::disableProfilerLegacy();
        throw;
    }
    const double wallUs = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
    const auto lists = profiler::disableProfilerLegacy();

    OpProfile result;
    result.wallMs = wallUs / 1e3;
    std::map<std::string, double> outsideUs;
    double insideAnyUs = 0;
    for (const auto& events : lists) {
        std::vector<Open> stack;
        for (const auto& e : events) {
            if (e.kind() == profiler::EventKind::PushRange) {
                stack.push_back({e.name(), e.cpuUs()});
                ++result.operators;
            } else if (e.kind() == profiler::EventKind::PopRange && !stack.empty()) {
                Open o = std::move(stack.back());
                stack.pop_back();
                const double us = e.cpuUs() - o.startUs;
                // An outermost convolution counts once; convolutions do not nest in one another.
                const bool conv = isConvolution(o.name) && std::none_of(stack.begin(), stack.end(), [](const Open& s) {
                                      return isConvolution(s.name);
                                  });
                const double convHere = conv ? us : o.convolutionInsideUs;
                const int64_t convOpsHere = conv ? 1 + o.operatorsInside : o.convolutionOperatorsInside;
                if (stack.empty()) {
                    insideAnyUs += us;
                    result.convolutionMs += convHere / 1e3;
                    result.convolutionOperators += convOpsHere;
                    if (!conv) outsideUs[o.name] += us - convHere;
                } else {
                    stack.back().convolutionInsideUs += convHere;
                    stack.back().operatorsInside += 1 + o.operatorsInside;
                    stack.back().convolutionOperatorsInside += convOpsHere;
                }
            }
        }
    }
    outsideUs["(between operators)"] = std::max(0.0, wallUs - insideAnyUs);
    for (const auto& [name, us] : outsideUs) result.outsideMs.emplace_back(name, us / 1e3);
    std::sort(result.outsideMs.begin(), result.outsideMs.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    return result;
}

double convolutionShare(const OpProfile& p, double unprofiledMs) {
    if (!(unprofiledMs > 0)) return 0;
    const double perOperatorMs =
        p.operators > 0 ? std::max(0.0, p.wallMs - unprofiledMs) / static_cast<double>(p.operators) : 0.0;
    const double convolutionMs =
        std::max(0.0, p.convolutionMs - perOperatorMs * static_cast<double>(p.convolutionOperators));
    return std::min(1.0, convolutionMs / unprofiledMs);
}

}  // namespace flowscope::cli
