#include "vae/amortised_flow.h"

#include "flow/planar_flow.h"
#include "flow/radial_flow.h"
#include "vae/vae_config.h"

#include <sstream>
#include <stdexcept>

namespace flowscope {

namespace {

namespace F = torch::nn::functional;

/// One planar layer for every point at once: z [N, S, D]; u, w [N, 1, D]; b [N, 1].
FlowStep planarStep(const torch::Tensor& z, const torch::Tensor& u, const torch::Tensor& w, const torch::Tensor& b) {
    auto wu = (w * u).sum(-1, /*keepdim=*/true);  // [N, 1, 1]
    auto onePlusWuHat = F::softplus(wu);
    auto uHat = u + (onePlusWuHat - 1.0 - wu) * w / (w * w).sum(-1, true).clamp_min(1e-12);
    auto h = torch::tanh((z * w).sum(-1) + b);  // [N, S]
    auto y = z + h.unsqueeze(-1) * uHat;
    auto h2 = h * h;
    // 1 + ûᵀψ = 1 + wᵀû (1 − h²) = h² + (1 + wᵀû)(1 − h²): positive without cancellation.
    auto logdet = torch::log(h2 + onePlusWuHat.squeeze(-1) * (1.0 - h2));
    return {y, logdet};
}

/// One radial layer for every point at once: z [N, S, D]; centre [N, 1, D]; α̃, β̃ [N, 1].
FlowStep radialStep(const torch::Tensor& z, const torch::Tensor& centre, const torch::Tensor& alphaTilde,
                    const torch::Tensor& betaTilde) {
    auto alpha = F::softplus(alphaTilde);
    auto beta = -alpha + F::softplus(betaTilde);
    auto diff = z - centre;
    auto r = diff.norm(2, -1);  // [N, S]
    auto h = 1.0 / (alpha + r);
    auto bh = beta * h;
    auto y = z + bh.unsqueeze(-1) * diff;
    const double d = static_cast<double>(z.size(-1));
    auto logdet = (d - 1.0) * torch::log1p(bh) + torch::log1p(beta * alpha * h * h);
    return {y, logdet};
}

void checkShapes(VaeFlow flow, const torch::Tensor& z0, const torch::Tensor& params) {
    if (z0.dim() != 3) throw std::invalid_argument("applyAmortisedFlow: z0 must be [N, S, D]");
    const int64_t p = flowParametersPerLayer(flow, z0.size(2));
    if (flow == VaeFlow::None) return;
    if (params.dim() != 3 || params.size(0) != z0.size(0) || params.size(2) != p) {
        std::ostringstream msg;
        msg << "applyAmortisedFlow: parameters are " << params.sizes() << ", expected [" << z0.size(0) << ", K, " << p
            << "] for z0 " << z0.sizes();
        throw std::invalid_argument(msg.str());
    }
}

}  // namespace

FlowPath applyAmortisedFlow(VaeFlow flow, const torch::Tensor& z0, const torch::Tensor& params, bool keepSteps) {
    checkShapes(flow, z0, params);
    FlowPath path;
    path.z = z0;
    path.logdet = torch::zeros({z0.size(0), z0.size(1)}, z0.options());
    if (keepSteps) path.steps.push_back(z0);
    if (flow == VaeFlow::None) return path;
    const int64_t d = z0.size(2);
    for (int64_t k = 0; k < params.size(1); ++k) {
        auto p = params.select(1, k).unsqueeze(1);  // [N, 1, P]
        FlowStep s = flow == VaeFlow::Planar
                         ? planarStep(path.z, p.narrow(-1, 0, d), p.narrow(-1, d, d), p.select(-1, 2 * d))
                         : radialStep(path.z, p.narrow(-1, 0, d), p.select(-1, d), p.select(-1, d + 1));
        path.z = s.z;
        path.logdet = path.logdet + s.logdet;
        if (keepSteps) path.steps.push_back(path.z);
    }
    return path;
}

std::vector<std::shared_ptr<FlowLayer>> flowLayersFor(VaeFlow flow, const torch::Tensor& params) {
    std::vector<std::shared_ptr<FlowLayer>> layers;
    if (flow == VaeFlow::None) return layers;
    if (params.dim() != 2) throw std::invalid_argument("flowLayersFor: parameters must be [K, P]");
    const int64_t p = params.size(1);
    const int64_t d = flow == VaeFlow::Planar ? (p - 1) / 2 : p - 2;
    if (d < 1 || flowParametersPerLayer(flow, d) != p)
        throw std::invalid_argument("flowLayersFor: " + std::to_string(p) + " parameters per layer fit no latent size");
    torch::NoGradGuard noGrad;
    // The layers take the parameters' dtype, so a double-precision check compares like with like.
    auto cpu = params.detach().to(torch::kCPU);
    for (int64_t k = 0; k < params.size(0); ++k) {
        auto row = cpu[k];
        if (flow == VaeFlow::Planar) {
            auto layer = std::make_shared<PlanarFlowImpl>(PlanarFlowOptions(d));
            layer->to(cpu.scalar_type());
            layer->u.copy_(row.narrow(0, 0, d));
            layer->w.copy_(row.narrow(0, d, d));
            layer->b.copy_(row.narrow(0, 2 * d, 1));
            layers.push_back(layer);
        } else {
            auto layer = std::make_shared<RadialFlowImpl>(RadialFlowOptions(d));
            layer->to(cpu.scalar_type());
            layer->z0.copy_(row.narrow(0, 0, d));
            layer->alphaTilde.copy_(row.narrow(0, d, 1).view(layer->alphaTilde.sizes()));
            layer->betaTilde.copy_(row.narrow(0, d + 1, 1).view(layer->betaTilde.sizes()));
            layers.push_back(layer);
        }
    }
    return layers;
}

}  // namespace flowscope
