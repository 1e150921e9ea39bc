#include "glow/bfloat16_preview.h"

#include <fstream>
#include <string>

namespace flowscope {

namespace {

thread_local bool t_preview = false;

/// The first "flags" line of /proc/cpuinfo (Linux); empty where there is none.
std::string cpuFlags() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    for (int lines = 0; lines < 4096 && std::getline(in, line); ++lines)
        if (line.rfind("flags", 0) == 0) return line + " ";
    return {};
}

}  // namespace

BFloat16PreviewGuard::BFloat16PreviewGuard(bool enabled) : m_previous(t_preview) { t_preview = enabled; }

BFloat16PreviewGuard::~BFloat16PreviewGuard() { t_preview = m_previous; }

bool bfloat16PreviewActive() { return t_preview; }

bool bfloat16IsFast(const torch::Device& device) {
    if (device.is_cuda()) return true;
    if (!device.is_cpu()) return false;
    static const bool fast = [] {
        const std::string flags = cpuFlags();
        return flags.find(" avx512_bf16 ") != std::string::npos || flags.find(" amx_bf16 ") != std::string::npos;
    }();
    return fast;
}

}  // namespace flowscope
