#include "vae/vae_model.h"

#include "util/random.h"
#include "vae/bernoulli_log_likelihood.h"

#include <algorithm>
#include <cmath>

namespace flowscope {

namespace {

void appendActivation(torch::nn::Sequential& seq, VaeActivation activation) {
    switch (activation) {
        case VaeActivation::Relu:
            seq->push_back(torch::nn::ReLU());
            break;
        case VaeActivation::Elu:
            seq->push_back(torch::nn::ELU());
            break;
        case VaeActivation::Tanh:
            seq->push_back(torch::nn::Tanh());
            break;
    }
}

torch::nn::Sequential makeMlp(int64_t in, const std::vector<int64_t>& widths, int64_t out, VaeActivation activation) {
    torch::nn::Sequential seq;
    for (int64_t w : widths) {
        seq->push_back(torch::nn::Linear(in, w));
        appendActivation(seq, activation);
        in = w;
    }
    if (out > 0) seq->push_back(torch::nn::Linear(in, out));
    return seq;
}

/// LibTorch's default (Kaiming-uniform) initialisation drawn from our own generator, so one
/// seed gives one model on every thread.
void initialiseLinear(torch::nn::LinearImpl& layer, torch::Generator& gen, double gain = 1.0) {
    torch::NoGradGuard noGrad;
    const double bound = gain / std::sqrt(static_cast<double>(layer.weight.size(1)));
    layer.weight.copy_(uniformTensor(layer.weight.sizes(), -bound, bound, gen));
    layer.bias.copy_(uniformTensor(layer.bias.sizes(), -bound, bound, gen));
}

/// The same layers for many rows without gradients (the posterior grid decodes 16384 latents):
/// each linear layer as a 1×1 convolution, whose oneDNN kernel runs 1.2–2.5× faster than
/// LibTorch 1.13's BLAS product on one core here for these shapes (forward only: with
/// gradients the BLAS path is faster, so training keeps it).
torch::Tensor forwardAsConvolutions(torch::nn::SequentialImpl& seq, torch::Tensor h) {
    for (auto& m : seq) {
        if (auto* linear = m.ptr()->as<torch::nn::LinearImpl>()) {
            const int64_t n = h.size(0), in = linear->weight.size(1), out = linear->weight.size(0);
            h = torch::conv2d(h.reshape({n, in, 1, 1}), linear->weight.view({out, in, 1, 1}), linear->bias)
                    .view({n, out});
        } else {
            h = m.forward(h);
        }
    }
    return h;
}

}  // namespace

VaeModelImpl::VaeModelImpl(VaeConfig config) : m_config(std::move(config)) {
    vaeParameterShapes(m_config);  // validates, and refuses a model over the size cap, before allocating
    const auto& c = m_config;
    encoder = register_module("encoder", makeMlp(c.dataDim(), c.encoderHidden, 0, c.activation));
    const int64_t h = c.encoderHidden.back();
    mu = register_module("mu", torch::nn::Linear(h, c.latent));
    logSigma = register_module("log_sigma", torch::nn::Linear(h, c.latent));
    const int64_t k = c.flowLayers();
    const int64_t p = flowParametersPerLayer(c.flow, c.latent);
    auto gen = makeGenerator(c.seed);
    if (k > 0 && c.amortised) flowHead = register_module("flow", torch::nn::Linear(h, k * p));
    if (k > 0 && !c.amortised) globalFlow = register_parameter("flow_params", uniformTensor({k, p}, -0.1, 0.1, gen));
    decoder = register_module("decoder", makeMlp(c.latent, c.decoderHidden, c.dataDim(), c.activation));

    for (auto* seq : {&encoder, &decoder})
        for (auto& m : (*seq)->children())
            if (auto* linear = m->as<torch::nn::Linear>()) initialiseLinear(*linear, gen);
    initialiseLinear(*mu, gen);
    // The posterior starts narrow (σ ≈ e⁻¹) and the flows start small, so early steps are stable.
    initialiseLinear(*logSigma, gen, 0.1);
    {
        torch::NoGradGuard noGrad;
        logSigma->bias.fill_(-1.0);
    }
    if (flowHead) initialiseLinear(*flowHead, gen, 0.1);
}

VariationalPosterior VaeModelImpl::encode(const torch::Tensor& x) {
    auto hidden = encoder->forward(x);
    VariationalPosterior q;
    q.mu = mu->forward(hidden);
    q.logSigma = logSigma->forward(hidden);
    const int64_t k = m_config.flowLayers();
    if (k == 0) return q;
    q.flow = m_config.flow;
    const int64_t p = flowParametersPerLayer(m_config.flow, m_config.latent);
    q.flowParams = flowHead ? flowHead->forward(hidden).view({x.size(0), k, p})
                            : globalFlow.unsqueeze(0).expand({x.size(0), k, p});
    return q;
}

torch::Tensor VaeModelImpl::decoderLogits(const torch::Tensor& z) {
    auto flat = z.reshape({-1, m_config.latent});
    auto logits = !torch::GradMode::is_enabled() && flat.device().is_cpu() && flat.scalar_type() == torch::kFloat32
                      ? forwardAsConvolutions(*decoder, flat)
                      : decoder->forward(flat);
    auto shape = z.sizes().vec();
    shape.back() = m_config.dataDim();
    return logits.view(shape);
}

torch::Tensor VaeModelImpl::logLikelihood(const torch::Tensor& x, const torch::Tensor& z) {
    // Without gradients (evaluation, the posterior grid), many latents are decoded a slice of
    // samples at a time, so the logits never take more than ~16 MB.
    const int64_t slice = std::max<int64_t>(1, (4 << 20) / std::max<int64_t>(1, z.size(0) * m_config.dataDim()));
    if (torch::GradMode::is_enabled() || z.size(1) <= slice) return bernoulliLogLikelihood(x, decoderLogits(z));
    std::vector<torch::Tensor> parts;
    for (int64_t s = 0; s < z.size(1); s += slice)
        parts.push_back(bernoulliLogLikelihood(x, decoderLogits(z.narrow(1, s, std::min(slice, z.size(1) - s)))));
    return torch::cat(parts, 1);
}

LogLikelihood VaeModelImpl::likelihoodOf(const torch::Tensor& x) {
    return [this, x](const torch::Tensor& z) { return logLikelihood(x, z); };
}

}  // namespace flowscope
