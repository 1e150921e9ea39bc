#pragma once

#include "glow/glow_data.h"
#include "glow/glow_model.h"
#include "types/glow_train_config.h"
#include "util/collective.h"
#include "util/chunk_limits.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace flowscope {

class ModuleRollback;

void validate(const GlowTrainConfig& config);

/// One report from the Glow training loop.
struct GlowProgress {
    int64_t step = 0, total = 0;
    double bitsPerDim = 0;         ///< of the last batch (dequantised), as glow-pytorch reports
    double averageBitsPerDim = 0;  ///< exponential moving average
    double imagesPerSecond = 0;    ///< of the whole group in a distributed run
    double etaSeconds = 0;
    double learningRate = 0;
    int64_t rolledBack = 0;
    std::string event;
    torch::Tensor preview;       ///< [n, C, S, S] in [0, 1] on the CPU when due, else undefined
    bool checkpointDue = false;  ///< this step is a multiple of `checkpointEvery`: save now
    bool finished = false;       ///< all `iterations` are done
};

/// Trains Glow by maximum likelihood on dequantised images (the same design as the 2D trainer):
/// Adam with warm-up, gradient-norm clipping, a NaN guard that restores the last good
/// parameters, resumable state (optimiser moments + step), previews and checkpoint hooks.
/// Qt-free; the CLI and the app save files from the hook.
///
/// Data-parallel with a `group` (core/distributed, under torchrun): every rank draws the same
/// global batch of `batch × worldSize` images from the same generator and trains on its own
/// rows of it; ActNorm initialises from the whole global batch; rank 0's parameters are
/// broadcast at the start; gradients are averaged in buckets during backward; the loss and the
/// NaN guard are decided on the group's values, so all ranks skip or roll back together. The
/// model after N steps equals one process's with batch × worldSize, to float-reduction tolerance.
class GlowTrainer {
public:
    GlowTrainer(GlowModel model, std::shared_ptr<GlowDataSource> data, GlowTrainConfig config,
                std::shared_ptr<Collective> group = nullptr);
    ~GlowTrainer();

    struct StepResult {
        double bitsPerDim = 0;
        bool applied = true;
    };
    StepResult step();
    /// The one training loop (ChunkLimits, util/chunk_limits.h): steps until the time budget is
    /// spent, a flag is raised, the step limit is reached, a step rolls back, a preview or
    /// checkpoint is due or the run is done, and reports the last step (rates and ETA since the
    /// first chunk). The explorer's worker runs it between serving queued calls; `run` (the CLI,
    /// the tests) chunks of `reportSeconds`. Callers save when `checkpointDue`.
    GlowProgress runChunk(const ChunkLimits& limits);
    /// Chunks until `config.iterations` steps or `stop`; `onProgress` at most every `reportSeconds`
    /// and whenever a preview or checkpoint is due; `onCheckpoint` every `checkpointEvery` steps.
    GlowProgress run(const std::atomic<bool>* stop, const std::function<void(const GlowProgress&)>& onProgress,
                     const std::function<void(GlowTrainer&)>& onCheckpoint = nullptr, double reportSeconds = 1.0);

    /// Optimiser moments, the step counter and the random generator (batch order, noise), for a
    /// checkpoint file: restored, the run continues exactly as if it had not been interrupted.
    std::map<std::string, torch::Tensor> trainingState() const;
    /// Resumes from `trainingState()` of an earlier run of the same architecture.
    void restoreTrainingState(const std::map<std::string, torch::Tensor>& state);

    /// Samples at temperature T as displayable images [n, C, S, S] in [0, 1] (CPU).
    torch::Tensor preview(int64_t n, double temperature);
    GlowModel model() const { return m_model; }
    int64_t stepsDone() const { return m_step; }
    int64_t rolledBack() const { return m_rolledBack; }
    const GlowTrainConfig& config() const { return m_config; }
    torch::Device device() const { return m_device; }
    /// The learning rate the last step used (after warm-up).
    double currentLearningRate() const;
    void extendBy(int64_t iterations) { m_config.iterations += iterations; }
    /// Overwrites every parameter with NaN (tests drive the rollback path with it).
    void poisonParameters();

private:
    void clearGradients();
    GlowModel m_model;
    std::shared_ptr<GlowDataSource> m_data;
    GlowTrainConfig m_config;
    torch::Device m_device = torch::kCPU;
    torch::Generator m_gen;
    std::unique_ptr<torch::optim::Adam> m_optimizer;
    std::unique_ptr<ModuleRollback> m_rollback;
    std::shared_ptr<Collective> m_group;
    std::unique_ptr<GradientAverager> m_averager;
    /// The group's mean of `value` (a step's loss or a finiteness flag); `value` itself alone.
    double groupMean(double value);
    int64_t groupSize() const { return m_group ? m_group->worldSize() : 1; }
    int64_t m_step = 0;
    int64_t m_rolledBack = 0;
    double m_emaBpd = 0;
    int64_t m_emaSteps = 0;  ///< steps taken by this trainer (not counting resumed ones)
    /// Where images/s and the ETA are measured from: the first chunk after building or resuming.
    std::optional<std::pair<std::chrono::steady_clock::time_point, int64_t>> m_rateFrom;
};

}  // namespace flowscope
