#include "vae/importance_sampling.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowscope {

ImportanceEstimate importanceEstimate(const VariationalPosterior& q, const LogLikelihood& logLikelihood,
                                      int64_t samples, torch::Generator& gen, int64_t chunk) {
    if (samples < 1) throw std::invalid_argument("importance sampling needs at least one sample");
    chunk = std::max<int64_t>(1, chunk);
    torch::Tensor logSum, elboSum, klSum, llSum;  // [N] double
    auto add = [](torch::Tensor& total, const torch::Tensor& part) { total = total.defined() ? total + part : part; };
    for (int64_t done = 0; done < samples; done += chunk) {
        const int64_t n = std::min(chunk, samples - done);
        auto t = flowElboTerms(q, logLikelihood, n, gen);
        auto logW = t.elbo().to(torch::kFloat64);
        auto part = torch::logsumexp(logW, 1);
        logSum = logSum.defined() ? torch::logaddexp(logSum, part) : part;
        add(elboSum, logW.sum(1));
        add(klSum, t.klTerm().to(torch::kFloat64).sum(1));
        add(llSum, t.logLikelihood.to(torch::kFloat64).sum(1));
    }
    const double s = static_cast<double>(samples);
    return {logSum - std::log(s), elboSum / s, klSum / s, llSum / s};
}

}  // namespace flowscope
