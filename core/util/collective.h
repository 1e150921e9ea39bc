#pragma once
/// \file The collective operations a trainer needs from a group of processes, as an interface,
/// so the trainers stay free of c10d's headers (core/distributed implements it on c10d).

#include <torch/torch.h>

#include <memory>
#include <vector>

namespace flowscope {

/// Averages parameter gradients over the group during backward: bucket by bucket, each bucket's
/// all-reduce started as soon as its gradients exist, so communication overlaps the rest of the
/// backward pass (as PyTorch's DistributedDataParallel does).
class GradientAverager {
public:
    virtual ~GradientAverager() = default;
    /// Before `backward()`: arms the gradient hooks for one step.
    virtual void prepare() = 0;
    /// After `backward()`: waits for the reductions and leaves every parameter's `grad()` the
    /// group's mean.
    virtual void finish() = 0;
};

/// A group of processes training one model; every member calls every operation in the same order.
class Collective {
public:
    virtual ~Collective() = default;
    virtual int rank() const = 0;
    virtual int worldSize() const = 0;
    /// Element-wise sums over the group, in place (float tensors on the model's device).
    virtual void allReduceSum(std::vector<torch::Tensor>& tensors) = 0;
    /// Every member's tensors become `root`'s, in place.
    virtual void broadcast(std::vector<torch::Tensor>& tensors, int root) = 0;
    virtual std::unique_ptr<GradientAverager> gradientAverager(std::vector<torch::Tensor> parameters) = 0;
};

}  // namespace flowscope
