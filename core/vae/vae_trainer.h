#pragma once

#include "types/vae_train_config.h"
#include "util/chunk_limits.h"
#include "vae/vae_model.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace flowscope {

class ModuleRollback;

void validate(const VaeTrainConfig& config);

/// One report from the VAE training loop.
struct VaeProgress {
    int64_t step = 0, total = 0;
    double elbo = 0;         ///< of the last batch, nats per image (β = 1, whatever the annealing)
    double averageElbo = 0;  ///< exponential moving average
    double beta = 1;         ///< the annealing weight the last step used
    double stepsPerSecond = 0;
    double etaSeconds = 0;
    int64_t rolledBack = 0;
    std::string event;
    bool checkpointDue = false;
    bool finished = false;
};

/// Trains a VaeModel by maximising the Flow-ELBO on dynamically binarised images (a fresh
/// Bernoulli draw per batch): Adam, gradient-norm clipping, the annealed weight β_t when asked,
/// the NaN guard of the other trainers, resumable state. Qt-free; the CLI, the lab page's worker
/// and the tests run the same loop.
class VaeTrainer {
public:
    /// `grey`: the training images as grey levels [N, dataDim] in [0, 1] (binarised per batch).
    VaeTrainer(VaeModel model, torch::Tensor grey, VaeTrainConfig config);
    ~VaeTrainer();

    struct StepResult {
        double elbo = 0;
        bool applied = true;
    };
    StepResult step();
    /// Steps until the chunk's limits (util/chunk_limits.h), a rollback, a checkpoint or the end.
    VaeProgress runChunk(const ChunkLimits& limits);
    /// Chunks until `config.steps` or `stop`; `onProgress` every `reportSeconds`.
    VaeProgress run(const std::atomic<bool>* stop, const std::function<void(const VaeProgress&)>& onProgress,
                    const std::function<void(VaeTrainer&)>& onCheckpoint = nullptr, double reportSeconds = 1.0);

    /// Optimiser moments, step and generator: a resumed run continues exactly.
    std::map<std::string, torch::Tensor> trainingState() const;
    void restoreTrainingState(const std::map<std::string, torch::Tensor>& state);

    VaeModel model() const { return m_model; }
    int64_t stepsDone() const { return m_step; }
    const VaeTrainConfig& config() const { return m_config; }
    torch::Device device() const { return m_device; }
    void extendBy(int64_t steps) { m_config.steps += steps; }
    /// Overwrites every parameter with NaN (tests drive the rollback path with it).
    void poisonParameters();

private:
    VaeModel m_model;
    torch::Tensor m_grey;
    VaeTrainConfig m_config;
    torch::Device m_device = torch::kCPU;
    torch::Generator m_gen;
    std::unique_ptr<torch::optim::Adam> m_optimizer;
    std::unique_ptr<ModuleRollback> m_rollback;
    int64_t m_step = 0;
    int64_t m_rolledBack = 0;
    double m_emaElbo = 0;
    int64_t m_emaSteps = 0;
    std::optional<std::pair<std::chrono::steady_clock::time_point, int64_t>> m_rateFrom;
};

}  // namespace flowscope
