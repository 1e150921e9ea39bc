#pragma once
/// \file The gradient averaging of PyTorch's DistributedDataParallel, on c10d's ProcessGroup:
/// parameters in buckets (the first small, so communication starts early), each bucket
/// all-reduced asynchronously the moment its last gradient is produced, in a fixed bucket order so
/// every rank issues the same collectives in the same sequence. (c10d::Reducer itself cannot be
/// used with Debian's libtorch-dev: its header includes torch/csrc/distributed/autograd, which
/// the package does not ship.)

#include "util/collective.h"

#include <torch/version.h>
#if TORCH_VERSION_MAJOR >= 2
#include <torch/csrc/distributed/c10d/Backend.hpp>
#else
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#endif

#include <mutex>
#include <stdexcept>
#include <vector>

namespace flowscope {

/// What c10d's Gloo and NCCL groups are: c10d::ProcessGroup up to LibTorch 1.13 (Debian's),
/// c10d::Backend from 2.0 on (ProcessGroup became a wrapper of backends). Both have the same
/// allreduce, broadcast, getRank and getSize.
#if TORCH_VERSION_MAJOR >= 2
using CollectiveBackend = c10d::Backend;
#else
using CollectiveBackend = c10d::ProcessGroup;
#endif

class BucketedGradientAverager : public GradientAverager {
public:
    static constexpr int64_t kFirstBucketBytes = 1 << 20;  ///< DDP's defaults
    static constexpr int64_t kBucketBytes = 25 << 20;

    BucketedGradientAverager(c10::intrusive_ptr<CollectiveBackend> group, std::vector<torch::Tensor> parameters);
    ~BucketedGradientAverager() override;
    void prepare() override;
    void finish() override;

private:
    struct Bucket {
        std::vector<size_t> members;  ///< parameter indices
        torch::Tensor flat;           ///< the members' gradients, back to back
        size_t waiting = 0;           ///< members whose gradient has not arrived this step
        bool redo = false;            ///< a member's gradient arrived twice: reduce after backward
        c10::intrusive_ptr<c10d::Work> work;
    };
    void onGradient(size_t index, const torch::Tensor& grad);
    void launchReadyBuckets();
    void finishReductions();
    std::runtime_error failedAveraging(const std::string& what) const;

    c10::intrusive_ptr<CollectiveBackend> m_group;
    std::vector<torch::Tensor> m_parameters;
    std::vector<unsigned> m_hooks;
    std::vector<Bucket> m_buckets;
    std::vector<size_t> m_bucketOf, m_offset, m_arrived;
    size_t m_nextLaunch = 0;
    bool m_armed = false;
    std::mutex m_mutex;  ///< CUDA backward runs hooks on the device's autograd thread
};

}  // namespace flowscope
