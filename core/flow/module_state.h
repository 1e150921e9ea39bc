#pragma once
/// \file Copying a module's parameters and buffers by name (clones, blends, rollbacks).

#include "util/rollback_guard.h"

#include <torch/torch.h>

#include <utility>
#include <vector>

namespace flowscope {

/// Copies every parameter and buffer of `from` into the same-named tensor of `to`.
/// Throws std::invalid_argument when names or shapes differ.
void copyModuleState(const torch::nn::Module& from, torch::nn::Module& to);

/// Detached copies of all parameters and buffers, in named order (a rollback point).
std::vector<torch::Tensor> snapshotState(const torch::nn::Module& module);
/// The same into `kept` when it already holds a snapshot of this module (no new buffers: a
/// rollback point taken every training step); a fresh snapshot otherwise.
void snapshotStateInto(const torch::nn::Module& module, std::vector<torch::Tensor>& kept);
/// Writes a snapshot taken from the same module back in place.
void restoreState(torch::nn::Module& module, const std::vector<torch::Tensor>& snapshot);

/// True when every parameter (and gradient, if `checkGradients`) is finite.
bool allFinite(const torch::nn::Module& module, bool checkGradients);

/// The shared RollbackGuard over a module's parameters and buffers, for the LibTorch trainers:
/// a step whose loss or gradients are not finite puts the last good state back.
class ModuleRollback {
public:
    explicit ModuleRollback(torch::nn::Module& module) : m_module(&module) { markGood(); }

    /// Makes the module's current state the rollback point (after building or loading it).
    void markGood() { m_guard = RollbackGuard<std::vector<torch::Tensor>>(snapshotState(*m_module)); }

    /// `finite`: this step's loss and gradients. Runs `update` (the optimiser step) after taking
    /// the current state as the new rollback point, or restores the last good state; returns
    /// whether it updated.
    template <typename Update>
    bool settle(bool finite, Update&& update) {
        return m_guard.settle(
            finite, [this](std::vector<torch::Tensor>& good) { snapshotStateInto(*m_module, good); },
            [this](const std::vector<torch::Tensor>& good) { restoreState(*m_module, good); },
            std::forward<Update>(update));
    }

private:
    torch::nn::Module* m_module;
    RollbackGuard<std::vector<torch::Tensor>> m_guard;
};

}  // namespace flowscope
