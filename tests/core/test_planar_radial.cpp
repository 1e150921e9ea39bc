// Planar and radial specifics: inverses at the edge of their invertibility constraints, the
// constraint itself, and the implicit gradient through the planar inverse (used by maximum
// likelihood) against finite differences.

#include "common/test_support.h"
#include "flow/planar_flow.h"
#include "flow/radial_flow.h"
#include "util/random.h"

#include <QtTest>

using namespace flowscope;

class TestPlanarRadial : public QObject {
    Q_OBJECT

private slots:
    void planarConstraintHolds_data() {
        QTest::addColumn<int>("seed");
        for (int s = 0; s < 8; ++s) QTest::newRow(qPrintable(QString::number(s))) << s;
    }
    void planarConstraintHolds() {
        QFETCH(int, seed);
        PlanarFlow layer(PlanarFlowOptions(2).seed(static_cast<uint64_t>(seed)));
        test::perturbParameters(*layer, 3.0, static_cast<uint64_t>(seed));  // wild raw parameters
        torch::NoGradGuard noGrad;
        // In float, wᵀû may round to −1; the log-det uses 1 + wᵀû = softplus(wᵀu) > 0 directly.
        QVERIFY(layer->onePlusWuHat().item<float>() > 0.0f);
        auto gen = makeGenerator(static_cast<uint64_t>(seed));
        auto z = torch::randn({256, 2}, gen) * 3.0;
        QVERIFY(torch::isfinite(layer->forward(z).logdet).all().item<bool>());
        layer->to(torch::kFloat64);
        const double wuh = (layer->w * layer->uHat()).sum().item<double>();
        QVERIFY2(wuh > -1.0, qPrintable(QString("wᵀû = %1 breaks invertibility").arg(wuh)));
    }

    void planarInverseNearBoundary_data() {
        QTest::addColumn<double>("wuHat");
        QTest::addColumn<double>("bias");
        QTest::newRow("c=-0.9") << -0.9 << 0.0;
        QTest::newRow("c=-0.999") << -0.999 << 0.5;
        QTest::newRow("c=-0.999999") << -0.999999 << -1.0;
        QTest::newRow("c=+40") << 40.0 << 2.0;
    }
    void planarInverseNearBoundary() {
        QFETCH(double, wuHat);
        QFETCH(double, bias);
        PlanarFlow layer(PlanarFlowOptions(2));
        layer->to(torch::kFloat64);
        torch::NoGradGuard noGrad;
        layer->w.copy_(torch::tensor({1.0, 0.5}, torch::kFloat64));
        layer->b.fill_(bias);
        // û = (c/‖w‖²)·w + a component orthogonal to w.
        auto w = layer->w;
        auto uh = wuHat * w / (w * w).sum() + 0.3 * torch::tensor({-0.5, 1.0}, torch::kFloat64);
        layer->setUHat(uh);
        QVERIFY(std::abs((layer->w * layer->uHat()).sum().item<double>() - wuHat) < 1e-9);
        // Points on, near and far from the hyperplane wᵀz + b = 0, where the map contracts most.
        auto gen = makeGenerator(3);
        auto z = torch::randn({200, 2}, gen, torch::kFloat64) * 0.05;
        z.index({torch::indexing::Slice(), 0}).sub_(bias);  // wᵀz ≈ −b
        z = torch::cat({z, torch::randn({50, 2}, gen, torch::kFloat64) * 5});
        auto fwd = layer->forward(z);
        auto back = layer->inverse(fwd.z);
        QVERIFY(torch::isfinite(fwd.logdet).all().item<bool>());
        const double err = (back.z - z).abs().max().item<double>();
        QVERIFY2(err < 1e-5, qPrintable(QString("round trip error %1 at wᵀû = %2").arg(err).arg(wuHat)));
    }

    void radialInverseNearBoundary_data() {
        QTest::addColumn<double>("alpha");
        QTest::addColumn<double>("betaOverAlpha");
        QTest::newRow("contracting to the edge") << 0.5 << -0.999999;
        QTest::newRow("contracting") << 2.0 << -0.9;
        QTest::newRow("expanding") << 0.1 << 50.0;
        QTest::newRow("tiny alpha") << 1e-4 << -0.5;
    }
    void radialInverseNearBoundary() {
        QFETCH(double, alpha);
        QFETCH(double, betaOverAlpha);
        RadialFlow layer(RadialFlowOptions(2));
        layer->to(torch::kFloat64);
        torch::NoGradGuard noGrad;
        layer->z0.copy_(torch::tensor({0.3, -0.2}, torch::kFloat64));
        layer->setAlphaBeta(alpha, betaOverAlpha * alpha);
        auto gen = makeGenerator(5);
        auto z = torch::cat({layer->z0.unsqueeze(0),  // exactly at the centre
                             layer->z0 + torch::randn({100, 2}, gen, torch::kFloat64) * 1e-3,
                             torch::randn({100, 2}, gen, torch::kFloat64) * 3});
        auto fwd = layer->forward(z);
        auto back = layer->inverse(fwd.z);
        QVERIFY(torch::isfinite(fwd.logdet).all().item<bool>());
        QVERIFY(torch::isfinite(back.z).all().item<bool>());
        const double err = (back.z - z).abs().max().item<double>();
        QVERIFY2(err < 1e-5, qPrintable(QString("round trip error %1").arg(err)));
    }

    void radialRejectsInvalidParameters() {
        RadialFlow layer(RadialFlowOptions(2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, layer->setAlphaBeta(-1.0, 0.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, layer->setAlphaBeta(1.0, -1.5));
    }

    /// Maximum likelihood differentiates through the planar inverse: check the implicit
    /// gradient against central finite differences of the (double-precision) solve.
    void planarInverseGradientMatchesFiniteDifferences() {
        PlanarFlow layer(PlanarFlowOptions(2).seed(9));
        test::perturbParameters(*layer, 0.8, 4);
        layer->to(torch::kFloat64);
        auto gen = makeGenerator(11);
        auto y = torch::randn({16, 2}, gen, torch::kFloat64);
        auto objective = [&] {
            auto inv = layer->inverse(y);
            return (inv.z * torch::tensor({0.7, -1.3}, torch::kFloat64)).sum() + inv.logdet.sum();
        };
        auto loss = objective();
        auto grads = torch::autograd::grad({loss}, {layer->u, layer->w, layer->b});
        torch::NoGradGuard noGrad;
        const double h = 1e-6;
        std::vector<torch::Tensor> params{layer->u, layer->w, layer->b};
        for (size_t p = 0; p < params.size(); ++p) {
            for (int64_t i = 0; i < params[p].numel(); ++i) {
                auto flat = params[p].view({-1});
                const double keep = flat[i].item<double>();
                flat[i] = keep + h;
                const double up = objective().item<double>();
                flat[i] = keep - h;
                const double down = objective().item<double>();
                flat[i] = keep;
                const double numeric = (up - down) / (2 * h);
                const double analytic = grads[p].view({-1})[i].item<double>();
                QVERIFY2(
                    std::abs(numeric - analytic) < 1e-5 * (1 + std::abs(numeric)),
                    qPrintable(
                        QString("param %1[%2]: analytic %3, numeric %4").arg(p).arg(i).arg(analytic).arg(numeric)));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestPlanarRadial)
#include "test_planar_radial.moc"
