#include "vae/vae_evaluation.h"

#include "util/random.h"
#include "vae/importance_sampling.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {

std::pair<double, double> meanAndStderr(const torch::Tensor& values) {
    const double n = static_cast<double>(values.numel());
    const double mean = values.mean().item<double>();
    const double sd = values.numel() > 1 ? values.std().item<double>() : 0.0;
    return {mean, sd / std::sqrt(n)};
}

}  // namespace

VaeEvaluation evaluateVae(VaeModelImpl& model, const torch::Tensor& binary, int64_t samples, uint64_t seed,
                          int64_t batch, const std::function<void(int64_t, int64_t)>& onProgress,
                          const std::atomic<bool>* stop) {
    if (binary.dim() != 2 || binary.size(1) != model.config().dataDim() || binary.size(0) < 1)
        throw std::invalid_argument("evaluation needs [N, " + std::to_string(model.config().dataDim()) + "] images");
    if (batch < 1) throw std::invalid_argument("evaluation batch must be positive");
    torch::NoGradGuard noGrad;
    const bool wasTraining = model.is_training();
    model.eval();
    auto gen = makeGenerator(seed);
    const auto device = model.parameters().front().device();
    std::vector<torch::Tensor> logPx, elbo, kl, ll;
    const int64_t total = binary.size(0);
    // Chunks of samples sized so one chunk's decoder output stays near 32 MB.
    const int64_t chunk = std::max<int64_t>(
        1, std::min<int64_t>(samples, (8 << 20) / std::max<int64_t>(1, batch * model.config().dataDim())));
    for (int64_t start = 0; start < total && !(stop && stop->load()); start += batch) {
        auto x = binary.narrow(0, start, std::min(batch, total - start)).to(device, torch::kFloat32);
        auto est = importanceEstimate(model.encode(x), model.likelihoodOf(x), samples, gen, chunk);
        logPx.push_back(est.logMarginal.cpu());
        elbo.push_back(est.elbo.cpu());
        kl.push_back(est.klTerm.cpu());
        ll.push_back(est.logLikelihood.cpu());
        if (onProgress) onProgress(std::min(total, start + batch), total);
    }
    model.train(wasTraining);
    VaeEvaluation out;
    out.samples = samples;
    if (logPx.empty()) return out;
    auto lp = torch::cat(logPx);
    out.n = lp.numel();
    std::tie(out.nllIs, out.nllIsStderr) = meanAndStderr(-lp);
    std::tie(out.elbo, out.elboStderr) = meanAndStderr(torch::cat(elbo));
    out.klTerm = torch::cat(kl).mean().item<double>();
    out.logLikelihood = torch::cat(ll).mean().item<double>();
    return out;
}

}  // namespace flowscope
