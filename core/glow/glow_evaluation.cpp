#include "glow/glow_evaluation.h"

#include "glow/quantization.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

GlowEvaluation evaluateGlow(GlowModelImpl& model, const torch::Tensor& images, int64_t batch, uint64_t seed,
                            const std::function<void(int64_t, int64_t)>& progress, const std::atomic<bool>* stop) {
    const auto& c = model.config();
    if (!images.defined() || images.scalar_type() != torch::kUInt8 || images.dim() != 4 || images.size(0) < 1 ||
        images.size(1) != c.inChannels || images.size(2) != c.imageSize || images.size(3) != c.imageSize)
        throw std::invalid_argument("evaluateGlow: expected uint8 images [N, " + std::to_string(c.inChannels) + ", " +
                                    std::to_string(c.imageSize) + ", " + std::to_string(c.imageSize) + "]");
    if (batch < 1) throw std::invalid_argument("evaluateGlow: batch must be at least 1");
    torch::NoGradGuard noGrad;
    const bool wasTraining = model.is_training();
    model.eval();
    auto gen = torch::make_generator<torch::CPUGeneratorImpl>(seed);
    const int64_t n = images.size(0);
    const double perBit = static_cast<double>(c.dimensions()) * std::log(2.0);
    std::vector<torch::Tensor> bpd;
    std::vector<double> prior(static_cast<size_t>(c.levels), 0.0), logdet(static_cast<size_t>(c.levels), 0.0);
    int64_t done = 0;
    while (done < n) {
        const int64_t b = std::min(batch, n - done);
        auto x = dequantize(quantizeImages(images.slice(0, done, done + b), c.nBits), c.nBits, gen);
        auto e = model.encode(x.to(model.device()));
        bpd.push_back(GlowModelImpl::bitsPerDim(e.logP, e.logdet, c).to(torch::kCPU, torch::kFloat64));
        for (size_t l = 0; l < prior.size(); ++l) {
            prior[l] -= e.levelLogP[l].to(torch::kFloat64).sum().item<double>() / perBit;
            logdet[l] -= e.levelLogdet[l].to(torch::kFloat64).sum().item<double>() / perBit;
        }
        done += b;
        if (progress) progress(done, n);
        if (stop && stop->load()) break;
    }
    if (wasTraining) model.train();
    GlowEvaluation r;
    r.bitsPerDim = torch::cat(bpd);
    r.images = done;
    r.mean = r.bitsPerDim.mean().item<double>();
    r.ci95 = done > 1 ? 1.96 * r.bitsPerDim.std().item<double>() / std::sqrt(static_cast<double>(done)) : 0.0;
    for (size_t l = 0; l < prior.size(); ++l) {
        r.levelPrior.push_back(prior[l] / static_cast<double>(done));
        r.levelLogdet.push_back(logdet[l] / static_cast<double>(done));
    }
    r.discretisation = static_cast<double>(c.nBits);
    return r;
}

}  // namespace flowscope
