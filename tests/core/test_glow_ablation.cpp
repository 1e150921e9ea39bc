// Glow's ablation runner: six variants in the paper's order, every variant of one seed trained on
// the very same batches (a recording data source sees them), other seeds on other batches, the
// reported points at every evaluation interval and at the end, permutations and couplings as
// named, and stop honoured.

#include "glow/glow_ablation.h"

#include <QtTest>

#include <atomic>
#include <map>

using namespace flowscope;

namespace {

/// Random batches from a fixed pool, recording a fingerprint (the sum of its pixels) of each.
class RecordingSource : public GlowDataSource {
public:
    RecordingSource() {
        auto gen = torch::make_generator<torch::CPUGeneratorImpl>(3);
        m_pool = torch::randint(0, 256, {40, 1, 8, 8}, gen, torch::kLong).to(torch::kUInt8);
    }
    torch::Tensor batch(int64_t n, torch::Generator& gen) override {
        auto b = m_pool.index_select(0, torch::randint(m_pool.size(0), {n}, gen, torch::kLong));
        fingerprints.push_back(b.to(torch::kLong).sum().item<int64_t>());
        return b;
    }
    int64_t channels() const override { return 1; }
    int64_t imageSize() const override { return 8; }
    std::string description() const override { return "recording"; }
    std::vector<int64_t> fingerprints;

private:
    torch::Tensor m_pool;
};

GlowAblationConfig tinyConfig() {
    GlowAblationConfig c;
    c.model.inChannels = 1;
    c.model.imageSize = 8;
    c.model.levels = 2;
    c.model.steps = 1;
    c.model.hidden = 4;
    c.model.nBits = 8;
    c.training.batch = 4;
    c.training.iterations = 5;
    c.training.warmup = 1;
    c.training.learningRate = 1e-3;
    c.training.device = "cpu";
    c.seeds = 2;
    c.evalEvery = 2;
    c.evalBatch = 8;
    return c;
}

}  // namespace

class TestGlowAblation : public QObject {
    Q_OBJECT

private slots:
    void variantsAreThePapers() {
        const auto v = glowAblationVariants();
        QCOMPARE(v.size(), size_t(6));
        const GlowPermutation order[] = {GlowPermutation::Reverse, GlowPermutation::Shuffle, GlowPermutation::Conv1x1};
        for (size_t i = 0; i < 6; ++i) {
            QCOMPARE(v[i].affine, i >= 3);
            QCOMPARE(int(v[i].permutation), int(order[i % 3]));
        }
        QCOMPARE(v[4].name, std::string("affine, shuffle"));
    }

    void sameBatchesForEveryVariantOfASeed() {
        auto source = std::make_shared<RecordingSource>();
        const auto c = tinyConfig();
        auto gen = torch::make_generator<torch::CPUGeneratorImpl>(9);
        const auto test = torch::randint(0, 256, {6, 1, 8, 8}, gen, torch::kLong).to(torch::kUInt8);
        std::vector<GlowAblationPoint> points;
        std::map<std::pair<size_t, int64_t>, std::vector<int64_t>> batches;  // (variant, seed) → fingerprints
        size_t seen = 0;
        runGlowAblation(c, source, test, [&](const GlowAblationPoint& p) {
            points.push_back(p);
            auto& list = batches[{p.variant, p.seed}];
            list.insert(list.end(), source->fingerprints.begin() + static_cast<std::ptrdiff_t>(seen),
                        source->fingerprints.end());
            seen = source->fingerprints.size();
            QVERIFY(std::isfinite(p.testBitsPerDim) && p.testBitsPerDim > 0);
        });
        // Points at iterations 2, 4 and 5 for each of 6 × 2 runs.
        QCOMPARE(points.size(), size_t(6 * 2 * 3));
        const std::vector<int64_t> iterations = {2, 4, 5};
        for (size_t i = 0; i < points.size(); ++i) QCOMPARE(points[i].iteration, iterations[i % 3]);
        QCOMPARE(source->fingerprints.size(), size_t(6 * 2 * 5));
        auto run = [&](size_t v, int64_t s) { return batches[std::make_pair(v, s)]; };
        for (size_t v = 1; v < 6; ++v)
            for (int64_t s = 0; s < 2; ++s) QVERIFY(run(v, s) == run(0, s));
        QVERIFY(run(0, 0) != run(0, 1));
        // The variants are different models: their held-out numbers differ.
        QVERIFY(points[2].testBitsPerDim != points[2 + 6 * 3].testBitsPerDim);
    }

    void stopEndsTheRun() {
        auto source = std::make_shared<RecordingSource>();
        std::atomic<bool> stop{false};
        int calls = 0;
        runGlowAblation(
            tinyConfig(), source, torch::zeros({2, 1, 8, 8}, torch::kUInt8),
            [&](const GlowAblationPoint&) {
                if (++calls == 2) stop = true;
            },
            &stop);
        QCOMPARE(calls, 2);
        auto bad = tinyConfig();
        bad.seeds = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 runGlowAblation(bad, source, torch::zeros({2, 1, 8, 8}, torch::kUInt8), nullptr));
    }
};

QTEST_GUILESS_MAIN(TestGlowAblation)
#include "test_glow_ablation.moc"
