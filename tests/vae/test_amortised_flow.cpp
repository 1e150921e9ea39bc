// The amortised flow against independent references: the plain PlanarFlow / RadialFlow layers
// applied point by point, log-dets against the autograd Jacobian, the invertibility constraint
// for any encoder output (det J > 0 everywhere, the plain inverse recovers z0), and the
// Flow-ELBO's gradient against autograd through the plain layers.

#include "flow/planar_flow.h"
#include "flow/radial_flow.h"
#include "vae/amortised_flow.h"
#include "vae/flow_elbo.h"
#include "vae/vae_config.h"

#include <QtTest>

#include <cmath>

using namespace flowscope;

Q_DECLARE_METATYPE(flowscope::VaeFlow)

namespace {

torch::Tensor randn(torch::IntArrayRef shape, uint64_t seed, double scale = 1.0) {
    auto gen = torch::make_generator<torch::CPUGeneratorImpl>(seed);
    return torch::randn(shape, gen, torch::kFloat64) * scale;
}

/// The Jacobian of one layer stack at one point by autograd, [D, D].
torch::Tensor jacobianAt(const std::vector<std::shared_ptr<FlowLayer>>& layers, const torch::Tensor& z0) {
    const int64_t d = z0.size(0);
    auto z = z0.clone().requires_grad_(true);
    torch::Tensor y = z.unsqueeze(0);
    for (auto& l : layers) y = l->forward(y).z;
    std::vector<torch::Tensor> rows;
    for (int64_t i = 0; i < d; ++i) rows.push_back(torch::autograd::grad({y[0][i]}, {z}, {}, /*retain_graph=*/true)[0]);
    return torch::stack(rows);
}

void addFlowRows() {
    QTest::addColumn<VaeFlow>("flow");
    QTest::newRow("planar") << VaeFlow::Planar;
    QTest::newRow("radial") << VaeFlow::Radial;
}

}  // namespace

class TestAmortisedFlow : public QObject {
    Q_OBJECT

private slots:
    void matchesThePlainLayersPointByPoint_data() { addFlowRows(); }
    void matchesThePlainLayersPointByPoint() {
        QFETCH(VaeFlow, flow);
        const int64_t n = 5, s = 4, d = 3, k = 3;
        auto params = randn({n, k, flowParametersPerLayer(flow, d)}, 1);
        auto z0 = randn({n, s, d}, 2);
        auto path = applyAmortisedFlow(flow, z0, params, /*keepSteps=*/true);
        QCOMPARE(path.steps.size(), size_t(k + 1));
        for (int64_t i = 0; i < n; ++i) {
            auto layers = flowLayersFor(flow, params[i]);
            QCOMPARE(layers.size(), size_t(k));
            auto z = z0[i].clone();
            auto logdet = torch::zeros({s}, torch::kFloat64);
            for (auto& l : layers) {
                l->to(torch::kFloat64);
                auto step = l->forward(z);
                z = step.z;
                logdet += step.logdet;
            }
            QVERIFY(torch::allclose(path.z[i], z, 1e-10, 1e-10));
            QVERIFY(torch::allclose(path.logdet[i], logdet, 1e-10, 1e-10));
        }
    }

    void logdetEqualsTheAutogradJacobian_data() { addFlowRows(); }
    void logdetEqualsTheAutogradJacobian() {
        QFETCH(VaeFlow, flow);
        const int64_t n = 3, d = 4, k = 2;
        auto params = randn({n, k, flowParametersPerLayer(flow, d)}, 3);
        auto z0 = randn({n, 1, d}, 4);
        auto path = applyAmortisedFlow(flow, z0, params);
        for (int64_t i = 0; i < n; ++i) {
            auto layers = flowLayersFor(flow, params[i]);
            for (auto& l : layers) l->to(torch::kFloat64);
            auto j = jacobianAt(layers, z0[i][0]);
            auto [sign, logabs] = torch::linalg_slogdet(j);
            QCOMPARE(sign.item<double>(), 1.0);
            QVERIFY(std::abs(logabs.item<double>() - path.logdet[i][0].item<double>()) < 1e-9);
        }
    }

    /// Whatever the encoder outputs (tiny, ordinary, huge, or u pointing against w), every point's
    /// map keeps det J > 0 and its log-det finite, and the plain layers invert it.
    void constraintHoldsForAnyEncoderOutput_data() {
        QTest::addColumn<VaeFlow>("flow");
        QTest::addColumn<double>("scale");
        for (double scale : {1e-3, 1.0, 30.0, 1e3}) {
            QTest::newRow(qPrintable(QString("planar ×%1").arg(scale))) << VaeFlow::Planar << scale;
            QTest::newRow(qPrintable(QString("radial ×%1").arg(scale))) << VaeFlow::Radial << scale;
        }
    }
    void constraintHoldsForAnyEncoderOutput() {
        QFETCH(VaeFlow, flow);
        QFETCH(double, scale);
        const int64_t n = 16, d = 2, k = 1;
        auto params = randn({n, k, flowParametersPerLayer(flow, d)}, 5, scale);
        if (flow == VaeFlow::Planar) {
            // Half the points get u = −c·w, the direction the unconstrained layer folds over.
            auto w = params.narrow(2, d, d);
            params.narrow(2, 0, d).narrow(0, 0, n / 2).copy_(-3.0 * w.narrow(0, 0, n / 2));
        }
        auto z0 = randn({n, 8, d}, 6, 2.0);
        auto path = applyAmortisedFlow(flow, z0, params);
        QVERIFY(torch::isfinite(path.logdet).all().item<bool>());
        for (int64_t i = 0; i < n; ++i) {
            auto layers = flowLayersFor(flow, params[i]);
            for (auto& l : layers) l->to(torch::kFloat64);
            for (int64_t s = 0; s < 8; ++s) {
                auto det = torch::linalg_det(jacobianAt(layers, z0[i][s])).item<double>();
                QVERIFY2(det > 0, qPrintable(QString("point %1 sample %2: det J = %3").arg(i).arg(s).arg(det)));
            }
            auto back = layers[0]->inverse(path.z[i]);
            QVERIFY2(torch::allclose(back.z, z0[i], 1e-6, 1e-6 * std::max(1.0, scale)),
                     qPrintable(QString("point %1: the inverse misses by %2")
                                    .arg(i)
                                    .arg((back.z - z0[i]).abs().max().item<double>())));
        }
    }

    /// The batched Flow-ELBO's gradient with respect to μ, log σ and every point's flow
    /// parameters equals autograd through the plain layers, point by point, with the Gaussian
    /// log-density and the Bernoulli likelihood written out here.
    void flowElboGradientMatchesAutogradThroughThePlainLayers_data() { addFlowRows(); }
    void flowElboGradientMatchesAutogradThroughThePlainLayers() {
        QFETCH(VaeFlow, flow);
        const int64_t n = 3, s = 5, d = 2, k = 2, pixels = 6;
        auto decoderW = randn({d, pixels}, 7);
        auto x = (randn({n, pixels}, 8) > 0).to(torch::kFloat64);
        VariationalPosterior q;
        q.flow = flow;
        q.mu = randn({n, d}, 9).requires_grad_(true);
        q.logSigma = (randn({n, d}, 10) * 0.3).requires_grad_(true);
        q.flowParams = randn({n, k, flowParametersPerLayer(flow, d)}, 11).requires_grad_(true);
        LogLikelihood likelihood = [&](const torch::Tensor& z) {
            auto logits = z.matmul(decoderW);  // [N, S, pixels]
            return (x.unsqueeze(1) * logits - torch::nn::functional::softplus(logits)).sum(-1);
        };
        auto gen = torch::make_generator<torch::CPUGeneratorImpl>(12);
        auto terms = flowElboTerms(q, likelihood, s, gen);
        flowElboLoss(terms, 0.7).backward();

        // ε as samplePosterior draws it: the same generator, the same shape.
        auto epsGen = torch::make_generator<torch::CPUGeneratorImpl>(12);
        auto eps = torch::randn({n, s, d}, epsGen, torch::kFloat32).to(torch::kFloat64);
        for (int64_t i = 0; i < n; ++i) {
            auto mu = q.mu.detach()[i].clone().requires_grad_(true);
            auto logSigma = q.logSigma.detach()[i].clone().requires_grad_(true);
            auto layers = flowLayersFor(flow, q.flowParams.detach()[i]);
            for (auto& l : layers) l->to(torch::kFloat64);
            auto z = mu + torch::exp(logSigma) * eps[i];
            auto logQ0 = (-0.5 * eps[i].pow(2) - logSigma - 0.5 * std::log(2 * M_PI)).sum(-1);
            auto logdet = torch::zeros({s}, torch::kFloat64);
            for (auto& l : layers) {
                auto st = l->forward(z);
                z = st.z;
                logdet = logdet + st.logdet;
            }
            auto logits = z.matmul(decoderW);
            auto logLik = (x[i] * logits - torch::log1p(torch::exp(logits))).sum(-1);
            auto logPrior = (-0.5 * z.pow(2) - 0.5 * std::log(2 * M_PI)).sum(-1);
            auto loss = (logQ0 - logdet - 0.7 * (logLik + logPrior)).sum() / static_cast<double>(n * s);
            loss.backward();
            QVERIFY(torch::allclose(q.mu.grad()[i], mu.grad(), 1e-9, 1e-9));
            QVERIFY(torch::allclose(q.logSigma.grad()[i], logSigma.grad(), 1e-9, 1e-9));
            for (int64_t l = 0; l < k; ++l) {
                std::vector<torch::Tensor> plain;
                for (auto& p : layers[static_cast<size_t>(l)]->parameters()) plain.push_back(p.grad().reshape(-1));
                auto expected = torch::cat(plain);  // registration order: u, w, b | z0, α̃, β̃
                QVERIFY2(torch::allclose(q.flowParams.grad()[i][l], expected, 1e-9, 1e-9),
                         qPrintable(QString("point %1 layer %2").arg(i).arg(l)));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestAmortisedFlow)
#include "test_amortised_flow.moc"
