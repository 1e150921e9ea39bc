// Held-out bits/dim: per-image values equal −(log p(z) + log|det J|)/(D ln 2) + n_bits computed
// here from encode on the same dequantised images, the per-level terms sum to the mean, the
// interval is 1.96·sd/√N of those values, one seed gives one answer, and stop ends early.

#include "glow/glow_evaluation.h"
#include "glow/quantization.h"

#include <QtTest>

#include <atomic>
#include <cmath>

using namespace flowscope;

namespace {

GlowConfig tinyConfig(int64_t levels) {
    GlowConfig c;
    c.inChannels = 1;
    c.imageSize = 16;
    c.levels = levels;
    c.steps = 2;
    c.hidden = 8;
    c.nBits = 8;
    return c;
}

/// A model whose parameters are not at their zero initialisation (so every level contributes).
GlowModel perturbed(const GlowConfig& c) {
    GlowModel m(c, 3);
    torch::NoGradGuard g;
    auto gen = torch::make_generator<torch::CPUGeneratorImpl>(11);
    for (auto& p : m->parameters()) p.add_(torch::randn(p.sizes(), gen) * 0.02);
    return m;
}

torch::Tensor images(int64_t n) {
    auto gen = torch::make_generator<torch::CPUGeneratorImpl>(5);
    return torch::randint(0, 256, {n, 1, 16, 16}, gen, torch::kLong).to(torch::kUInt8);
}

}  // namespace

class TestGlowEvaluation : public QObject {
    Q_OBJECT

private slots:
    void valuesMatchTheirDefinition() {
        const auto c = tinyConfig(3);
        auto model = perturbed(c);
        const auto x = images(12);
        const auto r = evaluateGlow(*model, x, 64, 42);
        QCOMPARE(r.images, int64_t(12));
        // The same noise (one batch: one draw from the seed), encoded here.
        auto gen = torch::make_generator<torch::CPUGeneratorImpl>(42);
        torch::NoGradGuard g;
        model->eval();
        auto e = model->encode(dequantize(quantizeImages(x, c.nBits), c.nBits, gen));
        const double d = static_cast<double>(c.dimensions());
        for (int64_t i = 0; i < 12; ++i) {
            const double expected =
                -(e.logP[i].item<double>() + e.logdet[i].item<double>()) / (d * std::log(2.0)) + c.nBits;
            QVERIFY(std::abs(r.bitsPerDim[i].item<double>() - expected) < 1e-6 * expected);
        }
        double sum = r.discretisation;
        QCOMPARE(r.levelPrior.size(), size_t(3));
        for (size_t l = 0; l < 3; ++l) {
            sum += r.levelPrior[l] + r.levelLogdet[l];  // float64 sums of float32 terms
            QVERIFY(std::abs(r.levelPrior[l]) > 1e-3);  // every level holds part of the density
        }
        QVERIFY2(std::abs(sum - r.mean) < 1e-6 * r.mean, qPrintable(QString("%1 vs %2").arg(sum).arg(r.mean)));
        const auto v = r.bitsPerDim;
        const double sd = std::sqrt(((v - v.mean()).pow(2).sum() / 11.0).item<double>());
        QVERIFY(std::abs(r.ci95 - 1.96 * sd / std::sqrt(12.0)) < 1e-12);
        QCOMPARE(r.discretisation, 8.0);
    }

    void sameSeedSameNumbersAndStop() {
        const auto c = tinyConfig(2);
        auto model = perturbed(c);
        const auto x = images(9);
        const auto a = evaluateGlow(*model, x, 4, 1);
        const auto b = evaluateGlow(*model, x, 4, 1);
        QVERIFY(torch::equal(a.bitsPerDim, b.bitsPerDim));
        const auto other = evaluateGlow(*model, x, 4, 2);
        QVERIFY(!torch::equal(a.bitsPerDim, other.bitsPerDim));
        QVERIFY((a.bitsPerDim - other.bitsPerDim).abs().max().item<double>() < 0.05);  // only the noise differs
        model->train();
        std::atomic<bool> stop{true};
        int calls = 0;
        const auto early = evaluateGlow(
            *model, x, 4, 1, [&](int64_t, int64_t) { ++calls; }, &stop);
        QCOMPARE(early.images, int64_t(4));
        QCOMPARE(calls, 1);
        QVERIFY(model->is_training());  // the mode it had
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluateGlow(*model, x.to(torch::kFloat32), 4, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluateGlow(*model, images(2).expand({2, 3, 16, 16}), 4, 1));
    }
};

QTEST_GUILESS_MAIN(TestGlowEvaluation)
#include "test_glow_evaluation.moc"
