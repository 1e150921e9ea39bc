// The VAE trainer learns (its held-out ELBO beats the best model that ignores the latent: each
// pixel on with its own frequency), annealing follows the paper's schedule, an interrupted and
// resumed run equals an uninterrupted one, and a poisoned step rolls back.

#include "util/random.h"
#include "vae/binarised_images.h"
#include "vae/vae_evaluation.h"
#include "vae/vae_trainer.h"

#include <QtTest>

#include <cmath>

using namespace flowscope;

namespace {

/// 8×8 grey images of one bright horizontal or vertical bar (position and orientation random):
/// a data set a 2-D latent can explain and independent pixels cannot.
torch::Tensor bars(int64_t n, uint64_t seed) {
    auto gen = makeGenerator(seed);
    auto out = torch::full({n, 64}, 0.05f);
    auto pos = torch::randint(8, {n}, gen, torch::kInt64);
    auto vertical = torch::randint(2, {n}, gen, torch::kInt64);
    auto a = out.accessor<float, 2>();
    for (int64_t i = 0; i < n; ++i)
        for (int64_t t = 0; t < 8; ++t) {
            const int64_t p = pos[i].item<int64_t>();
            a[i][vertical[i].item<int64_t>() ? t * 8 + p : p * 8 + t] = 0.95f;
        }
    return out;
}

VaeConfig smallConfig() {
    VaeConfig c;
    c.imageSize = 8;
    c.latent = 2;
    c.flow = VaeFlow::Planar;
    c.layers = 2;
    c.encoderHidden = {64};
    c.decoderHidden = {64};
    c.activation = VaeActivation::Elu;
    c.seed = 5;
    return c;
}

VaeTrainConfig trainConfig(int64_t steps) {
    VaeTrainConfig t;
    t.steps = steps;
    t.batch = 64;
    t.learningRate = 3e-3;
    t.seed = 9;
    t.device = "cpu";
    return t;
}

}  // namespace

class TestVaeTrainer : public QObject {
    Q_OBJECT

private slots:
    void learnsMoreThanIndependentPixels() {
        auto train = bars(2000, 1), test = fixedBinarisation(bars(300, 2));
        VaeTrainer trainer(VaeModel(smallConfig()), train, trainConfig(1500));
        auto before = evaluateVae(*trainer.model(), test, 16, 3);
        auto p = trainer.run(nullptr, nullptr);
        QVERIFY(p.finished);
        auto after = evaluateVae(*trainer.model(), test, 16, 3);
        // The best latent-free model: each pixel Bernoulli with its training frequency.
        auto freq = train.mean(0).clamp(1e-6, 1 - 1e-6);
        const double independent =
            (test * torch::log(freq) + (1 - test) * torch::log1p(-freq)).sum(1).mean().item<double>();
        qInfo("ELBO before %.2f, after %.2f, −ln p(x) %.2f ± %.2f; independent pixels %.2f nats", before.elbo,
              after.elbo, after.nllIs, after.nllIsStderr, independent);
        QVERIFY2(after.elbo > independent + 5.0,
                 qPrintable(QString("ELBO %1 vs independent pixels %2").arg(after.elbo).arg(independent)));
        QVERIFY(-after.nllIs >= after.elbo - 1e-6);  // IS bound is tighter than the ELBO
        QCOMPARE(after.n, int64_t(300));
    }

    void annealingFollowsThePapersSchedule() {
        QCOMPARE(annealedWeight(0, 0), 1.0);
        QCOMPARE(annealedWeight(1, 10000), 0.0101);
        QCOMPARE(annealedWeight(5000, 10000), 0.51);
        QCOMPARE(annealedWeight(9900, 10000), 1.0);
        auto t = trainConfig(30);
        t.annealSteps = 100;
        VaeTrainer trainer(VaeModel(smallConfig()), bars(200, 1), t);
        auto p = trainer.runChunk({60.0, 20, nullptr, nullptr});
        QCOMPARE(p.step, int64_t(20));
        QCOMPARE(p.beta, 0.21);
    }

    void resumingEqualsNotStopping() {
        auto data = bars(300, 4);
        VaeTrainer straight(VaeModel(smallConfig()), data, trainConfig(30));
        straight.run(nullptr, nullptr);

        VaeTrainer first(VaeModel(smallConfig()), data, trainConfig(30));
        first.runChunk({60.0, 17, nullptr, nullptr});
        auto state = first.trainingState();
        VaeModel copy(smallConfig());
        {
            torch::NoGradGuard g;
            auto src = first.model()->parameters();
            auto dst = copy->parameters();
            for (size_t i = 0; i < src.size(); ++i) dst[i].copy_(src[i]);
        }
        VaeTrainer resumed(copy, data, trainConfig(30));
        resumed.restoreTrainingState(state);
        QCOMPARE(resumed.stepsDone(), int64_t(17));
        resumed.run(nullptr, nullptr);
        auto a = straight.model()->parameters(), b = resumed.model()->parameters();
        for (size_t i = 0; i < a.size(); ++i) QVERIFY(torch::equal(a[i], b[i]));
    }

    void aPoisonedStepRollsBack() {
        VaeTrainer trainer(VaeModel(smallConfig()), bars(200, 1), trainConfig(10));
        trainer.runChunk({60.0, 3, nullptr, nullptr});
        trainer.poisonParameters();
        auto p = trainer.runChunk({60.0, -1, nullptr, nullptr});
        QCOMPARE(p.rolledBack, int64_t(1));
        QVERIFY(!p.event.empty());
        for (auto& param : trainer.model()->parameters()) QVERIFY(torch::isfinite(param).all().item<bool>());
        auto next = trainer.runChunk({60.0, -1, nullptr, nullptr});
        QVERIFY(next.finished);
        QVERIFY(std::isfinite(next.elbo));
    }

    void refusesBadSettings() {
        auto t = trainConfig(10);
        t.batch = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, VaeTrainer(VaeModel(smallConfig()), bars(10, 1), t));
        t.batch = 4096;
        t.samples = 1024;  // 4 million decoded images a step
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, VaeTrainer(VaeModel(smallConfig()), bars(10, 1), t));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 VaeTrainer(VaeModel(smallConfig()), torch::zeros({10, 63}), trainConfig(10)));
        VaeConfig huge = smallConfig();
        huge.encoderHidden = {8192, 8192, 8192, 8192, 8192};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, VaeModel{huge});
    }
};

QTEST_APPLESS_MAIN(TestVaeTrainer)
#include "test_vae_trainer.moc"
