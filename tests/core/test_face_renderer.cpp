// The built-in synthetic faces: deterministic in (seed, index), identical in a batch and alone,
// any size from 16 to 128, attributes in range and independent, and the smile and age sliders
// change what they claim to change (the mouth; hair and skin) and little else.

#include "faces/face_renderer.h"

#include <QtTest>

#include <cmath>

using namespace flowscope;

namespace {

/// A face looking straight ahead, centred, so a fixed box in the frame holds its mouth.
FaceAttributes frontal(int64_t index) {
    FaceAttributes a = randomFaceAttributes(11, index);
    a.yaw = a.roll = a.shiftX = a.shiftY = 0;
    a.scale = 0.5f;
    a.glasses = false;
    return a;
}

/// Pixel rows and columns of the frame box x ∈ [x0, x1], y ∈ [y0, y1] (frame spans [−1, 1], y up).
struct Box {
    int64_t r0, r1, c0, c1;
};
Box frameBox(double x0, double x1, double y0, double y1, int64_t size) {
    auto col = [&](double x) { return static_cast<int64_t>(std::lround((x + 1) / 2 * size)); };
    auto row = [&](double y) { return static_cast<int64_t>(std::lround((1 - y) / 2 * size)); };
    return {row(y1), row(y0), col(x0), col(x1)};
}
torch::Tensor boxMask(const Box& b, int64_t size) {
    auto m = torch::zeros({size, size}, torch::kBool);
    m.slice(0, b.r0, b.r1).slice(1, b.c0, b.c1).fill_(true);
    return m;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = static_cast<double>(a.size());
    double ma = 0, mb = 0;
    for (size_t i = 0; i < a.size(); ++i) ma += a[i] / n, mb += b[i] / n;
    double sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / std::sqrt(saa * sbb);
}

}  // namespace

class TestFaceRenderer : public QObject {
    Q_OBJECT

private slots:
    void deterministicInSeedAndIndex_data() {
        QTest::addColumn<qint64>("seed");
        QTest::addColumn<qint64>("index");
        QTest::newRow("seed 0, face 0") << qint64(0) << qint64(0);
        QTest::newRow("seed 0, face 1234") << qint64(0) << qint64(1234);
        QTest::newRow("seed 99, face 7") << qint64(99) << qint64(7);
    }
    void deterministicInSeedAndIndex() {
        QFETCH(qint64, seed);
        QFETCH(qint64, index);
        const auto a = sampleFaces(index, 1, 32, static_cast<uint64_t>(seed));
        const auto b = sampleFaces(index, 1, 32, static_cast<uint64_t>(seed));
        QVERIFY2(torch::equal(a.images, b.images), "the same seed and index gave different pixels");
        QCOMPARE(attributeValues(a.attributes[0]), attributeValues(b.attributes[0]));
        const auto next = sampleFaces(index + 1, 1, 32, static_cast<uint64_t>(seed));
        const auto other = sampleFaces(index, 1, 32, static_cast<uint64_t>(seed) + 1);
        const double dNext = (a.images - next.images).abs().mean().item<double>();
        const double dSeed = (a.images - other.images).abs().mean().item<double>();
        QVERIFY2(dNext > 0.02,
                 qPrintable(QString("faces %1 and %2 look alike (mean |Δ| %3)").arg(index).arg(index + 1).arg(dNext)));
        QVERIFY2(
            dSeed > 0.02,
            qPrintable(QString("seeds %1 and %2 give alike faces (mean |Δ| %3)").arg(seed).arg(seed + 1).arg(dSeed)));
    }

    void batchEqualsOneByOne_data() {
        QTest::addColumn<qint64>("size");
        QTest::newRow("16") << qint64(16);
        QTest::newRow("37") << qint64(37);
        QTest::newRow("64") << qint64(64);
    }
    void batchEqualsOneByOne() {
        QFETCH(qint64, size);
        // The batch on two threads, the single faces on one: LibTorch splits the work differently.
        const int threads = torch::get_num_threads();
        torch::set_num_threads(2);
        const auto batch = sampleFaces(5, 24, size, 3);
        torch::set_num_threads(1);
        for (int64_t i = 0; i < 24; ++i) {
            const auto one = sampleFaces(5 + i, 1, size, 3);
            QVERIFY2(torch::equal(batch.images[i], one.images[0]),
                     qPrintable(QString("face %1 differs in a batch of 24 (max |Δ| %2)")
                                    .arg(5 + i)
                                    .arg((batch.images[i] - one.images[0]).abs().max().item<double>())));
        }
        torch::set_num_threads(threads);
    }

    void everySizeHasTheRightShapeAndRange_data() {
        QTest::addColumn<qint64>("size");
        for (qint64 s : {16, 32, 64, 128}) QTest::newRow(qPrintable(QString::number(s))) << s;
    }
    void everySizeHasTheRightShapeAndRange() {
        QFETCH(qint64, size);
        const auto batch = sampleFaces(0, 6, size, 1);
        QCOMPARE(batch.images.sizes().vec(), (std::vector<int64_t>{6, 3, size, size}));
        QCOMPARE(batch.images.scalar_type(), torch::kFloat32);
        QVERIFY(torch::isfinite(batch.images).all().item<bool>());
        QVERIFY(batch.images.min().item<double>() >= 0.0);
        QVERIFY(batch.images.max().item<double>() <= 1.0);
        // Every image has structure (not a flat colour).
        const auto spread = batch.images.flatten(1).std(1);
        QVERIFY2(spread.min().item<double>() > 0.05,
                 qPrintable(QString("flat image: std %1").arg(spread.min().item<double>())));
    }

    void rejectsBadSizes() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, renderFaces({FaceAttributes{}}, 15));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, renderFaces({FaceAttributes{}}, 129));
        FaceAttributes bad;
        bad.smile = 1.5f;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, renderFaces({bad}, 32));
        QCOMPARE(renderFaces({}, 32).size(0), int64_t(0));
    }

    void attributesInRangeAndUniform() {
        const auto names = faceAttributeNames();
        std::vector<double> smile, age;
        int64_t glasses = 0, male = 0;
        for (int64_t i = 0; i < 2000; ++i) {
            const FaceAttributes a = randomFaceAttributes(5, i);
            const auto values = attributeValues(a);
            QCOMPARE(values.size(), names.size());
            for (float v : values) QVERIFY(std::isfinite(v));
            QVERIFY(a.smile >= -1 && a.smile <= 1);
            QVERIFY(a.age >= 0 && a.age <= 1);
            QVERIFY(a.beard >= 0 && a.beard <= 1);
            QVERIFY(a.yaw >= -1 && a.yaw <= 1 && a.gazeX >= -1 && a.gazeX <= 1);
            QVERIFY(hairGreyness(a) >= 0 && hairGreyness(a) <= 1);
            if (!a.male) QCOMPARE(a.beard, 0.0f);
            QCOMPARE(faceLabels(a).size(), faceLabelNames().size());
            smile.push_back(a.smile);
            age.push_back(a.age);
            glasses += a.glasses;
            male += a.male;
        }
        const auto [sMin, sMax] = std::minmax_element(smile.begin(), smile.end());
        const auto [aMin, aMax] = std::minmax_element(age.begin(), age.end());
        QVERIFY(*sMin < -0.99 && *sMax > 0.99);
        QVERIFY(*aMin < 0.01 && *aMax > 0.99);
        // Uniform: a quarter of the draws in each quarter of the range (±3.5 binomial σ).
        for (int q = 0; q < 4; ++q) {
            const double lo = -1 + 0.5 * q, alo = 0.25 * q;
            const auto ns =
                std::count_if(smile.begin(), smile.end(), [&](double s) { return s >= lo && s < lo + 0.5; });
            const auto na = std::count_if(age.begin(), age.end(), [&](double s) { return s >= alo && s < alo + 0.25; });
            QVERIFY2(std::abs(ns - 500) < 70, qPrintable(QString("smile quarter %1 holds %2 of 2000").arg(q).arg(ns)));
            QVERIFY2(std::abs(na - 500) < 70, qPrintable(QString("age quarter %1 holds %2 of 2000").arg(q).arg(na)));
        }
        QVERIFY(glasses > 450 && glasses < 750);
        QVERIFY(male > 850 && male < 1150);
    }

    void smileAndAgeAreIndependent() {
        std::vector<double> smile, age, glasses, male;
        for (int64_t i = 0; i < 2000; ++i) {
            const FaceAttributes a = randomFaceAttributes(123, i);
            smile.push_back(a.smile);
            age.push_back(a.age);
            glasses.push_back(a.glasses);
            male.push_back(a.male);
        }
        const double r = correlation(smile, age);
        QVERIFY2(std::abs(r) < 0.1, qPrintable(QString("corr(smile, age) = %1").arg(r)));
        QVERIFY(std::abs(correlation(smile, male)) < 0.1);
        QVERIFY(std::abs(correlation(age, glasses)) < 0.1);
        QVERIFY(std::abs(correlation(smile, glasses)) < 0.1);
    }

    void bothClassesOfTheMainLabelsAreCommon() {
        const auto names = faceLabelNames();
        std::vector<int64_t> positives(names.size(), 0);
        const int64_t n = 2000;
        for (int64_t i = 0; i < n; ++i) {
            const auto labels = faceLabels(randomFaceAttributes(8, i));
            for (size_t k = 0; k < labels.size(); ++k) positives[k] += labels[k];
        }
        for (size_t k = 0; k < names.size(); ++k) {
            const double f = static_cast<double>(positives[k]) / n;
            QVERIFY2(f > 0.05 && f < 0.95, qPrintable(QString("%1: %2 positive").arg(names[k].c_str()).arg(f)));
        }
        // Smiling = smile > 0.25 → 37.5%; Young = age < 0.45 → 45%.
        QVERIFY(std::abs(positives[0] / double(n) - 0.375) < 0.04);
        QVERIFY(std::abs(positives[1] / double(n) - 0.45) < 0.04);
    }

    void smileChangesTheMouthAndLittleElse_data() {
        QTest::addColumn<qint64>("index");
        for (qint64 i : {0, 1, 2, 3, 4, 5}) QTest::newRow(qPrintable(QString("face %1").arg(i))) << i;
    }
    void smileChangesTheMouthAndLittleElse() {
        QFETCH(qint64, index);
        const int64_t S = 64;
        FaceAttributes frown = frontal(index), smile = frown, neutral = frown;
        frown.smile = -1;
        smile.smile = 1;
        neutral.smile = 0;
        const auto images = renderFaces({frown, neutral, smile}, S);
        const auto diff = (images[2] - images[0]).abs().amax(0);  // [S, S]
        const auto mouth = boxMask(frameBox(-0.4, 0.4, -0.62, -0.12, S), S);
        const double inside = diff.masked_select(mouth).mean().item<double>();
        const double outside = diff.masked_select(~mouth).mean().item<double>();
        QVERIFY2(inside > 0.06, qPrintable(QString("smile −1 → +1 changes the mouth box by only %1").arg(inside)));
        QVERIFY2(outside < 0.12 * inside,
                 qPrintable(QString("smile changes the rest of the face too much: %1 outside vs %2 inside")
                                .arg(outside)
                                .arg(inside)));
        // A broad smile shows teeth (near-white pixels in the mouth box); a frown or a neutral
        // face does not.
        auto teeth = [&](int64_t k) {
            const auto white = (images[k].amin(0) > 0.82) & mouth;
            return white.sum().item<int64_t>();
        };
        QVERIFY2(teeth(2) >= 8, qPrintable(QString("broad smile: %1 teeth pixels").arg(teeth(2))));
        QVERIFY2(teeth(0) <= 1 && teeth(1) <= 1,
                 qPrintable(QString("frown %1, neutral %2 teeth pixels").arg(teeth(0)).arg(teeth(1))));
    }

    void frownAndSmileBendTheMouthOppositeWays() {
        // The dark line between the lips: its corners sit above its middle in a smile, below in a frown.
        const int64_t S = 128;
        FaceAttributes frown = frontal(2), smile = frown;
        frown.smile = -1;
        smile.smile = 0.3f;  // closed smile: the line is visible along its whole length
        const auto images = renderFaces({frown, smile}, S);
        auto darkestRow = [&](int64_t k, double x) {
            const auto b = frameBox(x - 0.02, x + 0.02, -0.6, -0.15, S);
            const auto lum = images[k].mean(0).slice(0, b.r0, b.r1).slice(1, b.c0, b.c1).mean(1);
            return b.r0 + lum.argmin().item<int64_t>();
        };
        const int64_t frownMiddle = darkestRow(0, 0.0), frownCorner = darkestRow(0, 0.12);
        const int64_t smileMiddle = darkestRow(1, 0.0), smileCorner = darkestRow(1, 0.13);
        QVERIFY2(frownCorner > frownMiddle,
                 qPrintable(QString("frown: corner row %1, middle row %2").arg(frownCorner).arg(frownMiddle)));
        QVERIFY2(smileCorner < smileMiddle,
                 qPrintable(QString("smile: corner row %1, middle row %2").arg(smileCorner).arg(smileMiddle)));
    }

    void ageGreysTheHairAndAgesTheSkin_data() {
        QTest::addColumn<int>("colour");
        QTest::newRow("black hair") << int(HairColor::Black);
        QTest::newRow("brown hair") << int(HairColor::Brown);
        QTest::newRow("blond hair") << int(HairColor::Blond);
        QTest::newRow("auburn hair") << int(HairColor::Auburn);
    }
    void ageGreysTheHairAndAgesTheSkin() {
        QFETCH(int, colour);
        const int64_t S = 64;
        FaceAttributes young = frontal(3);
        young.hairStyle = HairStyle::Short;
        young.hairColor = static_cast<HairColor>(colour);
        young.hairVolume = 1.0f;
        young.greyOnset = 0.4f;
        young.skinTone = 0.2f;
        young.recede = 0.0f;
        young.beard = 0.0f;
        young.age = 0.0f;
        FaceAttributes old = young;
        old.age = 1.0f;
        const auto images = renderFaces({young, old}, S);
        auto patch = [&](int64_t k, double x0, double x1, double y0, double y1) {
            const auto b = frameBox(x0, x1, y0, y1, S);
            return images[k].slice(1, b.r0, b.r1).slice(2, b.c0, b.c1).mean({1, 2});  // [3]
        };
        auto chroma = [](const torch::Tensor& rgb) { return (rgb.max() - rgb.min()).item<double>(); };
        // Hair on top of the head: greyer (less colourful) and changed.
        const auto hairYoung = patch(0, -0.15, 0.15, 0.66, 0.74), hairOld = patch(1, -0.15, 0.15, 0.66, 0.74);
        QVERIFY2(chroma(hairOld) < 0.6 * chroma(hairYoung) + 0.02,
                 qPrintable(QString("hair chroma young %1, old %2").arg(chroma(hairYoung)).arg(chroma(hairOld))));
        QVERIFY2((hairOld - hairYoung).abs().max().item<double>() > 0.1, "age does not change the hair colour");
        // Cheek skin: less saturated.
        const auto cheekYoung = patch(0, 0.18, 0.32, -0.3, -0.2), cheekOld = patch(1, 0.18, 0.32, -0.3, -0.2);
        QVERIFY2(chroma(cheekOld) < 0.85 * chroma(cheekYoung),
                 qPrintable(QString("cheek chroma young %1, old %2").arg(chroma(cheekYoung)).arg(chroma(cheekOld))));
        // Forehead: wrinkles make it less uniform.
        auto roughness = [&](int64_t k) {
            const auto b = frameBox(-0.15, 0.15, 0.32, 0.46, S);
            return images[k].mean(0).slice(0, b.r0, b.r1).slice(1, b.c0, b.c1).std().item<double>();
        };
        QVERIFY2(roughness(1) > roughness(0) + 0.01,
                 qPrintable(QString("forehead std young %1, old %2").arg(roughness(0)).arg(roughness(1))));
    }

    void glassesDrawFramesAroundTheEyes() {
        const int64_t S = 64;
        FaceAttributes without = frontal(4), with = without;
        with.glasses = true;
        with.frameColor = 0.0f;  // black
        const auto images = renderFaces({without, with}, S);
        const auto diff = (images[1] - images[0]).abs().amax(0);
        const auto eyes = boxMask(frameBox(-0.45, 0.45, -0.05, 0.3, S), S);
        const double inside = diff.masked_select(eyes).mean().item<double>();
        const double outside = diff.masked_select(~eyes).mean().item<double>();
        QVERIFY2(inside > 0.05 && outside < 0.3 * inside,
                 qPrintable(QString("glasses: %1 around the eyes, %2 elsewhere").arg(inside).arg(outside)));
    }
};

QTEST_APPLESS_MAIN(TestFaceRenderer)
#include "test_face_renderer.moc"
