// Exact 2D analysis: per-step densities integrate to 1, the SIMD planar/radial kernel equals the
// plain LibTorch inverses, the base step is the analytic Gaussian, frames interpolate between
// steps, log-det grids match the layers, and grid lines and particles follow the flow.

#include "analysis/contours.h"
#include "analysis/density_analysis.h"
#include "common/test_support.h"
#include "util/random.h"

#include <QtTest>

#include <cmath>

using namespace flowscope;

class TestDensityAnalysis : public QObject {
    Q_OBJECT

private slots:
    /// The mass-m contour of N(0, I) in 2-D is the circle r = √(−2 ln(1 − m)): 1.177 for 50 %,
    /// 2.146 for 90 %; every vertex must lie on it (to a fraction of a cell), a peak-fraction
    /// contour would not.
    void massContoursEncloseTheirMass() {
        GridSpec g;
        g.nx = g.ny = 401;
        g.x0 = g.y0 = -5;
        g.x1 = g.y1 = 5;
        ScalarGrid logDensity{g, {}};
        for (int64_t j = 0; j < g.ny; ++j)
            for (int64_t i = 0; i < g.nx; ++i)
                logDensity.values.push_back(
                    static_cast<float>(-0.5 * (g.x(i) * g.x(i) + g.y(j) * g.y(j)) - std::log(2 * M_PI)));
        const auto lines = massContours(logDensity, {0.5, 0.9, 1.5});
        QCOMPARE(lines.size(), size_t(2));  // 1.5 is not a mass
        const double expected[2] = {std::sqrt(-2 * std::log(0.5)), std::sqrt(-2 * std::log(0.1))};
        for (int l = 0; l < 2; ++l) {
            int vertices = 0;
            for (size_t v = 0; v < lines[l].x.size(); ++v) {
                if (!std::isfinite(lines[l].x[v])) continue;
                const double r = std::hypot(lines[l].x[v], lines[l].y[v]);
                QVERIFY2(std::abs(r - expected[l]) < 0.02, qPrintable(QString("line %1: r = %2").arg(l).arg(r)));
                ++vertices;
            }
            QVERIFY(vertices > 100);
        }
    }

    void densitiesIntegrateToOne_data() {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<int>("seed");
        for (const char* f : {"planar", "radial", "affine", "additive"})
            for (int s : {1, 2}) QTest::newRow(qPrintable(QString("%1/%2").arg(f).arg(s))) << QString(f) << s;
    }
    void densitiesIntegrateToOne() {
        QFETCH(QString, flow);
        QFETCH(int, seed);
        // Coupling layers compound exp(s) per layer: smaller perturbations keep the mass in view.
        const double scale = flow.startsWith("a") ? 0.1 : 0.4;
        auto model = test::perturbedFlowModel(flow.toStdString(), 6, static_cast<uint64_t>(seed), scale);
        // The mass stays within a few units: check that on samples before trusting the box.
        auto gen = makeGenerator(3);
        torch::NoGradGuard noGrad;
        const double reach = model->sample(20000, gen).x.abs().max().item<double>();
        QVERIFY2(reach < 9.0, qPrintable(QString("samples reach %1: the test box would cut mass").arg(reach)));
        const auto analysis = analyzeDensities(*model, test::squareGrid(400, 10.0));
        QCOMPARE(analysis.logDensity.size(), size_t(7));
        QCOMPARE(analysis.layerLogdet.size(), size_t(6));
        QCOMPARE(analysis.cumulativeLogdet.size(), size_t(7));
        for (size_t k = 0; k < analysis.logDensity.size(); ++k) {
            const double integral = analysis.logDensity[k].integralOfExp();
            QVERIFY2(std::abs(integral - 1.0) < 0.01,
                     qPrintable(QString("step %1 integrates to %2").arg(k).arg(integral)));
        }
    }

    void baseStepIsTheGaussian() {
        auto model = test::perturbedFlowModel("planar", 3, 1, 0.5);
        GridSpec g = test::squareGrid(64, 3.0);
        const auto a = analyzeDensities(*model, g);
        for (int64_t j = 0; j < g.ny; j += 7)
            for (int64_t i = 0; i < g.nx; i += 5) {
                const double x = g.x(i), y = g.y(j);
                const double expected = -0.5 * (x * x + y * y) - std::log(2 * M_PI);
                QVERIFY(std::abs(a.logDensity[0].at(i, j) - expected) < 1e-5);
            }
        // The peak of q_0 sits at the grid point nearest the origin.
        const auto& v = a.logDensity[0].values;
        const auto peak = std::max_element(v.begin(), v.end()) - v.begin();
        QVERIFY(std::abs(g.x(peak % g.nx)) <= g.dx() && std::abs(g.y(peak / g.nx)) <= g.dy());
    }

    void fastKernelMatchesLibTorch_data() {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<double>("scale");
        QTest::newRow("planar mild") << "planar" << 0.5;
        QTest::newRow("planar wild") << "planar" << 2.5;
        QTest::newRow("radial mild") << "radial" << 0.5;
        QTest::newRow("radial wild") << "radial" << 2.0;
    }
    void fastKernelMatchesLibTorch() {
        QFETCH(QString, flow);
        QFETCH(double, scale);
        auto model = test::perturbedFlowModel(flow.toStdString(), 12, 7, scale);
        GridSpec g = test::squareGrid(101, 5.0);  // odd size: exercises the kernel's padded tail block
        AnalysisOptions fast, slow;
        slow.allowFastKernel = false;
        const auto a = analyzeDensities(*model, g, fast);
        const auto b = analyzeDensities(*model, g, slow);
        for (size_t k = 0; k < a.logDensity.size(); ++k) {
            // Both paths are float32. Measured over these four rows and all 13 steps: log densities
            // agree to 8.8e-6 of max(1, |log q|) (1.5e-5 nats where |log q| ≈ 10), cumulative
            // log-dets to 1.1e-5 nats: float32 rounding through twelve layers plus the kernel's
            // 2e-6 Newton tolerance. An absolute 1e-5 on log q is below float32's resolution
            // there, so the checks are 2e-5 relative and 2e-5 nats.
            double worstRel = 0, worstCum = 0;
            for (size_t i = 0; i < a.logDensity[k].values.size(); ++i) {
                const double ref = b.logDensity[k].values[i];
                if (ref < -20) continue;  // far tails: float rounding of a density below e^-20
                worstRel = std::max(worstRel, std::abs(a.logDensity[k].values[i] - ref) / std::max(1.0, std::abs(ref)));
                worstCum = std::max(
                    worstCum, double(std::abs(a.cumulativeLogdet[k].values[i] - b.cumulativeLogdet[k].values[i])));
            }
            QVERIFY2(worstRel < 2e-5,
                     qPrintable(QString("step %1: log densities differ by %2 of |log q|").arg(k).arg(worstRel)));
            QVERIFY2(worstCum < 2e-5,
                     qPrintable(QString("step %1: cumulative log-dets differ by %2").arg(k).arg(worstCum)));
        }
    }

    void framesInterpolateBetweenSteps() {
        auto model = test::perturbedFlowModel("affine", 4, 3, 0.1);
        GridSpec g = test::squareGrid(96, 8.0);
        const auto all = analyzeDensities(*model, g);
        for (size_t k = 0; k < 4; ++k) {
            const auto start = frameLogDensity(*model, k, 0.0, g);
            const auto end = frameLogDensity(*model, k, 1.0, g);
            const auto mid = frameLogDensity(*model, k, 0.5, g);
            double e0 = 0, e1 = 0, differs = 0;
            for (size_t i = 0; i < start.values.size(); ++i) {
                e0 = std::max(e0, double(std::abs(start.values[i] - all.logDensity[k].values[i])));
                e1 = std::max(e1, double(std::abs(end.values[i] - all.logDensity[k + 1].values[i])));
                differs = std::max(differs, double(std::abs(mid.values[i] - start.values[i])));
            }
            QVERIFY(e0 < 1e-5 && e1 < 1e-4);
            QVERIFY2(differs > 1e-3, "the half-way frame should differ from the step before it");
            QVERIFY(std::abs(mid.integralOfExp() - 1.0) < 0.01);
        }
    }

    void layerLogdetGridMatchesTheLayer() {
        auto model = test::perturbedFlowModel("radial", 3, 4, 1.0);
        GridSpec g = test::squareGrid(32, 3.0);
        const auto a = analyzeDensities(*model, g);
        torch::NoGradGuard noGrad;
        for (size_t k = 1; k <= 3; ++k) {
            const int64_t i = 5, j = 20;
            auto pt = torch::tensor({{g.x(i), g.y(j)}}, torch::kFloat32);
            const float expected = model->flows->layer(k - 1)->forward(pt).logdet.item<float>();
            QVERIFY(std::abs(a.layerLogdet[k - 1].at(i, j) - expected) < 1e-5);
        }
        // The cumulative log-det is log q_0(z_0) − log q_k: the change-of-variables identity.
        QVERIFY(a.cumulativeLogdet[0].maxValue() == 0.0f && a.cumulativeLogdet[0].minValue() == 0.0f);
    }

    void logdetGridsMatchFiniteDifferencesOfTheInverse_data() {
        QTest::addColumn<QString>("flow");
        for (const char* f : {"planar", "radial", "affine", "additive"}) QTest::newRow(f) << f;
    }
    void logdetGridsMatchFiniteDifferencesOfTheInverse() {
        // Independent of every layer's log-det formula: log|det J_k(z)| = −log|det J_{f_k⁻¹}(f_k(z))|,
        // the inverse's Jacobian by central differences in double precision, at every third grid
        // point of every layer's grid (the grid is the layer's input).
        QFETCH(QString, flow);
        auto model = test::perturbedFlowModel(flow.toStdString(), 3, 9, flow == "radial" ? 1.0 : 0.6);
        GridSpec g = test::squareGrid(45, 3.0);
        const auto a = analyzeDensities(*model, g);
        model->to(torch::kFloat64);
        torch::NoGradGuard noGrad;
        const double h = 1e-5;
        double worst = 0;
        int checked = 0;
        for (size_t k = 1; k <= 3; ++k) {
            auto& layer = *model->flows->layer(k - 1);
            for (int64_t j = 0; j < g.ny; j += 3)
                for (int64_t i = 0; i < g.nx; i += 3) {
                    auto z = torch::tensor({{g.x(i), g.y(j)}}, torch::kFloat64);
                    auto y = layer.forward(z).z;
                    // Columns of J_{f⁻¹}(y): (f⁻¹(y + h e_c) − f⁻¹(y − h e_c)) / 2h.
                    auto e = torch::eye(2, torch::kFloat64) * h;
                    auto ys = torch::cat({y + e, y - e});  // rows: +e1, +e2, −e1, −e2
                    auto back = layer.inverse(ys).z;
                    auto jac = ((back.slice(0, 0, 2) - back.slice(0, 2, 4)) / (2 * h)).t();  // [out, in]
                    const double det = jac[0][0].item<double>() * jac[1][1].item<double>() -
                                       jac[0][1].item<double>() * jac[1][0].item<double>();
                    const double reference = -std::log(std::abs(det));
                    worst = std::max(worst, std::abs(double(a.layerLogdet[k - 1].at(i, j)) - reference));
                    ++checked;
                }
        }
        qInfo("%s: %d points, worst |grid − finite difference| = %.2e", qPrintable(flow), checked, worst);
        QVERIFY(checked == 3 * 15 * 15);
        // Float32 grids of log-dets of order 1 (measured worst 4.2e-7), against differences accurate to ~1e-9.
        QVERIFY2(worst < 2e-6, qPrintable(QString("log-det grid differs from the finite difference by %1").arg(worst)));
    }

    void gridLinesAndParticlesFollowTheFlow() {
        auto model = test::perturbedFlowModel("planar", 5, 2, 0.8);
        const auto lines = warpedGridLines(*model, -2, 2, 5, 20);
        QCOMPARE(lines.size(), size_t(6));
        QCOMPARE(lines[0].size(), size_t(10));
        QCOMPARE(lines[0][0].x.size(), size_t(20));
        QCOMPARE(lines[0][0].x.front(), -2.0);  // the first vertical line at x = −2, unwarped
        const auto particles = particleTrajectories(*model, 100, 9);
        QCOMPARE(particles.size(), size_t(6));
        QCOMPARE(particles[5].size(), size_t(200));
        // Each step's particles are the previous step's pushed through that layer.
        torch::NoGradGuard noGrad;
        auto z2 = torch::from_blob(const_cast<float*>(particles[2].data()), {100, 2}).clone();
        auto z3 = torch::from_blob(const_cast<float*>(particles[3].data()), {100, 2}).clone();
        QVERIFY((model->flows->layer(2)->forward(z2).z - z3).abs().max().item<double>() < 1e-5);
    }

    void rejectsBadGrids() {
        auto model = test::perturbedFlowModel("planar", 1, 1, 0.1);
        GridSpec g = test::squareGrid(10, 1.0);
        g.x1 = g.x0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, analyzeDensities(*model, g));
        g = test::squareGrid(0, 1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, analyzeDensities(*model, g));
    }
};

QTEST_APPLESS_MAIN(TestDensityAnalysis)
#include "test_density_analysis.moc"
