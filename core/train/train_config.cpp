#include "train/train_config.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowscope {

void validate(const TrainConfig& c) {
    auto fail = [](const std::string& m) { throw std::invalid_argument(m); };
    if (c.steps < 0) fail("steps must be non-negative, got " + std::to_string(c.steps));
    if (c.batch < 1 || c.batch > 1'000'000) fail("batch must be between 1 and 1000000, got " + std::to_string(c.batch));
    if (!(c.learningRate > 0.0) || !std::isfinite(c.learningRate) || c.learningRate > 10.0)
        fail("learning rate must be in (0, 10], got " + std::to_string(c.learningRate));
    if (c.annealSteps < 0) fail("annealing steps must be non-negative, got " + std::to_string(c.annealSteps));
    if (!(c.annealFraction > 0.0) || c.annealFraction > 1.0) fail("annealing fraction must be in (0, 1]");
    if (c.evalSamples < 1 || c.evalSamples > 10'000'000)
        fail("evaluation samples must be between 1 and 10000000, got " + std::to_string(c.evalSamples));
    if (c.device != "auto" && c.device != "cpu" && c.device != "cuda")
        fail("device must be auto, cpu or cuda, got '" + c.device + "'");
}

double annealingBeta(const TrainConfig& c, int64_t step) {
    if (!c.anneal) return 1.0;
    const double t = c.annealSteps > 0 ? static_cast<double>(c.annealSteps)
                                       : std::max(1.0, c.annealFraction * static_cast<double>(c.steps));
    return std::min(1.0, 0.01 + static_cast<double>(step) / t);
}

}  // namespace flowscope
