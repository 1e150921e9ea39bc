#include "glow/glow_ablation.h"

#include "glow/glow_config.h"
#include "glow/glow_evaluation.h"
#include "glow/glow_model.h"
#include "glow/glow_trainer.h"

#include <chrono>
#include <stdexcept>

namespace flowscope {

std::vector<GlowAblationVariant> glowAblationVariants() {
    std::vector<GlowAblationVariant> out;
    for (bool affine : {false, true})
        for (auto p : {GlowPermutation::Reverse, GlowPermutation::Shuffle, GlowPermutation::Conv1x1})
            out.push_back(
                {std::string(affine ? "affine" : "additive") + ", " + kindName(kGlowPermutations, p), p, affine});
    return out;
}

void runGlowAblation(const GlowAblationConfig& config, const std::shared_ptr<GlowDataSource>& training,
                     const torch::Tensor& testImages, const std::function<void(const GlowAblationPoint&)>& onPoint,
                     const std::atomic<bool>* stop) {
    validate(config.model);
    validate(config.training);
    if (config.seeds < 1 || config.evalEvery < 1 || config.evalBatch < 1)
        throw std::invalid_argument("the ablation needs at least one seed, an evaluation interval and batch");
    if (!training) throw std::invalid_argument("the ablation needs training data");
    const auto variants = glowAblationVariants();
    for (size_t v = 0; v < variants.size(); ++v)
        for (int64_t s = 0; s < config.seeds; ++s) {
            if (stop && stop->load()) return;
            GlowConfig mc = config.model;
            mc.permutation = variants[v].permutation;
            mc.affine = variants[v].affine;
            GlowTrainConfig tc = config.training;
            tc.seed = config.training.seed + static_cast<uint64_t>(s);
            tc.previewEvery = 0;
            tc.checkpointEvery = 0;
            GlowModel model(mc, tc.seed);
            GlowTrainer trainer(model, training, tc);
            const auto start = std::chrono::steady_clock::now();
            while (trainer.stepsDone() < tc.iterations) {
                const int64_t target = std::min(tc.iterations, trainer.stepsDone() + config.evalEvery);
                GlowProgress p;
                while (trainer.stepsDone() < target) {  // a rolled-back step ends a chunk early
                    ChunkLimits limits;
                    limits.seconds = 1e9;
                    limits.untilStep = target;
                    limits.stop = stop;
                    p = trainer.runChunk(limits);
                    if (stop && stop->load()) return;
                }
                GlowAblationPoint point;
                point.variant = v;
                point.seed = s;
                point.iteration = trainer.stepsDone();
                point.trainBitsPerDim = p.averageBitsPerDim;
                // One noise seed for every evaluation: differences between points are the model's.
                point.testBitsPerDim = evaluateGlow(*model, testImages, config.evalBatch, 12345).mean;
                point.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                if (onPoint) onPoint(point);
            }
        }
}

}  // namespace flowscope
