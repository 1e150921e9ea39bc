#pragma once

#include "flow/flow_model_2d.h"
#include "train/train_config.h"
#include "train/training_target.h"
#include "util/chunk_limits.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace flowscope {

class FusedReverseKl;
class FusedCouplingMl;
class ModuleRollback;

/// How the model is doing, measured on a fixed evaluation stream (≥ 10k samples).
struct Evaluation {
    /// Energies: KL(q‖p) = E_q[log q + U] + log Z; NaN for data.
    double kl = std::nan("");
    /// Energies: normalised effective sample size (Σw)²/(N Σw²) of w = exp(−U)/q; NaN for data.
    double ess = std::nan("");
    /// Data: −E[log q(x)] on fresh (or all finite) points; NaN for energies.
    double nll = std::nan("");
};

/// One report from the training loop.
struct TrainProgress {
    int64_t step = 0;
    int64_t totalSteps = 0;
    double loss = 0.0;  ///< the objective at this step (annealed for energies)
    double beta = 1.0;  ///< annealing β_t (1 for data)
    std::optional<Evaluation> evaluation;
    int64_t rolledBack = 0;  ///< non-finite steps skipped so far
    double seconds = 0.0;
    std::string event;  ///< e.g. "non-finite loss at step 12: restored the last good parameters"
};

/// Trains a 2D flow: reverse KL to an energy (Adam on E_q[log q + β_t U]) or maximum likelihood on
/// points. Seeded and reproducible; a non-finite loss or gradient skips the update and restores
/// the last good parameters. Qt-free; the app runs it on a worker thread, the CLI inline.
class Trainer2D {
public:
    Trainer2D(FlowModel model, TrainingTarget target, TrainConfig config);
    ~Trainer2D();
    Trainer2D(const Trainer2D&) = delete;
    Trainer2D& operator=(const Trainer2D&) = delete;

    struct StepResult {
        double loss = 0.0;
        double beta = 1.0;
        bool applied = true;
    };
    /// One update (step counter + 1).
    StepResult step();
    struct ChunkResult {
        int64_t steps = 0;         ///< updates attempted
        StepResult last;           ///< the last of them
        std::string event;         ///< a rolled-back step ends the chunk and is described here
        bool finished = false;     ///< all `config.steps` are done
        bool interrupted = false;  ///< stop or pause was raised
    };
    /// The one training loop: steps until the time budget is spent, a flag is raised, a step rolls
    /// back or the step budget is done. The explorer's worker runs ~15 ms chunks between serving
    /// its queued calls, the CLI one-second chunks between progress lines, `run` chunks of
    /// `reportSeconds`.
    ChunkResult runChunk(const ChunkLimits& limits);
    /// Runs chunks until `config.steps` updates are done or `stop` becomes true. Calls
    /// `onProgress` after each chunk (at most every `reportSeconds`, at once for a rolled-back
    /// step, and at the end) on the calling thread; evaluates every `evalEvery` steps (0: only at
    /// the end).
    TrainProgress run(const std::atomic<bool>* stop, const std::function<void(const TrainProgress&)>& onProgress,
                      double reportSeconds = 0.1, int64_t evalEvery = 0);

    Evaluation evaluate();
    /// The model with the current parameters (the fused path writes them back first).
    FlowModel model();
    /// The model's parameters were changed outside training (set by hand, between steps): the
    /// fused paths reload them; Adam keeps its moments.
    void parametersEdited();
    int64_t stepsDone() const { return m_step; }
    int64_t rolledBack() const { return m_rolledBack; }
    double lastLoss() const { return m_lastLoss; }
    bool usesFusedPath() const { return m_fused != nullptr || m_fusedMl != nullptr; }
    const TrainConfig& config() const { return m_config; }
    const TrainingTarget& target() const { return m_target; }
    torch::Device device() const { return m_device; }
    /// Raises the step budget by `steps`, keeping the annealing schedule where it was.
    void extendBy(int64_t steps);
    /// Overwrites every parameter with NaN; the next step must roll back (for tests and demos).
    void poisonParameters();

private:
    StepResult plainStep(double beta);

    FlowModel m_model;
    TrainingTarget m_target;
    TrainConfig m_config;
    torch::Device m_device = torch::kCPU;
    torch::Generator m_gen;
    std::unique_ptr<torch::optim::Adam> m_optimizer;
    std::unique_ptr<FusedReverseKl> m_fused;     ///< planar/radial stacks on energies
    std::unique_ptr<FusedCouplingMl> m_fusedMl;  ///< coupling stacks on points
    std::unique_ptr<ModuleRollback> m_rollback;  ///< the plain LibTorch path
    int64_t m_step = 0;
    int64_t m_rolledBack = 0;
    double m_lastLoss = 0.0;
};

}  // namespace flowscope
