#include "vae/flow_elbo.h"

#include <algorithm>

namespace flowscope {

FlowElboTerms flowElboTerms(const VariationalPosterior& q, const LogLikelihood& logLikelihood, int64_t samples,
                            torch::Generator& gen, bool keepSteps) {
    FlowElboTerms t;
    t.sample = samplePosterior(q, samples, gen, keepSteps);
    t.logLikelihood = logLikelihood(t.sample.zK);
    t.logPrior = standardNormalLogDensity(t.sample.zK);
    return t;
}

torch::Tensor flowElboLoss(const FlowElboTerms& t, double beta) {
    auto energy = t.logLikelihood + t.logPrior;
    return (t.sample.logQ0 - t.sample.logdet - beta * energy).mean();
}

double annealedWeight(int64_t step, int64_t annealSteps) {
    if (annealSteps <= 0) return 1.0;
    return std::min(1.0, 0.01 + static_cast<double>(step) / static_cast<double>(annealSteps));
}

}  // namespace flowscope
