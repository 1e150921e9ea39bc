#include "vae/posterior_grid.h"

#include "analysis/grid.h"
#include "util/random.h"
#include "vae/amortised_flow.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {

/// The cell centres of `spec` as [1, nx·ny, 2] (row-major, row j = y index).
torch::Tensor gridPoints(const GridSpec& spec, const torch::TensorOptions& options) {
    auto xs = torch::arange(spec.nx, torch::kFloat64).add_(0.5).mul_(spec.dx()).add_(spec.x0);
    auto ys = torch::arange(spec.ny, torch::kFloat64).add_(0.5).mul_(spec.dy()).add_(spec.y0);
    auto yy = ys.unsqueeze(1).expand({spec.ny, spec.nx});
    auto xx = xs.unsqueeze(0).expand({spec.ny, spec.nx});
    return torch::stack({xx.reshape(-1), yy.reshape(-1)}, 1).unsqueeze(0).to(options);
}

ScalarGrid toScalarGrid(const GridSpec& spec, const torch::Tensor& values) {
    auto v = values.reshape(-1).to(torch::kFloat32).cpu().contiguous();
    ScalarGrid g;
    g.spec = spec;
    g.values.assign(v.data_ptr<float>(), v.data_ptr<float>() + v.numel());
    return g;
}

/// ln p(x, z) at the grid's points, [nx·ny] double (decoder in float, in chunks).
torch::Tensor logJointOn(const GridSpec& spec, const LogLikelihood& logLikelihood,
                         const torch::TensorOptions& options) {
    auto z = gridPoints(spec, options);
    auto ll = logLikelihood(z).to(torch::kFloat64).reshape(-1);
    return ll + standardNormalLogDensity(z.to(torch::kFloat64)).reshape(-1);
}

/// ln q_k at the grid's points after the first `k` layers (inverted one by one, in double):
/// ln q_k(z_k) = ln q0(z0) + Σ_{j ≤ k} ln|det ∂f_j⁻¹/∂z_j|. [nx·ny] double.
torch::Tensor logQkOn(const GridSpec& spec, const VariationalPosterior& q,
                      const std::vector<std::shared_ptr<FlowLayer>>& layers, size_t k) {
    auto z = gridPoints(spec, torch::TensorOptions().dtype(torch::kFloat64)).squeeze(0);  // [M, 2]
    auto logdetInverse = torch::zeros({z.size(0)}, torch::kFloat64);
    for (size_t j = k; j-- > 0;) {
        FlowStep s = layers[j]->inverse(z);
        z = s.z;
        logdetInverse += s.logdet;
    }
    auto mu = q.mu.detach().to(torch::kCPU, torch::kFloat64);
    auto logSigma = q.logSigma.detach().to(torch::kCPU, torch::kFloat64);
    return diagonalGaussianLogDensity(z.unsqueeze(0), mu, logSigma).reshape(-1) + logdetInverse;
}

std::vector<std::shared_ptr<FlowLayer>> doubleLayers(const VariationalPosterior& q) {
    auto layers = q.layers() > 0 ? flowLayersFor(q.flow, q.flowParams[0]) : std::vector<std::shared_ptr<FlowLayer>>{};
    for (auto& l : layers) l->to(torch::kFloat64);
    return layers;
}

/// ln q0 and ln q_K at the grid's points, [nx·ny] double each.
std::pair<torch::Tensor, torch::Tensor> logQOn(const GridSpec& spec, const VariationalPosterior& q) {
    const auto layers = doubleLayers(q);
    return {logQkOn(spec, q, layers, 0), logQkOn(spec, q, layers, layers.size())};
}

/// ∫ q (ln q − ln p) and ∫ q on the grid, q = exp(logQ) (cells where q underflows add nothing).
std::pair<double, double> klAndMass(const torch::Tensor& logQ, const torch::Tensor& logP, double cell) {
    auto qv = torch::exp(logQ);
    auto integrand = torch::where(qv > 0, qv * (logQ - logP), torch::zeros_like(qv));
    return {integrand.sum().item<double>() * cell, qv.sum().item<double>() * cell};
}

GridSpec squareAround(double cx, double cy, double half, int64_t size) {
    GridSpec g;
    g.nx = g.ny = size;
    g.x0 = cx - half;
    g.x1 = cx + half;
    g.y0 = cy - half;
    g.y1 = cy + half;
    return g;
}

/// Where to look: the box holding both the posterior (from a coarse pass) and q_K's samples.
GridSpec findRegion(const VariationalPosterior& q, const LogLikelihood& logLikelihood, const PosteriorGridOptions& o) {
    torch::NoGradGuard noGrad;
    auto gen = makeGenerator(o.seed);
    auto s = samplePosterior(q, 4096, gen).zK.squeeze(0).to(torch::kFloat64).cpu();  // [4096, 2]
    const double sigma = torch::exp(q.logSigma).max().item<double>();
    const auto mu = q.mu.detach().to(torch::kCPU, torch::kFloat64);
    double lo[2], hi[2];
    for (int a = 0; a < 2; ++a) {
        const double m = mu[0][a].item<double>();
        lo[a] = std::min(-4.0, m - 6 * sigma);
        hi[a] = std::max(4.0, m + 6 * sigma);
    }
    // Two refinements: a wide box, then the posterior's own extent seen at a finer scale.
    GridSpec box;
    for (int pass = 0; pass < 2; ++pass) {
        box.nx = box.ny = 48;
        box.x0 = lo[0], box.x1 = hi[0], box.y0 = lo[1], box.y1 = hi[1];
        auto lj = logJointOn(box, logLikelihood, q.mu.options().dtype(torch::kFloat32)).view({box.ny, box.nx});
        auto keep = lj >= lj.max() - 25.0;  // e⁻²⁵ of the peak: nothing visible is cut off
        auto cols = keep.any(0).nonzero().reshape(-1), rows = keep.any(1).nonzero().reshape(-1);
        double pLo[2] = {box.x(cols.min().item<int64_t>()) - box.dx(), box.y(rows.min().item<int64_t>()) - box.dy()};
        double pHi[2] = {box.x(cols.max().item<int64_t>()) + box.dx(), box.y(rows.max().item<int64_t>()) + box.dy()};
        for (int a = 0; a < 2; ++a) {
            auto col = s.select(1, a);
            const double qLo = torch::quantile(col, 0.0005).item<double>(),
                         qHi = torch::quantile(col, 0.9995).item<double>();
            const double spanQ = qHi - qLo;
            lo[a] = std::min(pLo[a], qLo - 0.5 * spanQ);
            hi[a] = std::max(pHi[a], qHi + 0.5 * spanQ);
        }
    }
    const double half = 0.5 * std::max(hi[0] - lo[0], hi[1] - lo[1]) * 1.1;
    return squareAround(0.5 * (lo[0] + hi[0]), 0.5 * (lo[1] + hi[1]), half, o.size);
}

}  // namespace

PosteriorGrid posteriorOnGrid(const VariationalPosterior& q, const LogLikelihood& logLikelihood,
                              const PosteriorGridOptions& options) {
    if (q.latent() != 2 || q.points() != 1)
        throw std::invalid_argument("the posterior grid needs one data point with a 2-D latent, got " +
                                    std::to_string(q.points()) + " points of dimension " + std::to_string(q.latent()));
    if (options.size < 2 || options.size > 1024)
        throw std::invalid_argument("the posterior grid needs 2 to 1024 cells per axis, got " +
                                    std::to_string(options.size));
    torch::NoGradGuard noGrad;
    GridSpec spec = options.bounds ? *options.bounds : findRegion(q, logLikelihood, options);
    if (options.bounds) spec.nx = spec.ny = options.size;
    validate(spec);

    PosteriorGrid out;
    out.spec = spec;
    const double cell = spec.dx() * spec.dy();
    auto logJoint = logJointOn(spec, logLikelihood, q.mu.options().dtype(torch::kFloat32));
    out.logPx = torch::logsumexp(logJoint, 0).item<double>() + std::log(cell);
    auto logPosterior = logJoint - out.logPx;
    auto [logQ0, logQK] = logQOn(spec, q);

    std::tie(out.klQKPosterior, out.qMass) = klAndMass(logQK, logPosterior, cell);
    std::tie(out.klQ0Posterior, out.q0Mass) = klAndMass(logQ0, logPosterior, cell);
    // ELBO = ∫ q (ln p(x, z) − ln q), integrated on its own (not through the identity), so
    // ln p(x) − ELBO − KL = ln p(x)·(1 − ∫q) shows how well the grid holds q.
    out.elbo = -klAndMass(logQK, logJoint, cell).first;
    out.elboQ0 = -klAndMass(logQ0, logJoint, cell).first;
    {
        auto z = gridPoints(spec, torch::TensorOptions().dtype(torch::kFloat64));
        auto logPrior = standardNormalLogDensity(z).reshape(-1);
        auto qv = torch::exp(logQK);
        auto expect = [&](const torch::Tensor& f) {
            return torch::where(qv > 0, qv * f, torch::zeros_like(qv)).sum().item<double>() * cell;
        };
        out.expectedLogPrior = expect(logPrior);
        out.expectedLogLikelihood = expect(logJoint - logPrior);
        out.entropy = -expect(logQK);
    }

    auto post = torch::exp(logPosterior).view({spec.ny, spec.nx});
    const double border = post.select(0, 0).sum().item<double>() + post.select(0, spec.ny - 1).sum().item<double>() +
                          post.select(1, 0).sum().item<double>() + post.select(1, spec.nx - 1).sum().item<double>();
    out.posteriorMassAtEdge = border * cell;

    out.logJoint = toScalarGrid(spec, logJoint);
    out.logPosterior = toScalarGrid(spec, logPosterior);
    out.logQ0 = toScalarGrid(spec, logQ0);
    out.logQK = toScalarGrid(spec, logQK);
    return out;
}

std::vector<ScalarGrid> posteriorSteps(const VariationalPosterior& q, const GridSpec& spec) {
    if (q.latent() != 2 || q.points() != 1) throw std::invalid_argument("the step densities need one 2-D posterior");
    validate(spec);
    torch::NoGradGuard noGrad;
    const auto layers = doubleLayers(q);
    std::vector<ScalarGrid> out;
    for (size_t k = 0; k <= layers.size(); ++k) out.push_back(toScalarGrid(spec, logQkOn(spec, q, layers, k)));
    return out;
}

BestGaussian bestDiagonalGaussian(const PosteriorGrid& grid, int steps) {
    if (!grid.logPosterior.complete()) throw std::invalid_argument("bestDiagonalGaussian: an empty grid");
    torch::AutoGradMode gradients(true);  // callers usually hold a NoGradGuard
    const GridSpec& spec = grid.spec;
    const double cell = spec.dx() * spec.dy();
    auto z = gridPoints(spec, torch::TensorOptions().dtype(torch::kFloat64));  // [1, M, 2]
    auto logP = torch::from_blob(const_cast<float*>(grid.logPosterior.values.data()),
                                 {static_cast<int64_t>(grid.logPosterior.values.size())}, torch::kFloat32)
                    .to(torch::kFloat64);
    // Start at the posterior's own mean and spread (moments by quadrature).
    auto p = torch::exp(logP) * cell;
    auto mean = (p.unsqueeze(1) * z[0]).sum(0);
    auto var = (p.unsqueeze(1) * (z[0] - mean).pow(2)).sum(0).clamp_min(1e-12);
    // Optimised in the posterior's own units (a, b = 0 is the moment match), so one learning
    // rate suits a posterior of any width.
    auto a = torch::zeros({1, 2}, torch::kFloat64).requires_grad_(true);
    auto b = torch::zeros({1, 2}, torch::kFloat64).requires_grad_(true);
    const double minSigma = 0.5 * std::min(spec.dx(), spec.dy());  // below a cell the quadrature fails
    auto sd = torch::sqrt(var).unsqueeze(0);
    auto muOf = [&] { return mean.unsqueeze(0) + sd * a; };
    auto logSigmaOf = [&] { return torch::clamp_min(torch::log(sd) + b, std::log(minSigma)); };
    auto kl = [&] {
        auto ls = logSigmaOf();
        auto logQ = diagonalGaussianLogDensity(z, muOf(), ls).reshape(-1);
        auto entropy = ls.sum() + (1 + std::log(2 * M_PI));  // of a 2-D Gaussian
        return -entropy - (torch::exp(logQ) * logP).sum() * cell;
    };
    torch::optim::Adam opt({a, b}, torch::optim::AdamOptions(0.02));
    for (int t = 0; t < steps; ++t) {
        opt.zero_grad();
        kl().backward();
        opt.step();
    }
    torch::NoGradGuard noGrad;
    BestGaussian out;
    out.kl = kl().item<double>();
    auto mu = muOf();
    auto sigma = torch::exp(logSigmaOf());
    for (int i = 0; i < 2; ++i) {
        out.mu[i] = mu[0][i].item<double>();
        out.sigma[i] = sigma[0][i].item<double>();
    }
    return out;
}

}  // namespace flowscope
