// The 2D trainer: the fused planar/radial path equals plain LibTorch (loss, gradients, Adam
// trajectory), non-finite steps roll back, runs are reproducible and stoppable, and training
// reaches the quality the issue asks for.

#include "common/test_support.h"
#include "fast/fused_coupling_ml.h"
#include "fast/fused_reverse_kl.h"
#include "flow/module_state.h"
#include "train/trainer_2d.h"
#include "util/random.h"
#include "util/rollback_guard.h"

#include <QtTest>

#include <atomic>

using namespace flowscope;

namespace {

FlowModel makeModel(const std::string& flow, int64_t layers, uint64_t seed, int64_t hidden = 32) {
    FlowConfig c;
    c.flow = test::flowKindNamed(flow);
    c.layers = layers;
    c.hidden = hidden;
    c.seed = seed;
    return FlowModel(c);
}

/// The columns of the rows that name a flow, a target and whether the fused path may run.
void flowTargetFusedColumns() {
    QTest::addColumn<QString>("flow");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("fused");
}

/// An energy (U1…U4) by reverse KL, anything else a toy data set by maximum likelihood.
TrainingTarget targetNamed(const std::string& name) {
    return Energy::isEnergyName(name) ? TrainingTarget::energy(Energy::fromName(name))
                                      : TrainingTarget::points(std::make_shared<ToyDistribution>(name));
}

std::vector<torch::Tensor> parameterValues(FlowModel& model) {
    std::vector<torch::Tensor> out;
    for (auto& p : model->parameters()) out.push_back(p.detach().clone());
    return out;
}

}  // namespace

class TestTrainer2D : public QObject {
    Q_OBJECT

private slots:
    void fusedLossAndGradientMatchAutograd_data() {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QString>("energy");
        QTest::addColumn<double>("beta");
        for (const char* f : {"planar", "radial"})
            for (const char* e : {"U1", "U2", "U3", "U4"})
                for (double b : {0.05, 1.0})
                    QTest::newRow(qPrintable(QString("%1/%2/β%3").arg(f, e).arg(b))) << QString(f) << QString(e) << b;
    }
    void fusedLossAndGradientMatchAutograd() {
        QFETCH(QString, flow);
        QFETCH(QString, energy);
        QFETCH(double, beta);
        auto model = makeModel(flow.toStdString(), 6, 3);
        {
            torch::NoGradGuard noGrad;
            auto gen = makeGenerator(8);
            for (auto& p : model->parameters()) p.add_(torch::randn(p.sizes(), gen) * 0.6);
        }
        const Energy e = Energy::fromName(energy.toStdString());
        auto gen = makeGenerator(21);
        auto z0 = torch::randn({64, 2}, gen);

        // Reference: the plain LibTorch layers and autograd, in double.
        model->to(torch::kFloat64);
        auto pass = model->flows->forward(z0.to(torch::kFloat64));
        auto logq = model->base->logProb(pass.z.front()) - pass.totalLogdet;
        auto loss = (logq + beta * e(pass.z.back())).mean();
        auto params = model->parameters();
        auto grads = torch::autograd::grad({loss}, params);
        model->to(torch::kFloat32);

        FusedReverseKl fused(*model, e, 1e-3);
        std::vector<double> g;
        const double fusedLoss = fused.lossAndGradient(z0, beta, g);
        QVERIFY2(std::abs(fusedLoss - loss.item<double>()) < 1e-4 * (1 + std::abs(fusedLoss)),
                 qPrintable(QString("loss %1 vs %2").arg(fusedLoss).arg(loss.item<double>())));
        size_t offset = 0;
        for (const auto& gr : grads) {
            auto flat = gr.reshape({-1});
            for (int64_t i = 0; i < flat.numel(); ++i, ++offset) {
                const double ref = flat[i].item<double>();
                QVERIFY2(std::abs(g[offset] - ref) < 1e-4 * (1 + std::abs(ref)),
                         qPrintable(QString("gradient %1: fused %2, autograd %3").arg(offset).arg(g[offset]).arg(ref)));
            }
        }
        QCOMPARE(offset, g.size());
    }

    void fusedTrajectoryMatchesPlainTrainer_data() {
        QTest::addColumn<QString>("flow");
        QTest::newRow("planar") << "planar";
        QTest::newRow("radial") << "radial";
    }
    void fusedTrajectoryMatchesPlainTrainer() {
        QFETCH(QString, flow);
        TrainConfig cfg;
        cfg.steps = 40;
        cfg.batch = 128;
        cfg.learningRate = 5e-3;
        cfg.seed = 4;
        cfg.evalSamples = 2000;
        Trainer2D fused(makeModel(flow.toStdString(), 8, 1), TrainingTarget::energy(Energy::fromName("U1")), cfg);
        cfg.allowFused = false;
        Trainer2D plain(makeModel(flow.toStdString(), 8, 1), TrainingTarget::energy(Energy::fromName("U1")), cfg);
        QVERIFY(fused.usesFusedPath());
        QVERIFY(!plain.usesFusedPath());
        for (int i = 0; i < 40; ++i) {
            const auto a = fused.step();
            const auto b = plain.step();
            QVERIFY2(std::abs(a.loss - b.loss) < 2e-3 * (1 + std::abs(b.loss)),
                     qPrintable(QString("step %1: fused loss %2, plain %3").arg(i).arg(a.loss).arg(b.loss)));
        }
        auto mf = fused.model();
        auto mp = plain.model();
        auto pf = parameterValues(mf), pp = parameterValues(mp);
        double worst = 0;
        for (size_t i = 0; i < pf.size(); ++i) worst = std::max(worst, (pf[i] - pp[i]).abs().max().item<double>());
        QVERIFY2(worst < 1e-3, qPrintable(QString("parameters drifted apart by %1 after 40 Adam steps").arg(worst)));
        // Training moved them: the comparison is not between two untouched models.
        auto fresh = makeModel(flow.toStdString(), 8, 1);
        auto p0 = parameterValues(fresh);
        double moved = 0;
        for (size_t i = 0; i < pf.size(); ++i) moved = std::max(moved, (pf[i] - p0[i]).abs().max().item<double>());
        QVERIFY(moved > 0.05);
    }

    void fusedCouplingGradientMatchesAutograd_data() {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QString>("mask");
        QTest::newRow("affine half") << "affine"
                                     << "half";
        QTest::newRow("affine alternating") << "affine"
                                            << "alternating";
        QTest::newRow("additive half") << "additive"
                                       << "half";
    }
    void fusedCouplingGradientMatchesAutograd() {
        QFETCH(QString, flow);
        QFETCH(QString, mask);
        FlowConfig c;
        c.flow = test::flowKindNamed(flow.toStdString());
        c.mask = test::kindNamed(kMaskPatterns, mask.toStdString());
        c.layers = 5;
        c.hidden = 12;
        c.seed = 2;
        FlowModel model(c);
        {
            torch::NoGradGuard noGrad;
            auto gen = makeGenerator(4);
            for (auto& p : model->parameters()) p.add_(torch::randn(p.sizes(), gen) * 0.3);
        }
        QVERIFY(FusedCouplingMl::supports(*model));
        auto gen = makeGenerator(5);
        auto x = ToyDistribution("moons").sample(96, gen);
        // Reference: autograd through the plain layers, in double.
        model->to(torch::kFloat64);
        auto loss = -model->logProb(x.to(torch::kFloat64)).mean();
        auto grads = torch::autograd::grad({loss}, model->parameters());
        model->to(torch::kFloat32);
        FusedCouplingMl fused(*model, 1e-3);
        std::vector<float> g;
        const double fusedLoss = fused.lossAndGradient(x, g);
        QVERIFY2(std::abs(fusedLoss - loss.item<double>()) < 1e-4 * (1 + std::abs(fusedLoss)),
                 qPrintable(QString("loss %1 vs %2").arg(fusedLoss).arg(loss.item<double>())));
        size_t offset = 0;
        double scale = 0;
        for (const auto& gr : grads) scale = std::max(scale, gr.abs().max().item<double>());
        for (const auto& gr : grads) {
            auto flat = gr.reshape({-1});
            for (int64_t i = 0; i < flat.numel(); ++i, ++offset) {
                const double ref = flat[i].item<double>();
                QVERIFY2(std::abs(g[offset] - ref) < 1e-4 * scale,
                         qPrintable(QString("gradient %1: fused %2, autograd %3").arg(offset).arg(g[offset]).arg(ref)));
            }
        }
        QCOMPARE(offset, g.size());
    }

    void fusedCouplingTrajectoryMatchesPlainTrainer() {
        TrainConfig cfg;
        cfg.steps = 30;
        cfg.batch = 128;
        cfg.learningRate = 3e-3;
        cfg.evalSamples = 2000;
        auto target = TrainingTarget::points(std::make_shared<ToyDistribution>("moons"));
        Trainer2D fused(makeModel("affine", 6, 1, 16), target, cfg);
        cfg.allowFused = false;
        Trainer2D plain(makeModel("affine", 6, 1, 16), target, cfg);
        QVERIFY(fused.usesFusedPath() && !plain.usesFusedPath());
        for (int i = 0; i < 30; ++i) {
            const auto a = fused.step();
            const auto b = plain.step();
            QVERIFY2(std::abs(a.loss - b.loss) < 2e-3 * (1 + std::abs(b.loss)),
                     qPrintable(QString("step %1: fused loss %2, plain %3").arg(i).arg(a.loss).arg(b.loss)));
        }
        auto mf = fused.model();
        auto mp = plain.model();
        auto pf = parameterValues(mf), pp = parameterValues(mp);
        double worst = 0;
        for (size_t i = 0; i < pf.size(); ++i) worst = std::max(worst, (pf[i] - pp[i]).abs().max().item<double>());
        QVERIFY2(worst < 1e-3, qPrintable(QString("parameters drifted apart by %1").arg(worst)));
        // And it learned: 30 steps lower the NLL of the untrained flow.
        Trainer2D untrained(makeModel("affine", 6, 1, 16), target, cfg);
        const double before = untrained.evaluate().nll, after = fused.evaluate().nll;
        QVERIFY2(after < before - 0.05, qPrintable(QString("NLL %1 → %2").arg(before).arg(after)));
    }

    void nonFiniteStepRollsBack_data() {
        flowTargetFusedColumns();
        QTest::newRow("planar U1 fused") << "planar"
                                         << "U1" << true;
        QTest::newRow("planar U1 plain") << "planar"
                                         << "U1" << false;
        QTest::newRow("affine U3 plain") << "affine"
                                         << "U3" << false;
        QTest::newRow("affine moons plain") << "affine"
                                            << "moons" << false;
        QTest::newRow("affine moons fused") << "affine"
                                            << "moons" << true;
        QTest::newRow("additive pinwheel fused") << "additive"
                                                 << "pinwheel" << true;
        QTest::newRow("planar moons") << "planar"
                                      << "moons" << false;
    }
    void nonFiniteStepRollsBack() {
        QFETCH(QString, flow);
        QFETCH(QString, target);
        QFETCH(bool, fused);
        TrainConfig cfg;
        cfg.steps = 100;
        cfg.batch = 64;
        cfg.allowFused = fused;
        cfg.evalSamples = 1000;
        auto t = targetNamed(target.toStdString());
        Trainer2D trainer(makeModel(flow.toStdString(), 4, 2), t, cfg);
        QCOMPARE(trainer.usesFusedPath(), fused);
        for (int i = 0; i < 4; ++i) QVERIFY(trainer.step().applied);
        // The parameters that give the next finite loss are the rollback point.
        std::vector<torch::Tensor> good;
        for (const auto& p : trainer.model()->parameters()) good.push_back(p.detach().clone());
        QVERIFY(trainer.step().applied);
        trainer.poisonParameters();
        const auto bad = trainer.step();
        QVERIFY(!bad.applied);
        QVERIFY(!std::isfinite(bad.loss));
        QCOMPARE(trainer.rolledBack(), int64_t(1));
        auto m = trainer.model();
        QVERIFY2(allFinite(*m, false), "the last good parameters were not restored");
        const auto restored = m->parameters();
        QCOMPARE(restored.size(), good.size());
        for (size_t i = 0; i < good.size(); ++i)
            QVERIFY2(torch::equal(restored[i].detach(), good[i]),
                     qPrintable(QString("parameter %1 is not the last good value").arg(i)));
        const auto next = trainer.step();
        QVERIFY(next.applied);
        QVERIFY(std::isfinite(next.loss));
    }

    void runReportsRollbackEvent() {
        TrainConfig cfg;
        cfg.steps = 20;
        cfg.batch = 32;
        cfg.evalSamples = 1000;
        Trainer2D trainer(makeModel("planar", 4, 2), TrainingTarget::energy(Energy::fromName("U2")), cfg);
        int calls = 0;
        QStringList events;
        trainer.run(
            nullptr,
            [&](const TrainProgress& p) {
                if (++calls == 1) trainer.poisonParameters();
                if (!p.event.empty()) events << QString::fromStdString(p.event);
            },
            0.0);
        QCOMPARE(events.size(), 1);
        QVERIFY(events.front().contains("restored"));
    }

    void reproducibleForASeed() {
        auto losses = [](uint64_t seed, const char* target) {
            TrainConfig cfg;
            cfg.steps = 30;
            cfg.batch = 64;
            cfg.seed = seed;
            cfg.evalSamples = 1000;
            auto t = targetNamed(target);
            Trainer2D trainer(makeModel("affine", 4, seed), t, cfg);
            std::vector<double> out;
            for (int i = 0; i < 30; ++i) out.push_back(trainer.step().loss);
            return out;
        };
        QCOMPARE(losses(5, "U4"), losses(5, "U4"));
        QVERIFY(losses(5, "U4") != losses(6, "U4"));
        QCOMPARE(losses(5, "spirals"), losses(5, "spirals"));
    }

    void stopFlagStopsTheLoop() {
        TrainConfig cfg;
        cfg.steps = 1'000'000;
        cfg.batch = 16;
        cfg.evalSamples = 1000;
        Trainer2D trainer(makeModel("radial", 4, 1), TrainingTarget::energy(Energy::fromName("U1")), cfg);
        std::atomic<bool> stop{false};
        int reports = 0;
        trainer.run(
            &stop,
            [&](const TrainProgress&) {
                if (++reports == 3) stop = true;
            },
            0.0);
        QVERIFY(trainer.stepsDone() < 100);
        QVERIFY(trainer.stepsDone() >= 3);
    }

    // The one loop: chunks of any size follow exactly the trajectory of single steps, on each of
    // the three update paths (fused reverse KL, fused coupling ML, plain LibTorch).
    void chunkedRunFollowsTheStepByStepTrajectory_data() {
        flowTargetFusedColumns();
        QTest::newRow("planar/U1 fused") << "planar"
                                         << "U1" << true;
        QTest::newRow("affine/moons fused") << "affine"
                                            << "moons" << true;
        QTest::newRow("radial/U3 plain") << "radial"
                                         << "U3" << false;
        QTest::newRow("additive/spirals plain") << "additive"
                                                << "spirals" << false;
    }
    void chunkedRunFollowsTheStepByStepTrajectory() {
        QFETCH(QString, flow);
        QFETCH(QString, target);
        QFETCH(bool, fused);
        const bool allowFused = fused;
        TrainConfig cfg;
        cfg.steps = 40;
        cfg.batch = 32;
        cfg.evalSamples = 1000;
        cfg.allowFused = allowFused;
        auto makeTarget = [&] { return targetNamed(target.toStdString()); };
        Trainer2D stepped(makeModel(flow.toStdString(), 4, 9, 16), makeTarget(), cfg);
        Trainer2D chunked(makeModel(flow.toStdString(), 4, 9, 16), makeTarget(), cfg);
        QCOMPARE(stepped.usesFusedPath(), allowFused);
        std::vector<double> steppedLosses, chunkedLosses;
        for (int i = 0; i < 40; ++i) steppedLosses.push_back(stepped.step().loss);
        // Uneven chunks: one step (a zero budget), then step limits of 7, then the rest at once.
        auto c = chunked.runChunk({0.0});
        QCOMPARE(c.steps, int64_t(1));
        chunkedLosses.push_back(c.last.loss);
        for (int64_t until = 7; until < 40; until += 7) {
            const int64_t before = chunked.stepsDone();
            c = chunked.runChunk({1e9, until});
            QCOMPARE(chunked.stepsDone(), until);
            QCOMPARE(c.steps, until - before);
            QVERIFY(!c.finished);
            chunkedLosses.push_back(c.last.loss);
        }
        c = chunked.runChunk({1e9});
        QVERIFY(c.finished);
        QCOMPARE(chunked.stepsDone(), int64_t(40));
        chunkedLosses.push_back(c.last.loss);
        // The last loss of each chunk is the stepped loss at that step.
        const std::vector<int64_t> at{1, 7, 14, 21, 28, 35, 40};
        for (size_t i = 0; i < at.size(); ++i) QCOMPARE(chunkedLosses[i], steppedLosses[at[i] - 1]);
        auto a = stepped.model(), b = chunked.model();
        const auto pa = parameterValues(a), pb = parameterValues(b);
        for (size_t i = 0; i < pa.size(); ++i) QVERIFY2(torch::equal(pa[i], pb[i]), "chunking changed the parameters");
    }

    void chunkEndsOnFlagsAndRollbacks() {
        TrainConfig cfg;
        cfg.steps = 1000;
        cfg.batch = 16;
        cfg.evalSamples = 1000;
        Trainer2D trainer(makeModel("planar", 4, 2), TrainingTarget::energy(Energy::fromName("U2")), cfg);
        std::atomic<bool> stop{false}, pause{true};
        auto c = trainer.runChunk({1e9, -1, &stop, &pause});
        QCOMPARE(c.steps, int64_t(0));
        QVERIFY(c.interrupted);
        pause = false;
        stop = true;
        c = trainer.runChunk({1e9, -1, &stop, &pause});
        QCOMPARE(c.steps, int64_t(0));
        QVERIFY(c.interrupted);
        stop = false;
        c = trainer.runChunk({1e9, 5, &stop, &pause});
        QCOMPARE(c.steps, int64_t(5));
        QVERIFY(!c.interrupted && c.event.empty());
        // A rolled-back step ends the chunk at once and says so; the next chunk carries on.
        trainer.poisonParameters();
        c = trainer.runChunk({1e9});
        QCOMPARE(c.steps, int64_t(1));
        QVERIFY(!c.last.applied);
        QVERIFY(QString::fromStdString(c.event).contains("step 6"));
        QCOMPARE(trainer.rolledBack(), int64_t(1));
        c = trainer.runChunk({1e9, 20});
        QCOMPARE(trainer.stepsDone(), int64_t(20));
        QVERIFY(c.last.applied && std::isfinite(c.last.loss));
    }

    void rollbackGuardKeepsTheLastGoodState() {
        RollbackGuard<std::vector<int>> guard(std::vector<int>{1, 2});
        std::vector<int> theta{1, 2};
        int updates = 0;
        auto settle = [&](bool finite) {
            return guard.settle(
                finite, [&](std::vector<int>& good) { good = theta; },
                [&](const std::vector<int>& good) { theta = good; },
                [&] {
                    ++updates;
                    for (int& v : theta) v += 10;
                });
        };
        QVERIFY(settle(true));  // {1,2} becomes the rollback point, then the update: {11,12}
        QCOMPARE(theta, (std::vector<int>{11, 12}));
        theta = {-1, -1};  // what a bad step leaves behind
        QVERIFY(!settle(false));
        QCOMPARE(theta, (std::vector<int>{1, 2}));
        QCOMPARE(updates, 1);
        QVERIFY(settle(true));
        QCOMPARE(guard.lastGood(), (std::vector<int>{1, 2}));
        QCOMPARE(theta, (std::vector<int>{11, 12}));
    }

    void annealingSchedule() {
        TrainConfig cfg;
        cfg.steps = 1000;
        QCOMPARE(annealingBeta(cfg, 0), 0.01);
        QVERIFY(std::abs(annealingBeta(cfg, 400) - 0.51) < 1e-12);  // T defaults to 0.8 × the steps
        QCOMPARE(annealingBeta(cfg, 800), 1.0);
        cfg.annealSteps = 100;
        QVERIFY(std::abs(annealingBeta(cfg, 50) - 0.51) < 1e-12);
        cfg.anneal = false;
        QCOMPARE(annealingBeta(cfg, 1), 1.0);
    }

    void rejectsBadConfigs() {
        TrainConfig cfg;
        cfg.batch = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer2D(makeModel("planar", 2, 0),
                                                                  TrainingTarget::energy(Energy::fromName("U1")), cfg));
        cfg = TrainConfig{};
        cfg.learningRate = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer2D(makeModel("planar", 2, 0),
                                                                  TrainingTarget::energy(Energy::fromName("U1")), cfg));
    }
};

QTEST_APPLESS_MAIN(TestTrainer2D)
#include "test_trainer_2d.moc"
