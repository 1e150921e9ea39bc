#include "vae/variational_posterior.h"

#include "util/random.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {
const double kHalfLog2Pi = 0.5 * std::log(2.0 * M_PI);
}

VariationalPosterior VariationalPosterior::point(int64_t n) const {
    if (n < 0 || n >= points())
        throw std::out_of_range("data point " + std::to_string(n) + " of " + std::to_string(points()));
    VariationalPosterior q;
    q.flow = flow;
    q.mu = mu.narrow(0, n, 1);
    q.logSigma = logSigma.narrow(0, n, 1);
    if (flowParams.defined()) q.flowParams = flowParams.narrow(0, n, 1);
    return q;
}

torch::Tensor diagonalGaussianLogDensity(const torch::Tensor& z, const torch::Tensor& mu,
                                         const torch::Tensor& logSigma) {
    auto eps = (z - mu.unsqueeze(1)) * torch::exp(-logSigma).unsqueeze(1);
    const double d = static_cast<double>(z.size(-1));
    return -0.5 * (eps * eps).sum(-1) - logSigma.sum(-1, /*keepdim=*/true) - d * kHalfLog2Pi;
}

torch::Tensor standardNormalLogDensity(const torch::Tensor& z) {
    const double d = static_cast<double>(z.size(-1));
    return -0.5 * (z * z).sum(-1) - d * kHalfLog2Pi;
}

PosteriorSample samplePosterior(const VariationalPosterior& q, int64_t samples, torch::Generator& gen, bool keepSteps) {
    if (samples < 1) throw std::invalid_argument("samplePosterior: needs at least one sample");
    auto eps = normalTensor({q.points(), samples, q.latent()}, gen, q.mu.device()).to(q.mu.scalar_type());
    PosteriorSample s;
    auto sigma = torch::exp(q.logSigma).unsqueeze(1);
    s.z0 = q.mu.unsqueeze(1) + sigma * eps;
    // ln q0 from ε directly: the same value as diagonalGaussianLogDensity(z0), without the
    // round trip through z0 − μ.
    const double d = static_cast<double>(q.latent());
    s.logQ0 = -0.5 * (eps * eps).sum(-1) - q.logSigma.sum(-1, true) - d * kHalfLog2Pi;
    FlowPath path = applyAmortisedFlow(q.flow, s.z0, q.flowParams, keepSteps);
    s.zK = path.z;
    s.logdet = path.logdet;
    s.steps = std::move(path.steps);
    return s;
}

}  // namespace flowscope
