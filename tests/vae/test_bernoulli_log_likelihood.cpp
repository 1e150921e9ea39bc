// The fused Bernoulli log-likelihood against the formula written out in double (values from
// −60 to 60, where a naive log(1 + e^l) overflows), and its gradient against autograd through
// that formula.

#include "vae/bernoulli_log_likelihood.h"

#include <QtTest>

using namespace flowscope;

class TestBernoulliLogLikelihood : public QObject {
    Q_OBJECT

private slots:
    void matchesTheFormulaAndItsGradient() {
        auto gen = torch::make_generator<torch::CPUGeneratorImpl>(1);
        auto x = (torch::rand({3, 37}, gen) > 0.4).to(torch::kFloat32);
        auto logits = (torch::rand({3, 5, 37}, gen) * 120 - 60).requires_grad_(true);
        auto fused = bernoulliLogLikelihood(x, logits);
        QCOMPARE(fused.sizes().vec(), (std::vector<int64_t>{3, 5}));
        auto l = logits.to(torch::kFloat64);
        auto xd = x.to(torch::kFloat64).unsqueeze(1);
        auto reference = (xd * l - torch::log1p(torch::exp(-l.abs())) - l.clamp_min(0)).sum(-1);
        QVERIFY2(torch::allclose(fused.to(torch::kFloat64), reference, 1e-5, 1e-3),
                 qPrintable(QString::number((fused.to(torch::kFloat64) - reference).abs().max().item<double>())));
        auto weights = torch::rand({3, 5}, gen);
        auto g = torch::autograd::grad({(fused * weights).sum()}, {logits})[0];
        auto gRef = torch::autograd::grad({(reference * weights.to(torch::kFloat64)).sum()}, {logits})[0];
        QVERIFY(torch::allclose(g, gRef, 1e-5, 1e-6));
        QVERIFY(torch::isfinite(fused).all().item<bool>());
    }

    void refusesMisshapenInputs() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 bernoulliLogLikelihood(torch::zeros({3, 4}), torch::zeros({3, 2, 5})));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 bernoulliLogLikelihood(torch::zeros({2, 4}), torch::zeros({3, 2, 4})));
    }
};

QTEST_APPLESS_MAIN(TestBernoulliLogLikelihood)
#include "test_bernoulli_log_likelihood.moc"
