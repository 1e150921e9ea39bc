// The change-of-variables ledger: its last log q equals the grid's log q_K at the same point, its
// rows add up (log q_0(z_0) − Σ log|det J_k|, with q_0 written out here), each log-det equals a
// finite difference of the layer's forward map, the traced points map forward onto each other,
// and the probe square's area ratios approach |det J_k|.

#include "analysis/density_analysis.h"
#include "analysis/density_ledger.h"
#include "common/test_support.h"

#include <QtTest>

#include <cmath>

using namespace flowscope;

class TestDensityLedger : public QObject {
    Q_OBJECT

private slots:
    void ledgerMatchesGridAndLayers_data() {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("seed");
        QTest::addColumn<double>("scale");
        QTest::newRow("planar/8") << "planar" << 8 << 1 << 0.8;
        QTest::newRow("planar/32") << "planar" << 32 << 2 << 0.6;
        QTest::newRow("radial/8") << "radial" << 8 << 3 << 0.8;
        QTest::newRow("affine/6") << "affine" << 6 << 4 << 0.3;
        QTest::newRow("additive/6") << "additive" << 6 << 5 << 0.3;
    }
    void ledgerMatchesGridAndLayers() {
        QFETCH(QString, flow);
        QFETCH(int, layers);
        QFETCH(int, seed);
        QFETCH(double, scale);
        FlowModel model = test::perturbedFlowModel(flow.toStdString(), layers, static_cast<uint64_t>(seed), scale);
        GridSpec grid;
        grid.nx = grid.ny = 16;
        grid.x0 = grid.y0 = -3;
        grid.x1 = grid.y1 = 3;
        const DensityAnalysis analysis = analyzeDensities(*model, grid);
        const size_t K = static_cast<size_t>(layers);

        // The test's own double copy, for the finite differences of each layer's forward map.
        model->to(torch::kFloat64);
        torch::NoGradGuard noGrad;
        double worstGrid = 0, worstFd = 0;
        for (int64_t j = 1; j < grid.ny; j += 5)
            for (int64_t i = 2; i < grid.nx; i += 4) {
                const double x = grid.x(i), y = grid.y(j);
                const DensityLedger ledger = densityLedger(*model, x, y, 1e-3);
                QCOMPARE(ledger.steps.size(), K + 1);
                // Against the displayed grid (float32 storage: relative 1e-6 is a few ulps).
                const double shown = analysis.logDensity[K].at(i, j);
                const double gridError = std::abs(ledger.logQFinal - shown) / std::max(1.0, std::abs(shown));
                worstGrid = std::max(worstGrid, gridError);
                QVERIFY2(gridError < 1e-6, qPrintable(QString("(%1, %2): ledger %3, grid %4")
                                                          .arg(x)
                                                          .arg(y)
                                                          .arg(ledger.logQFinal, 0, 'g', 12)
                                                          .arg(shown, 0, 'g', 12)));
                QCOMPARE(ledger.steps[K].z[0], x);
                QCOMPARE(ledger.steps[K].z[1], y);
                // The rows add up, with q_0 = N(0, I) written out here.
                const auto& z0 = ledger.steps[0].z;
                double sum = -0.5 * (z0[0] * z0[0] + z0[1] * z0[1]) - std::log(2 * M_PI);
                QVERIFY(std::abs(ledger.steps[0].logQ - sum) < 1e-12);
                for (size_t k = 1; k <= K; ++k) {
                    sum -= ledger.steps[k].logdet;
                    QVERIFY(std::abs(ledger.steps[k].logQ - sum) < 1e-10 * (1 + std::abs(sum)));
                }
                QVERIFY(std::abs(ledger.logQFinal - sum) < 1e-10 * (1 + std::abs(sum)));
                // Each layer: forward(z_{k−1}) = z_k and log|det| = a central difference of its map.
                for (size_t k = 1; k <= K; ++k) {
                    auto& layer = *model->flows->layer(k - 1);
                    const auto& zp = ledger.steps[k - 1].z;
                    auto at = [&](double a, double b) {
                        return layer.forward(torch::tensor({{a, b}}, torch::kFloat64));
                    };
                    const auto mapped = at(zp[0], zp[1]);
                    QVERIFY(std::abs(mapped.z[0][0].item<double>() - ledger.steps[k].z[0]) < 1e-8);
                    QVERIFY(std::abs(mapped.z[0][1].item<double>() - ledger.steps[k].z[1]) < 1e-8);
                    const double h = 1e-5;
                    const auto dx = (at(zp[0] + h, zp[1]).z - at(zp[0] - h, zp[1]).z) / (2 * h);
                    const auto dy = (at(zp[0], zp[1] + h).z - at(zp[0], zp[1] - h).z) / (2 * h);
                    const double det = dx[0][0].item<double>() * dy[0][1].item<double>() -
                                       dy[0][0].item<double>() * dx[0][1].item<double>();
                    const double fdError = std::abs(std::log(std::abs(det)) - ledger.steps[k].logdet);
                    worstFd = std::max(worstFd, fdError);
                    QVERIFY2(fdError < 1e-6, qPrintable(QString("layer %1: log|det| %2, finite difference %3")
                                                            .arg(k)
                                                            .arg(ledger.steps[k].logdet, 0, 'g', 12)
                                                            .arg(std::log(std::abs(det)), 0, 'g', 12)));
                    // The probe square: area ratio → |det J_k| (first order in the side).
                    const double ratio = ledger.steps[k].area / ledger.steps[k - 1].area;
                    QVERIFY2(std::abs(std::log(ratio) - ledger.steps[k].logdet) < 2e-3,
                             qPrintable(QString("layer %1: area ratio %2, |det J| %3")
                                            .arg(k)
                                            .arg(ratio)
                                            .arg(std::exp(ledger.steps[k].logdet))));
                }
                QVERIFY(std::abs(ledger.steps[K].area - 1e-6) < 1e-15);  // the square itself (1e-9 relative)
            }
        qInfo("worst relative gap to the grid %.2e, worst finite-difference gap %.2e", worstGrid, worstFd);
    }

    /// A point of an earlier step's view is traced back through that step's layers only.
    void ledgerOfAnEarlierStep() {
        FlowModel model = test::perturbedFlowModel("radial", 6, 9, 0.8);
        const GridSpec grid = test::squareGrid(20, 3);
        const DensityAnalysis analysis = analyzeDensities(*model, grid);
        for (size_t k : {size_t(0), size_t(2), size_t(5)}) {
            const DensityLedger ledger = densityLedger(*model, grid.x(7), grid.y(12), 1e-3, 32, k);
            QCOMPARE(ledger.steps.size(), k + 1);
            const double shown = analysis.logDensity[k].at(7, 12);
            QVERIFY2(std::abs(ledger.logQFinal - shown) < 1e-6 * std::max(1.0, std::abs(shown)),
                     qPrintable(QString("step %1: ledger %2, grid %3").arg(k).arg(ledger.logQFinal).arg(shown)));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, densityLedger(*model, 0, 0, 0.01, 32, 7));
    }

    void badProbesAreRefused() {
        FlowModel model = test::perturbedFlowModel("planar", 2, 1, 0.5);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, densityLedger(*model, std::nan(""), 0, 0.01));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, densityLedger(*model, 0, INFINITY, 0.01));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, densityLedger(*model, 0, 0, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, densityLedger(*model, 0, 0, -1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, densityLedger(*model, 0, 0, 0.01, 0));
    }
};

QTEST_GUILESS_MAIN(TestDensityLedger)
#include "test_density_ledger.moc"
