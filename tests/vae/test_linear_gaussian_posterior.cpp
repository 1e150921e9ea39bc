// Variational inference where the answer is known: a likelihood chosen so that the posterior is
// N(0, Σ) with unit variances and correlation ρ = 0.9, and ln p(x) = 0 exactly. The mean-field
// optimum has variances 1/Λ_ii = 1 − ρ² (Λ = Σ⁻¹) and KL = ½ ln(1/(1 − ρ²)); a planar flow fit
// reaches a smaller KL; the importance-sampled −ln p(x) falls towards 0 as S grows.

#include "vae/flow_elbo.h"
#include "vae/importance_sampling.h"
#include "vae/posterior_grid.h"
#include "vae/vae_config.h"

#include <QtTest>

#include <cmath>

using namespace flowscope;

namespace {

constexpr double kRho = 0.9;

/// ln N(z; 0, Σ) − ln N(z; 0, I): with the prior N(0, I) the posterior is N(0, Σ), p(x) = 1.
torch::Tensor likelihood(const torch::Tensor& z) {
    auto a = z.select(-1, 0), b = z.select(-1, 1);
    const double det = 1 - kRho * kRho;
    auto quad = (a * a - 2 * kRho * a * b + b * b) / det;
    return -0.5 * quad - 0.5 * std::log(det) + 0.5 * (z * z).sum(-1);
}

/// Fits q (one point, free parameters) by Adam on the Flow-ELBO.
VariationalPosterior fit(VaeFlow flow, int64_t layers, int64_t steps) {
    VariationalPosterior q;
    q.flow = layers > 0 ? flow : VaeFlow::None;
    q.mu = torch::zeros({1, 2}).add_(0.3).requires_grad_(true);
    q.logSigma = torch::zeros({1, 2}).requires_grad_(true);
    std::vector<torch::Tensor> params{q.mu, q.logSigma};
    if (layers > 0) {
        auto gen = torch::make_generator<torch::CPUGeneratorImpl>(3);
        q.flowParams = (torch::randn({1, layers, flowParametersPerLayer(flow, 2)}, gen) * 0.5).requires_grad_(true);
        params.push_back(q.flowParams);
    }
    torch::optim::Adam opt(params, torch::optim::AdamOptions(0.02));
    auto gen = torch::make_generator<torch::CPUGeneratorImpl>(4);
    for (int64_t t = 0; t < steps; ++t) {
        if (t == steps * 3 / 4)
            for (auto& g : opt.param_groups()) static_cast<torch::optim::AdamOptions&>(g.options()).lr(0.004);
        opt.zero_grad();
        flowElboLoss(flowElboTerms(q, likelihood, 256, gen)).backward();
        opt.step();
    }
    VariationalPosterior out = q;
    out.mu = q.mu.detach();
    out.logSigma = q.logSigma.detach();
    if (layers > 0) out.flowParams = q.flowParams.detach();
    return out;
}

PosteriorGridOptions wideGrid() {
    PosteriorGridOptions o;
    o.size = 256;
    GridSpec g;
    g.x0 = g.y0 = -6;
    g.x1 = g.y1 = 6;
    o.bounds = g;
    return o;
}

}  // namespace

class TestLinearGaussianPosterior : public QObject {
    Q_OBJECT

private slots:
    void meanFieldFitHasTheKnownVarianceAndKl() {
        auto q = fit(VaeFlow::None, 0, 1500);
        const double expected = 1 - kRho * kRho;
        for (int a = 0; a < 2; ++a) {
            const double ratio = std::exp(2 * q.logSigma[0][a].item<double>());  // the posterior's variance is 1
            QVERIFY2(std::abs(ratio - expected) <= 0.02,
                     qPrintable(QString("axis %1: variance ratio %2, expected %3").arg(a).arg(ratio).arg(expected)));
            QVERIFY(std::abs(q.mu[0][a].item<double>()) < 0.05);
        }
        // The grid's KL and ln p(x) against the closed forms.
        auto grid = posteriorOnGrid(q, likelihood, wideGrid());
        QVERIFY2(std::abs(grid.logPx) < 1e-4, qPrintable(QString("ln p(x) = %1, exactly 0").arg(grid.logPx)));
        const double s1 = std::exp(2 * q.logSigma[0][0].item<double>()),
                     s2 = std::exp(2 * q.logSigma[0][1].item<double>());
        const double m1 = q.mu[0][0].item<double>(), m2 = q.mu[0][1].item<double>();
        const double det = 1 - kRho * kRho;
        const double trace = (s1 + s2) / det, maha = (m1 * m1 - 2 * kRho * m1 * m2 + m2 * m2) / det;
        const double kl = 0.5 * (trace + maha - 2 + std::log(det / (s1 * s2)));
        QVERIFY2(std::abs(grid.klQKPosterior - kl) < 1e-3,
                 qPrintable(QString("grid KL %1, closed form %2").arg(grid.klQKPosterior).arg(kl)));
        QVERIFY(std::abs(kl - 0.5 * std::log(1 / det)) < 0.02);
    }

    void aPlanarFlowFitHasASmallerKl() {
        auto meanField = posteriorOnGrid(fit(VaeFlow::None, 0, 1500), likelihood, wideGrid());
        auto flow = posteriorOnGrid(fit(VaeFlow::Planar, 8, 1500), likelihood, wideGrid());
        QVERIFY2(std::abs(flow.qMass - 1) < 1e-3, qPrintable(QString("∫q_K = %1").arg(flow.qMass)));
        qInfo("KL(q‖p): mean field %.4f, 8 planar layers %.4f", meanField.klQKPosterior, flow.klQKPosterior);
        QVERIFY2(
            flow.klQKPosterior < 0.6 * meanField.klQKPosterior,
            qPrintable(QString("flow KL %1 vs mean field %2").arg(flow.klQKPosterior).arg(meanField.klQKPosterior)));
    }

    /// E[ln p̂_S(x)] rises with S towards ln p(x) = 0 (Burda et al.'s monotonicity), never above.
    void importanceSampledNllFallsWithSamples() {
        auto q = fit(VaeFlow::None, 0, 1500);
        // 400 copies of the point: the mean over them makes the expectation visible.
        VariationalPosterior many = q;
        many.mu = q.mu.expand({400, 2});
        many.logSigma = q.logSigma.expand({400, 2});
        torch::NoGradGuard noGrad;
        auto gen = torch::make_generator<torch::CPUGeneratorImpl>(5);
        double previous = INFINITY, first = 0;
        for (int64_t s : {1, 4, 16, 64, 256, 1024}) {
            const double nll = -importanceEstimate(many, likelihood, s, gen).logMarginal.mean().item<double>();
            qInfo("S = %lld: −ln p(x) ≈ %.4f", static_cast<long long>(s), nll);
            QVERIFY2(nll <= previous + 0.005,
                     qPrintable(QString("S = %1 gave %2 after %3").arg(s).arg(nll).arg(previous)));
            QVERIFY(nll > -0.01);  // a lower bound on ln p(x) = 0 in expectation
            if (s == 1) first = nll;
            previous = nll;
        }
        // A mean-field proposal this much narrower than the posterior converges slowly (heavy-tailed
        // weights), but 1024 samples must close most of the ELBO's gap.
        QVERIFY2(previous < 0.3 * first, qPrintable(QString("S = 1024 gave %1, S = 1 %2").arg(previous).arg(first)));
    }
};

QTEST_APPLESS_MAIN(TestLinearGaussianPosterior)
#include "test_linear_gaussian_posterior.moc"
