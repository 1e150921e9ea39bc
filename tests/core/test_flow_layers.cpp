// Every vector flow layer, data-driven over kinds × dimensions 1–4 × seeds: round trips, log-det
// against the autograd Jacobian (determinant by Eigen), inverse log-det, finiteness, blending.

#include "common/test_support.h"
#include "core/layer_factory.h"
#include "util/random.h"

#include <QtTest>

using namespace flowscope;

class TestFlowLayers : public QObject {
    Q_OBJECT

private:
    static void addRows() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("dim");
        QTest::addColumn<int>("seed");
        for (const auto& kind : test::allLayerKinds())
            for (int dim = 1; dim <= 4; ++dim)
                for (int seed : {1, 2, 3})
                    QTest::newRow(qPrintable(QString("%1/d%2/s%3").arg(kind).arg(dim).arg(seed)))
                        << kind << dim << seed;
    }

    /// A perturbed layer in double precision and a batch of inputs spread over a few units.
    static std::pair<FlowLayerPtr, torch::Tensor> setUp(const QString& kind, int dim, int seed) {
        auto layer = test::makeLayer(kind, dim, static_cast<uint64_t>(seed));
        test::perturbParameters(*layer, 0.7, static_cast<uint64_t>(seed) + 100);
        layer->to(torch::kFloat64);
        auto gen = makeGenerator(static_cast<uint64_t>(seed) + 7);
        auto z = torch::randn({32, dim}, gen, torch::kFloat64) * 1.5;
        return {layer, z};
    }

private slots:
    void roundTrip_data() { addRows(); }
    void roundTrip() {
        QFETCH(QString, kind);
        QFETCH(int, dim);
        QFETCH(int, seed);
        auto [layer, z] = setUp(kind, dim, seed);
        torch::NoGradGuard noGrad;
        auto fwd = layer->forward(z);
        auto back = layer->inverse(fwd.z);
        QVERIFY(torch::isfinite(fwd.z).all().item<bool>());
        QVERIFY(torch::isfinite(fwd.logdet).all().item<bool>());
        QCOMPARE(fwd.logdet.sizes(), torch::IntArrayRef({32}));
        const double err = (back.z - z).abs().max().item<double>();
        QVERIFY2(err < 1e-5, qPrintable(QString("round-trip error %1").arg(err)));
        // The inverse reports the log-det of the map it applied: the negative of the forward one.
        const double ldErr = (back.logdet + fwd.logdet).abs().max().item<double>();
        QVERIFY2(ldErr < 1e-8, qPrintable(QString("inverse log-det mismatch %1").arg(ldErr)));
        // And the other way round, starting from the data side.
        auto inv = layer->inverse(z);
        const double err2 = (layer->forward(inv.z).z - z).abs().max().item<double>();
        QVERIFY2(err2 < 1e-5, qPrintable(QString("inverse-then-forward error %1").arg(err2)));
    }

    void logdetMatchesJacobian_data() { addRows(); }
    void logdetMatchesJacobian() {
        QFETCH(QString, kind);
        QFETCH(int, dim);
        QFETCH(int, seed);
        auto [layer, z] = setUp(kind, dim, seed);
        auto jac = test::autogradJacobian([&](const torch::Tensor& x) { return layer->forward(x).z; }, z);
        auto reference = test::eigenLogAbsDet(jac);
        const double err = (layer->forward(z).logdet.detach() - reference).abs().max().item<double>();
        QVERIFY2(err < 1e-9, qPrintable(QString("log-det differs from the Jacobian's by %1").arg(err)));
        // The inverse map's Jacobian, too.
        auto ijac = test::autogradJacobian([&](const torch::Tensor& x) { return layer->inverse(x).z; }, z);
        auto ireference = test::eigenLogAbsDet(ijac);
        const double ierr = (layer->inverse(z).logdet.detach() - ireference).abs().max().item<double>();
        QVERIFY2(ierr < 1e-9, qPrintable(QString("inverse log-det differs by %1").arg(ierr)));
    }

    void floatPrecisionIsFinite_data() { addRows(); }
    void floatPrecisionIsFinite() {
        QFETCH(QString, kind);
        QFETCH(int, dim);
        QFETCH(int, seed);
        auto layer = test::makeLayer(kind, dim, static_cast<uint64_t>(seed));
        test::perturbParameters(*layer, 0.7, static_cast<uint64_t>(seed) + 100);
        auto gen = makeGenerator(static_cast<uint64_t>(seed));
        auto z = torch::randn({64, dim}, gen) * 3.0;
        torch::NoGradGuard noGrad;
        auto fwd = layer->forward(z);
        auto back = layer->inverse(fwd.z);
        QVERIFY(torch::isfinite(fwd.z).all().item<bool>() && torch::isfinite(back.z).all().item<bool>());
        QVERIFY(fwd.z.scalar_type() == torch::kFloat32 && fwd.logdet.scalar_type() == torch::kFloat32);
        const double err = (back.z - z).abs().max().item<double>();
        QVERIFY2(err < 1e-3, qPrintable(QString("float round-trip error %1").arg(err)));
    }

    void blendedIsIdentityAtZeroAndLayerAtOne_data() { addRows(); }
    void blendedIsIdentityAtZeroAndLayerAtOne() {
        QFETCH(QString, kind);
        QFETCH(int, dim);
        QFETCH(int, seed);
        auto [layer, z] = setUp(kind, dim, seed);
        torch::NoGradGuard noGrad;
        auto zero = layer->blended(0.0);
        zero->to(torch::kFloat64);
        auto id = zero->forward(z);
        QVERIFY2((id.z - z).abs().max().item<double>() < 1e-9, "blended(0) must be the identity");
        QVERIFY((id.logdet).abs().max().item<double>() < 1e-9);
        auto full = layer->blended(1.0);
        full->to(torch::kFloat64);
        const double err = (full->forward(z).z - layer->forward(z).z).abs().max().item<double>();
        QVERIFY2(err < 1e-6, qPrintable(QString("blended(1) differs from the layer by %1").arg(err)));
        // Half way is a valid layer: invertible with a finite log-det.
        auto half = layer->blended(0.5);
        half->to(torch::kFloat64);
        auto h = half->forward(z);
        QVERIFY(torch::isfinite(h.logdet).all().item<bool>());
        QVERIFY((half->inverse(h.z).z - z).abs().max().item<double>() < 1e-5);
    }
};

QTEST_APPLESS_MAIN(TestFlowLayers)
#include "test_flow_layers.moc"
