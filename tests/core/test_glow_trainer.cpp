// The Glow training loop: a non-finite step restores exactly the last good parameters, the
// warm-up schedule is the one applied, gradients are clipped to the configured norm, and a run
// interrupted, saved to a file and resumed equals the uninterrupted run (parameters, optimiser
// moments, step, batch order).

#include "glow/glow_trainer.h"
#include "io/glow_model_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>

using namespace flowscope;

namespace {

GlowConfig tinyConfig() {
    GlowConfig c;
    c.inChannels = 3;
    c.imageSize = 16;
    c.levels = 2;
    c.steps = 2;
    c.hidden = 8;
    c.nBits = 5;
    return c;
}

GlowTrainConfig trainConfig() {
    GlowTrainConfig t;
    t.batch = 4;
    t.iterations = 100;
    t.learningRate = 1e-3;
    t.warmup = 4;
    t.seed = 7;
    t.device = "cpu";
    return t;
}

std::shared_ptr<GlowDataSource> faces() { return std::make_shared<FaceImageSource>(16, 3, 200); }

std::vector<torch::Tensor> parameterCopies(GlowModelImpl& m) {
    std::vector<torch::Tensor> out;
    for (const auto& p : m.parameters()) out.push_back(p.detach().clone());
    return out;
}

bool equalTensors(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!torch::equal(a[i], b[i])) return false;
    return true;
}

double gradientNorm(GlowModelImpl& m) {
    double sq = 0;
    for (const auto& p : m.parameters())
        if (p.grad().defined()) sq += p.grad().pow(2).sum().item<double>();
    return std::sqrt(sq);
}

}  // namespace

class TestGlowTrainer : public QObject {
    Q_OBJECT
private slots:
    void nonFiniteStepRestoresTheLastGoodParameters() {
        GlowTrainer trainer(GlowModel(tinyConfig(), 1), faces(), trainConfig());
        for (int i = 0; i < 3; ++i) QVERIFY(trainer.step().applied);
        // The parameters that gave the last finite loss are the ones the guard keeps.
        const auto good = parameterCopies(*trainer.model());
        QVERIFY(trainer.step().applied);
        QVERIFY(!equalTensors(parameterCopies(*trainer.model()), good));  // that step moved them
        trainer.poisonParameters();
        const auto bad = trainer.step();
        QVERIFY(!bad.applied);
        QVERIFY(!std::isfinite(bad.bitsPerDim));
        QCOMPARE(trainer.rolledBack(), int64_t(1));
        QVERIFY2(equalTensors(parameterCopies(*trainer.model()), good),
                 "the restored parameters are not the last good ones");
        const auto next = trainer.step();
        QVERIFY(next.applied && std::isfinite(next.bitsPerDim));
    }

    void runReportsTheRollback() {
        auto config = trainConfig();
        config.iterations = 4;
        GlowTrainer trainer(GlowModel(tinyConfig(), 1), faces(), config);
        QStringList events;
        int calls = 0;
        trainer.run(
            nullptr,
            [&](const GlowProgress& p) {
                if (++calls == 1) trainer.poisonParameters();
                if (!p.event.empty()) events << QString::fromStdString(p.event);
            },
            nullptr, 0.0);
        QCOMPARE(events.size(), 1);
        QVERIFY(events.front().contains("last good parameters restored"));
        QCOMPARE(trainer.rolledBack(), int64_t(1));
    }

    // The one loop: a chunk ends where a checkpoint or preview is due, when a flag is raised and
    // when the run is done, and chunked training follows the step-by-step trajectory.
    void chunksEndAtCheckpointsPreviewsAndFlags() {
        auto config = trainConfig();
        config.iterations = 7;
        config.checkpointEvery = 3;
        config.previewEvery = 5;
        config.previewCount = 2;
        GlowTrainer chunked(GlowModel(tinyConfig(), 1), faces(), config);
        std::atomic<bool> stop{false}, pause{true};
        auto p = chunked.runChunk({1e9, -1, &stop, &pause});
        QCOMPARE(p.step, int64_t(0));
        pause = false;
        p = chunked.runChunk({1e9, -1, &stop, &pause});
        QCOMPARE(p.step, int64_t(3));
        QVERIFY(p.checkpointDue && !p.preview.defined() && !p.finished);
        p = chunked.runChunk({1e9});
        QCOMPARE(p.step, int64_t(5));
        QVERIFY(!p.checkpointDue && p.preview.defined());
        QCOMPARE(p.preview.size(0), int64_t(2));
        p = chunked.runChunk({1e9});
        QCOMPARE(p.step, int64_t(6));
        QVERIFY(p.checkpointDue);
        p = chunked.runChunk({1e9});
        QCOMPARE(p.step, int64_t(7));
        QVERIFY(p.finished && !p.checkpointDue);
        QVERIFY(p.imagesPerSecond > 0);
        // The running average of bits/dim: finite and between the first batch's value and the floor.
        QVERIFY2(std::isfinite(p.averageBitsPerDim) && p.averageBitsPerDim > 0 && p.averageBitsPerDim < 20,
                 qPrintable(QString::number(p.averageBitsPerDim)));

        // References without stops; `chunked` also drew previews, which must not disturb training.
        config.previewEvery = 0;
        config.checkpointEvery = 0;
        GlowTrainer stepped(GlowModel(tinyConfig(), 1), faces(), config),
            again(GlowModel(tinyConfig(), 1), faces(), config);
        for (int i = 0; i < 7; ++i) stepped.step();
        while (!again.runChunk({0.0}).finished) {
        }
        QCOMPARE(again.stepsDone(), int64_t(7));
        QVERIFY2(equalTensors(parameterCopies(*stepped.model()), parameterCopies(*again.model())),
                 "chunked training left other parameters than single steps");
        QVERIFY2(equalTensors(parameterCopies(*stepped.model()), parameterCopies(*chunked.model())),
                 "checkpoint and preview stops changed the trajectory");
        GlowTrainer limited(GlowModel(tinyConfig(), 1), faces(), config);
        QCOMPARE(limited.runChunk({1e9, 2}).step, int64_t(2));  // a step limit ends the chunk too
    }

    void warmUpIsLinearThenFlat() {
        GlowTrainer trainer(GlowModel(tinyConfig(), 1), faces(), trainConfig());  // lr 1e-3, warm-up 4
        const double expected[] = {2.5e-4, 5e-4, 7.5e-4, 1e-3, 1e-3, 1e-3};
        for (double lr : expected) {
            trainer.step();
            QVERIFY2(std::abs(trainer.currentLearningRate() - lr) < 1e-12,
                     qPrintable(QString("step %1: lr %2, expected %3")
                                    .arg(trainer.stepsDone())
                                    .arg(trainer.currentLearningRate())
                                    .arg(lr)));
        }
    }

    void gradientsAreClippedToTheConfiguredNorm() {
        auto loose = trainConfig();
        loose.maxGradNorm = 1e9;
        GlowTrainer free(GlowModel(tinyConfig(), 1), faces(), loose);
        free.step();
        const double unclipped = gradientNorm(*free.model());
        const double limit = unclipped / 4;
        QVERIFY2(unclipped > 0 && std::isfinite(unclipped), qPrintable(QString::number(unclipped)));
        auto tight = trainConfig();
        tight.maxGradNorm = limit;
        GlowTrainer clipped(GlowModel(tinyConfig(), 1), faces(), tight);
        clipped.step();  // the same model, batch and noise: only the clip differs
        const double norm = gradientNorm(*clipped.model());
        QVERIFY2(std::abs(norm - limit) < 1e-4 * limit,
                 qPrintable(QString("norm %1, limit %2 (unclipped %3)").arg(norm).arg(limit).arg(unclipped)));
    }

    void resumedRunEqualsUninterruptedRun() {
        const int64_t total = 8, pause = 3;
        auto config = trainConfig();
        config.iterations = total;
        GlowTrainer straight(GlowModel(tinyConfig(), 1), faces(), config);
        straight.run(nullptr, nullptr);

        QTemporaryDir dir;
        const std::string file = dir.filePath("checkpoint.fsm").toStdString();
        {
            auto first = config;
            first.iterations = pause;
            GlowTrainer interrupted(GlowModel(tinyConfig(), 1), faces(), first);
            interrupted.run(nullptr, nullptr);
            GlowFileExtras extras;
            extras.trainingState = interrupted.trainingState();
            saveGlowModel(file, *interrupted.model(), extras);
        }
        auto loaded = loadGlowModel(file);
        GlowTrainer resumed(loaded.model, faces(), config);
        resumed.restoreTrainingState(loaded.extras.trainingState);
        QCOMPARE(resumed.stepsDone(), pause);
        resumed.run(nullptr, nullptr);
        QCOMPARE(resumed.stepsDone(), total);

        QVERIFY2(equalTensors(parameterCopies(*resumed.model()), parameterCopies(*straight.model())),
                 "the resumed model differs from the uninterrupted one");
        const auto a = resumed.trainingState(), b = straight.trainingState();
        QCOMPARE(a.size(), b.size());
        for (const auto& [key, value] : b) {
            QVERIFY2(a.count(key), key.c_str());
            QVERIFY2(torch::equal(a.at(key), value),
                     qPrintable(QString::fromStdString("training state '" + key + "' differs")));
        }
    }
};

QTEST_APPLESS_MAIN(TestGlowTrainer)
#include "test_glow_trainer.moc"
