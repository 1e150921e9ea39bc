#pragma once
/// \file Membership of a torchrun job through PyTorch's own distributed engine, c10d: a
/// TCPStore rendezvous, then ProcessGroupGloo (CPU tensors) or ProcessGroupNCCL (CUDA tensors,
/// one GPU a LOCAL_RANK). Nothing here is a transport of our own.

#include "distributed/distributed_environment.h"
#include "util/collective.h"

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace flowscope {

/// Whether this build can join a group on `device`'s kind (Gloo for the CPU, NCCL for CUDA), and
/// if not, why not (one line).
std::string distributedSupport(const torch::Device& device);

class ProcessGroup : public Collective {
public:
    /// Joins the job `env` describes, for tensors on `device`. Every blocking step (connecting to
    /// the store, waiting for the peers, each later collective) gives up after `timeout` with
    /// std::runtime_error naming what it waited for; the join as a whole within 2 × timeout +
    /// 2 s, even where c10d would wait for good (a port held by a program that never answers).
    /// So a missing peer or a port in use never hangs a rank.
    static std::shared_ptr<ProcessGroup> join(const DistributedEnvironment& env, const torch::Device& device,
                                              std::chrono::milliseconds timeout);
    ~ProcessGroup() override;

    int rank() const override;
    int worldSize() const override;
    void allReduceSum(std::vector<torch::Tensor>& tensors) override;
    void broadcast(std::vector<torch::Tensor>& tensors, int root) override;
    std::unique_ptr<GradientAverager> gradientAverager(std::vector<torch::Tensor> parameters) override;

    /// Every rank publishes its `(name, value)` settings and compares them with every other
    /// rank's: if any differ, every rank throws the same std::runtime_error naming the first
    /// difference ("rank 1 has batch=8, rank 0 has batch=16"), so the job ends together.
    void requireSameSettings(const std::vector<std::pair<std::string, std::string>>& settings);

private:
    struct State;
    explicit ProcessGroup(std::unique_ptr<State> state);
    /// join's steps, on the calling thread.
    static std::shared_ptr<ProcessGroup> joinNow(const DistributedEnvironment& env, const torch::Device& device,
                                                 std::chrono::milliseconds timeout);
    std::unique_ptr<State> m_state;
};

}  // namespace flowscope
