#pragma once
/// \file Where this process sits in a torchrun job: the variables torchrun (or a cluster launcher
/// that sets the same) puts in the environment, read and checked before anything connects.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace flowscope {

struct DistributedEnvironment {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    std::string masterAddress;
    uint16_t masterPort = 0;
    /// torchrun's agent already serves the rendezvous store on MASTER_PORT
    /// (TORCHELASTIC_USE_AGENT_STORE=True): every rank joins it as a client, under the prefix
    /// of the agent's restart attempt, as torch.distributed's env:// rendezvous does.
    bool agentStore = false;
    int restartCount = 0;
};

/// Reads RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT (and torchrun's
/// TORCHELASTIC_USE_AGENT_STORE / TORCHELASTIC_RESTART_COUNT) through `lookup` (getenv by
/// default). None of RANK and WORLD_SIZE set: std::nullopt, a single-process run. Anything
/// partial, malformed or inconsistent: std::invalid_argument naming the variable and its value.
std::optional<DistributedEnvironment> distributedEnvironment(
    const std::function<const char*(const char*)>& lookup = nullptr);

}  // namespace flowscope
