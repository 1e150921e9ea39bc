#include "distributed/distributed_environment.h"

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace flowscope {

namespace {

/// A whole decimal number in [lo, hi], or an error naming the variable.
long long integerVariable(const char* name, const char* text, long long lo, long long hi) {
    const std::string value(text);
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(value.c_str(), &end, 10);
    if (value.empty() || end != value.c_str() + value.size() || errno == ERANGE || v < lo || v > hi)
        throw std::invalid_argument(std::string(name) + "='" + value.substr(0, 40) + "' is not a whole number in [" +
                                    std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v;
}

}  // namespace

std::optional<DistributedEnvironment> distributedEnvironment(const std::function<const char*(const char*)>& lookup) {
    auto get = [&](const char* name) -> const char* { return lookup ? lookup(name) : std::getenv(name); };
    const char* rank = get("RANK");
    const char* world = get("WORLD_SIZE");
    if (!rank && !world) return std::nullopt;
    for (const char* name : {"RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT"})
        if (!get(name))
            throw std::invalid_argument(std::string("a distributed run needs RANK, WORLD_SIZE, MASTER_ADDR and "
                                                    "MASTER_PORT, but ") +
                                        name + " is not set (launch with torchrun)");
    constexpr long long kMaxWorld = 1 << 16;
    DistributedEnvironment env;
    env.worldSize = static_cast<int>(integerVariable("WORLD_SIZE", world, 1, kMaxWorld));
    env.rank = static_cast<int>(integerVariable("RANK", rank, 0, kMaxWorld));
    if (env.rank >= env.worldSize)
        throw std::invalid_argument("RANK=" + std::to_string(env.rank) +
                                    " is not below WORLD_SIZE=" + std::to_string(env.worldSize));
    if (const char* local = get("LOCAL_RANK"))
        env.localRank = static_cast<int>(integerVariable("LOCAL_RANK", local, 0, kMaxWorld - 1));
    env.masterAddress = get("MASTER_ADDR");
    if (env.masterAddress.empty() || env.masterAddress.size() > 253)
        throw std::invalid_argument("MASTER_ADDR must name a host (1 to 253 characters)");
    for (char c : env.masterAddress)
        if (static_cast<unsigned char>(c) <= ' ' || static_cast<unsigned char>(c) >= 0x7f)
            throw std::invalid_argument("MASTER_ADDR='" + env.masterAddress.substr(0, 40) +
                                        "' holds a character no host name has");
    env.masterPort = static_cast<uint16_t>(integerVariable("MASTER_PORT", get("MASTER_PORT"), 1, 65535));
    if (const char* agent = get("TORCHELASTIC_USE_AGENT_STORE")) env.agentStore = std::string(agent) == "True";
    if (env.agentStore)
        if (const char* restarts = get("TORCHELASTIC_RESTART_COUNT"))
            env.restartCount = static_cast<int>(integerVariable("TORCHELASTIC_RESTART_COUNT", restarts, 0, 1 << 20));
    return env;
}

}  // namespace flowscope
