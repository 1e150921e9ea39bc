// Real faces (slow; skipped when ../shared/datasets is absent): a small Glow trained for a few
// minutes on smiles-lfw (grey LFW crops in smiling/ and not_smiling/) yields a Smiling vector
// that raises a smile probe trained on separate real images; and every CelebA-HQ / FFHQ photo
// encodes and reconstructs exactly with the shipped model. The data is read, never copied.

#include "common/kernel_ridge_probe.h"
#include "common/resource_paths.h"
#include "common/test_support.h"
#include "glow/glow_trainer.h"
#include "glow/latent_editing.h"
#include "glow/quantization.h"
#include "io/glow_model_file.h"
#include "io/image_folder.h"
#include "io/image_labels.h"
#include "util/compute_threads.h"

#include <QDir>
#include <QtTest>

#include <algorithm>
#include <random>

using namespace flowscope;

namespace {

/// The lower middle of a face crop (the mouth), flattened and standardised per image (LFW's
/// lighting varies far more than its mouths do); images in [0, 1].
torch::Tensor mouth(const torch::Tensor& images01) {
    const int64_t s = images01.size(2);
    auto f = images01.to(torch::kFloat64)
                 .slice(2, s * 9 / 16, s * 15 / 16)
                 .slice(3, s / 4, s * 3 / 4)
                 .reshape({images01.size(0), -1});
    f = f - f.mean(1, true);
    return f / (f.std(1, true, true) + 1e-6);
}

}  // namespace

class TestRealFaces : public QObject {
    Q_OBJECT

private slots:
    void smilingVectorFromLfwRaisesARealSmileProbe() {
        const QString dir = test::sharedDir() + "/datasets/smiles-lfw";
        if (test::sharedDir().isEmpty() || !QDir(dir).exists())
            FLOWSCOPE_SKIP_WITHOUT_SHARED("../shared/datasets is absent: the real-face checks need smiles-lfw");
        setComputeThreads(1);  // ctest runs two tests at once on two cores
        ImageFolderOptions o;
        o.size = 32;
        o.channels = 1;
        auto set = readImageFolder(dir.toStdString(), o);
        auto labels = readImageLabels(dir.toStdString(), set.files);
        QCOMPARE(set.images.size(0), int64_t(2400));
        QCOMPARE(labels.names, std::vector<std::string>{"Smiling"});
        // Even images train the flow and its vector; odd ones train and test the probe.
        std::vector<int64_t> even, odd;
        for (int64_t i = 0; i < set.images.size(0); ++i) (i % 2 ? odd : even).push_back(i);
        auto pick = [&](const std::vector<int64_t>& idx) {
            return set.images.index_select(0, torch::tensor(idx, torch::kLong));
        };
        auto labelsOf = [&](const std::vector<int64_t>& idx) {
            std::vector<std::vector<int8_t>> out;
            for (auto i : idx) out.push_back(labels.values[static_cast<size_t>(i)]);
            return out;
        };
        GlowConfig c;
        c.inChannels = 1;
        c.imageSize = 32;
        c.levels = 3;
        c.steps = 4;
        c.hidden = 64;
        c.affine = false;
        GlowTrainConfig tc;
        tc.batch = 32;
        tc.iterations = 1500;
        tc.learningRate = 1e-3;
        GlowModel model(c, 1);
        GlowTrainer trainer(model, std::make_shared<TensorImageSource>(pick(even), "smiles-lfw (even)"), tc);
        int64_t nextReport = 100;
        // The untrained baseline: the same architecture and seed, ActNorm initialised on the data.
        double untrainedBpd = 0;
        {
            torch::NoGradGuard noGrad;
            GlowModel untrained(c, 1);
            auto e = untrained->encode(toModelSpace(pick(even).slice(0, 0, 256), c.nBits));
            untrainedBpd = GlowModelImpl::bitsPerDim(e.logP, e.logdet, c).mean().item<double>();
        }
        const auto last = trainer.run(nullptr, [&](const GlowProgress& p) {
            if (p.step < nextReport) return;
            nextReport += 100;
            qInfo("step %lld: %.3f bits/dim, %.0f images/s", (long long)p.step, p.averageBitsPerDim, p.imagesPerSecond);
        });
        qInfo("smiles-lfw 32×32 grey, 1500 steps: %.3f bits/dim", last.averageBitsPerDim);
        // A uniform model over 2^5 levels scores 5 bits/dim; 1500 steps measured 2.25. The bound
        // 3.0 is well below uniform and the untrained baseline, and well above the measurement.
        qInfo("untrained (ActNorm initialised on the data): %.3f bits/dim", untrainedBpd);
        QVERIFY2(last.averageBitsPerDim < 3.0,
                 qPrintable(QString("%1 bits/dim after training").arg(last.averageBitsPerDim)));
        QVERIFY2(
            last.averageBitsPerDim < untrainedBpd - 0.5,
            qPrintable(
                QString("training moved bits/dim only from %1 to %2").arg(untrainedBpd).arg(last.averageBitsPerDim)));
        model->eval();
        auto vectors = computeAttributeVectors(*model, pick(even), labelsOf(even), {"Smiling"}, "smiles-lfw");
        QCOMPARE(int(vectors.size()), 1);
        QCOMPARE(vectors[0].positives, int64_t(600));

        // The probe: trained on 900 odd images, checked on the other 300, drawn at random from
        // both classes (the folder lists not_smiling/ before smiling/: a split in file order
        // would test the probe, and the edits, on smiling faces only).
        std::shuffle(odd.begin(), odd.end(), std::mt19937(7));
        std::vector<int64_t> probeTrain(odd.begin(), odd.begin() + 900), probeTest(odd.begin() + 900, odd.end());
        auto y = [&](const std::vector<int64_t>& idx) {
            std::vector<double> v;
            for (auto i : idx) v.push_back(labels.values[static_cast<size_t>(i)][0]);
            return torch::tensor(v, torch::kFloat64);
        };
        auto unit = [&](const torch::Tensor& u8) { return u8.to(torch::kFloat64) / 255.0; };
        test::KernelRidgeProbe probe;
        probe.fit(mouth(unit(pick(probeTrain))), y(probeTrain), 0.1);
        const double accuracy =
            ((probe.predict(mouth(unit(pick(probeTest)))).sign() == y(probeTest)).to(torch::kFloat64).mean())
                .item<double>();
        qInfo("smile probe accuracy on held-out real faces: %.3f", accuracy);
        // Pixel probes reach ≈ 0.80 on these 32-pixel grey crops (154 smiling, 146 not); 0.65 is
        // five standard errors above chance on 300 faces, enough for the probe to rank edits.
        QVERIFY2(accuracy > 0.65, "the probe must tell smiles apart before it can judge the vector");

        // Edit held-out real faces along Smiling: the probe's smile score rises with α.
        torch::NoGradGuard noGrad;
        auto faces = pick(probeTest).slice(0, 0, 64);
        auto eps = model->encode(toModelSpace(faces, c.nBits)).eps;
        std::vector<double> scores;
        for (double alpha : {-1.0, 0.0, 1.0}) {
            auto x = toUnitRange(model->decodeNoise(editLatents(eps, vectors, {{"Smiling", alpha}})));
            scores.push_back(probe.predict(mouth(x)).mean().item<double>());
            qInfo("Smiling α = %+.0f: mean probe score %+.3f", alpha, scores.back());
        }
        QVERIFY(scores[0] < scores[1] && scores[1] < scores[2]);
        // Effect size: from α = −1 to +1 the score must move at least as far as it separates real
        // smiling from real non-smiling faces (held out), i.e. the edit is as large as a real smile.
        const auto heldOut = probe.predict(mouth(unit(pick(probeTest)))).reshape({-1});
        const auto truth = y(probeTest).reshape({-1});
        const auto smiling = (truth > 0).to(torch::kFloat64), neutral = (truth < 0).to(torch::kFloat64);
        qInfo("held-out: %lld smiling, %lld not, %lld non-finite scores", (long long)smiling.sum().item<double>(),
              (long long)neutral.sum().item<double>(), (long long)(~torch::isfinite(heldOut)).sum().item<int64_t>());
        const double gap =
            ((heldOut * smiling).sum() / smiling.sum() - (heldOut * neutral).sum() / neutral.sum()).item<double>();
        qInfo("score gap between real smiling and non-smiling faces %.3f; the edit moves %.3f", gap,
              scores[2] - scores[0]);
        QVERIFY2(gap > 0, "the probe does not separate real smiles");
        QVERIFY2(scores[2] - scores[0] >= gap,
                 qPrintable(QString("the Smiling edit moves the score %1, less than the real gap %2")
                                .arg(scores[2] - scores[0])
                                .arg(gap)));
    }

    void everyPhotoReconstructsExactly() {
        const QString dir = test::sharedDir() + "/datasets/photos";
        if (test::sharedDir().isEmpty() || !QDir(dir).exists())
            FLOWSCOPE_SKIP_WITHOUT_SHARED("../shared/datasets is absent: the photo checks need it");
        auto shipped = loadGlowModel(shippedFaceModelPath());
        auto& m = *shipped.model;
        m.eval();
        const auto& c = m.config();
        ImageFolderOptions o;
        o.size = c.imageSize;
        o.channels = c.inChannels;
        auto set = readImageFolder(dir.toStdString(), o);
        QCOMPARE(set.images.size(0), int64_t(24));
        torch::NoGradGuard noGrad;
        auto x = toModelSpace(set.images, c.nBits);
        auto e = m.encode(x);
        const double err = (m.decode(e.zs) - x).abs().max().item<double>();
        const double errEps = (m.decodeNoise(e.eps) - x).abs().max().item<double>();
        const double bpd = GlowModelImpl::bitsPerDim(e.logP, e.logdet, c).mean().item<double>();
        qInfo(
            "24 CelebA-HQ/FFHQ photos: max reconstruction error %.2e from z, %.2e from ε (the editor's path), %.3f bits/dim under the shipped model",
            err, errEps, bpd);
        QVERIFY(err < 1e-4);
        QVERIFY(errEps < 1e-4);
    }
};

QTEST_APPLESS_MAIN(TestRealFaces)
#include "test_real_faces.moc"
