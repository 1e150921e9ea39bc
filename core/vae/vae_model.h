#pragma once

#include "vae/flow_elbo.h"
#include "vae/vae_config.h"

#include <torch/torch.h>

namespace flowscope {

/// A variational auto-encoder with a flow posterior (Rezende & Mohamed 2015, arXiv:1505.05770
/// §4.2, §6.2). Encoder: x → hidden layers → μ(x), log σ(x) and, when amortised, every flow
/// layer's raw parameters λ(x) ("flow", [N, K·P]); a global flow keeps one set ("flow_params",
/// [K, P]) for all points. Decoder: z → hidden layers → Bernoulli logits, one per pixel, so
///   ln p(x|z) = Σ_i x_i l_i − softplus(l_i)  for binary x.
/// Checkpoint keys: encoder.<2i>, mu, log_sigma, flow | flow_params, decoder.<2i>.
class VaeModelImpl : public torch::nn::Module {
public:
    explicit VaeModelImpl(VaeConfig config);

    /// q_K(z|x) for images x [N, dataDim] (binary, or grey levels in [0, 1]).
    VariationalPosterior encode(const torch::Tensor& x);
    /// Bernoulli logits for latents z [..., D] → [..., dataDim].
    torch::Tensor decoderLogits(const torch::Tensor& z);
    /// ln p(x|z) for x [N, dataDim] and samples z [N, S, D] → [N, S].
    torch::Tensor logLikelihood(const torch::Tensor& x, const torch::Tensor& z);
    /// ln p(x|·) of these images as the Flow-ELBO's callback.
    LogLikelihood likelihoodOf(const torch::Tensor& x);

    const VaeConfig& config() const { return m_config; }

    torch::nn::Sequential encoder, decoder;
    torch::nn::Linear mu{nullptr}, logSigma{nullptr}, flowHead{nullptr};
    torch::Tensor globalFlow;  ///< [K, P] when the flow is global

private:
    VaeConfig m_config;
};
TORCH_MODULE(VaeModel);

}  // namespace flowscope
