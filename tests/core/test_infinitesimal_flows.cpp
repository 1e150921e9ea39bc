// Infinitesimal flows. Langevin: the Fokker–Planck density keeps its mass and stays positive over
// long runs, never raises KL to the target, keeps its stationary state fixed, reaches it, follows
// the Ornstein–Uhlenbeck solution known in closed form, and its stationary state is the target
// (its normaliser against the energy's own quadrature); Euler–Maruyama particles have the OU
// variance. Hamiltonian: the leapfrog map is reversible and volume preserving (measured by finite
// differences), its Jacobian formula matches them, and its energy error is second order.

#include "analysis/grid.h"
#include "common/test_support.h"
#include "infinitesimal/energy_potential.h"
#include "infinitesimal/fokker_planck.h"
#include "infinitesimal/langevin_particles.h"
#include "infinitesimal/leapfrog.h"

#include <QtTest>

#include <cmath>

using namespace flowscope;

namespace {

GridSpec extentGrid(const Energy& energy, int64_t n) {
    GridSpec g;
    g.nx = g.ny = n;
    const auto e = energy.extent();
    g.x0 = e[0], g.x1 = e[1], g.y0 = e[2], g.y1 = e[3];
    return g;
}

std::vector<double> quadraticOnCells(const GridSpec& g) {
    std::vector<double> u(static_cast<size_t>(g.size()));
    for (int64_t j = 0; j < g.ny; ++j)
        for (int64_t i = 0; i < g.nx; ++i)
            u[static_cast<size_t>(j * g.nx + i)] = 0.5 * (g.x(i) * g.x(i) + g.y(j) * g.y(j));
    return u;
}

/// E[x²] of a density on the grid's cells.
double varianceX(const FokkerPlanckSolver& s) {
    const GridSpec& g = s.grid();
    double m2 = 0;
    for (int64_t j = 0; j < g.ny; ++j)
        for (int64_t i = 0; i < g.nx; ++i) m2 += s.density()[static_cast<size_t>(j * g.nx + i)] * g.x(i) * g.x(i);
    return m2 * g.dx() * g.dy();
}

}  // namespace

class TestInfinitesimalFlows : public QObject {
    Q_OBJECT

private slots:
    void fokkerPlanckKeepsMassAndPositivityAndLowersKl_data() {
        QTest::addColumn<QString>("target");
        for (const char* t : {"U1", "U2", "U3", "U4"}) QTest::newRow(t) << QString(t);
    }
    void fokkerPlanckKeepsMassAndPositivityAndLowersKl() {
        QFETCH(QString, target);
        const Energy energy = Energy::fromName(target.toStdString());
        const GridSpec g = extentGrid(energy, 64);
        FokkerPlanckSolver solver(g, energyOnCells(energy, g));
        solver.setGaussian(0, 0, 1);
        double previousKl = solver.klToStationary();
        const double startKl = previousKl;
        QVERIFY(startKl > 0.05);
        for (int frame = 1; frame <= 40; ++frame) {
            solver.advance(1.0);
            QVERIFY2(std::abs(solver.mass() - 1) < 1e-9, qPrintable(QString("mass %1").arg(solver.mass(), 0, 'g', 15)));
            QVERIFY(solver.minDensity() >= 0);
            const double kl = solver.klToStationary();
            QVERIFY2(kl <= previousKl * (1 + 1e-12) + 1e-15,
                     qPrintable(QString("t = %1: KL rose from %2 to %3").arg(solver.time()).arg(previousKl).arg(kl)));
            previousKl = kl;
        }
        QCOMPARE(solver.time(), 40.0);
        // By t = 40 KL has fallen by orders of magnitude, even for U4, the slowest (its mass crosses
        // between two branches; measured: KL 3.3 → 3.6e-3 by t = 20, decaying as e^{−0.3 t} or
        // faster, so below 3.3e-3 · 3.3 by t = 40). A scheme whose equilibrium is not exp(−U)
        // would level off at a KL of order one.
        qInfo("%s: KL %.3g → %.3g over t = 40 in %lld steps of %.3g", qPrintable(target), startKl, previousKl,
              static_cast<long long>(solver.stepsTaken()), solver.stableStep());
        QVERIFY2(previousKl < 1e-3 * startKl, qPrintable(QString("KL %1 → %2").arg(startKl).arg(previousKl)));
    }

    void stationaryStateIsTheTargetAndStaysPut() {
        const Energy energy = Energy::fromName("U1");
        const GridSpec g = extentGrid(energy, 128);
        const auto u = energyOnCells(energy, g);
        FokkerPlanckSolver solver(g, u);
        // π ∝ exp(−U) on the cells: its normaliser agrees with the energy's own quadrature.
        const double cell = g.dx() * g.dy();
        double z = 0;
        for (double v : u) z += std::exp(-v) * cell;
        QVERIFY2(std::abs(std::log(z) - energy.logZ()) < 1e-3,
                 qPrintable(QString("log Z on the grid %1, by quadrature %2").arg(std::log(z)).arg(energy.logZ())));
        for (size_t i = 0; i < u.size(); i += 97)
            QVERIFY(std::abs(solver.stationary()[i] - std::exp(-u[i]) / z) < 1e-12);
        // A fixed point: started there, it stays (to rounding).
        solver.setDensity(solver.stationary());
        solver.advance(2.0);
        double worst = 0;
        for (size_t i = 0; i < u.size(); ++i)
            worst = std::max(worst, std::abs(solver.density()[i] - solver.stationary()[i]) / solver.stationary()[i]);
        QVERIFY2(worst < 1e-9, qPrintable(QString("relative drift %1").arg(worst)));
        QVERIFY(solver.klToStationary() < 1e-12);
    }

    /// U = ½|z|²: the Ornstein–Uhlenbeck process, whose density stays Gaussian with
    /// Var_t = 1 + (Var_0 − 1) e^{−2t} — an exact solution to follow, not just an end state.
    void fokkerPlanckFollowsOrnsteinUhlenbeck() {
        const GridSpec g = test::squareGrid(160, 5);
        FokkerPlanckSolver solver(g, quadraticOnCells(g));
        const double sigma0 = 0.5;
        solver.setGaussian(0, 0, sigma0);
        const double var0 = varianceX(solver);  // the cells' own variance at t = 0 (≈ σ0² + h²/12)
        QVERIFY(std::abs(var0 - sigma0 * sigma0) < 2e-3);
        for (double t : {0.1, 0.4, 1.0, 3.0}) {
            solver.advance(t - solver.time());
            const double expected = 1 + (var0 - 1) * std::exp(-2 * t);
            QVERIFY2(std::abs(varianceX(solver) - expected) < 3e-3,
                     qPrintable(QString("t = %1: variance %2, OU %3").arg(t).arg(varianceX(solver)).arg(expected)));
        }
        // Halving the cell size brings it closer (second order in h): the scheme converges.
        auto errorAt = [](int64_t n) {
            const GridSpec gn = test::squareGrid(n, 5);
            FokkerPlanckSolver s(gn, quadraticOnCells(gn));
            s.setGaussian(0, 0, 0.5);
            const double v0 = varianceX(s);
            s.advance(0.5);
            return std::abs(varianceX(s) - (1 + (v0 - 1) * std::exp(-1.0)));
        };
        const double coarse = errorAt(40), fine = errorAt(80);
        qInfo("OU variance error at t = 0.5: %.3g (40²), %.3g (80²)", coarse, fine);
        QVERIFY2(fine < coarse / 2.5, qPrintable(QString("errors %1 → %2").arg(coarse).arg(fine)));
    }

    void particlesHaveTheOrnsteinUhlenbeckVariance() {
        LangevinParticles particles([](double x, double y, double& gx, double& gy) { gx = x, gy = y; }, 20000, 0, 0,
                                    0.5, 7);
        particles.advance(1.0, 1e-3);
        QCOMPARE(particles.time(), 1.0);
        double m2 = 0;
        for (double v : particles.positions()) m2 += v * v;
        m2 /= static_cast<double>(particles.positions().size());
        const double expected = 1 + (0.25 - 1) * std::exp(-2.0);
        // Standard error of a variance from 40000 draws: ≈ var·√(2/n) ≈ 0.006; Euler's bias ≈ dt.
        QVERIFY2(std::abs(m2 - expected) < 0.025, qPrintable(QString("variance %1, OU %2").arg(m2).arg(expected)));
    }

    void badInputsAreRefused() {
        const GridSpec g = test::squareGrid(8, 1);
        std::vector<double> u(64, 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FokkerPlanckSolver(g, std::vector<double>(63, 0.0)));
        u[5] = std::nan("");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FokkerPlanckSolver(g, u));
        u[5] = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FokkerPlanckSolver(g, u, 1.5));
        FokkerPlanckSolver s(g, u);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.setDensity(std::vector<double>(64, 0.0)));
        std::vector<double> negative(64, 1.0);
        negative[3] = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.setDensity(negative));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.setGaussian(0, 0, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.advance(-1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.advance(INFINITY));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Leapfrog(Potential1D(Potential1D::Id::Gaussian), 0.0));
        QVERIFY(!Potential1D::fromName("quartic"));
    }

    void potentialDerivativesMatchFiniteDifferences_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"gaussian", "double-well", "mixture"}) QTest::newRow(n) << QString(n);
    }
    void potentialDerivativesMatchFiniteDifferences() {
        QFETCH(QString, name);
        const Potential1D u = *Potential1D::fromName(name.toStdString());
        QCOMPARE(QString::fromStdString(u.name()), name);
        const double h = 1e-5;
        for (double q = -3; q <= 3; q += 0.37) {
            const double g = (u.value(q + h) - u.value(q - h)) / (2 * h);
            const double c = (u.gradient(q + h) - u.gradient(q - h)) / (2 * h);
            QVERIFY2(std::abs(g - u.gradient(q)) < 1e-6 * (1 + std::abs(g)), qPrintable(QString("U' at %1").arg(q)));
            QVERIFY2(std::abs(c - u.curvature(q)) < 1e-6 * (1 + std::abs(c)), qPrintable(QString("U'' at %1").arg(q)));
        }
        // The mixture's U is its true −log p: exp(−U) integrates to 1.
        if (name == "mixture") {
            double mass = 0;
            for (double q = -10; q < 10; q += 1e-3) mass += std::exp(-u.value(q + 5e-4)) * 1e-3;
            QVERIFY(std::abs(mass - 1) < 1e-9);
        }
    }

    void leapfrogIsReversibleAndPreservesVolume_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("eps");
        QTest::addColumn<int>("steps");
        QTest::newRow("gaussian/0.3x1") << "gaussian" << 0.3 << 1;
        QTest::newRow("double-well/0.05x20") << "double-well" << 0.05 << 20;
        QTest::newRow("mixture/0.1x10") << "mixture" << 0.1 << 10;
    }
    void leapfrogIsReversibleAndPreservesVolume() {
        QFETCH(QString, name);
        QFETCH(double, eps);
        QFETCH(int, steps);
        const Potential1D u = *Potential1D::fromName(name.toStdString());
        const Leapfrog leapfrog(u, eps, steps);
        const auto e = u.extent();
        GridSpec g;
        g.nx = g.ny = 24;
        g.x0 = e[0], g.x1 = e[1], g.y0 = -3, g.y1 = 3;
        double worstReturn = 0;
        for (int64_t j = 0; j < g.ny; ++j)
            for (int64_t i = 0; i < g.nx; ++i) {
                const PhasePoint x{g.x(i), g.y(j)};
                PhasePoint y = leapfrog.map(x);
                y.p = -y.p;
                PhasePoint back = leapfrog.map(y);
                back.p = -back.p;
                worstReturn = std::max(worstReturn, std::max(std::abs(back.q - x.q), std::abs(back.p - x.p)));
                // The Jacobian formula: determinant 1 and the same as a finite difference.
                const auto J = leapfrog.jacobian(x);
                QVERIFY(std::abs(J[0] * J[3] - J[1] * J[2] - 1) < 1e-9 * (1 + std::abs(J[0] * J[3])));
                const double h = 1e-6;
                const PhasePoint a = leapfrog.map({x.q + h, x.p}), b = leapfrog.map({x.q - h, x.p});
                QVERIFY(std::abs((a.q - b.q) / (2 * h) - J[0]) < 1e-5 * (1 + std::abs(J[0])));
                QVERIFY(std::abs((a.p - b.p) / (2 * h) - J[2]) < 1e-5 * (1 + std::abs(J[2])));
            }
        QVERIFY2(worstReturn < 1e-12, qPrintable(QString("flip-step-flip misses the start by %1").arg(worstReturn)));
        const ScalarGrid logdet = leapfrogLogdetGrid(leapfrog, g);
        const float worstLogdet = std::max(std::abs(logdet.minValue()), std::abs(logdet.maxValue()));
        qInfo("%s: measured log|det J| within ±%.2g", qPrintable(name), worstLogdet);
        QVERIFY2(worstLogdet < 1e-6, qPrintable(QString("log|det J| up to %1").arg(worstLogdet)));
        const auto warped = leapfrogWarpedGrid(leapfrog, g, 9, 50);
        QCOMPARE(warped[0].size(), size_t(18));
        QCOMPARE(warped[1][3].x.size(), size_t(50));
        QVERIFY(!hamiltonianLevelSets(u, g, 6).empty());
    }

    /// Leapfrog is second order: over a fixed time, halving ε divides the energy error by ≈ 4.
    void leapfrogEnergyErrorIsSecondOrder() {
        const Potential1D u(Potential1D::Id::DoubleWell);
        auto worstEnergyError = [&](double eps) {
            const Leapfrog lf(u, eps);
            const auto orbit = lf.orbit({0.3, 1.5}, static_cast<int>(std::lround(4.0 / eps)));
            double worst = 0;
            for (const auto& x : orbit) worst = std::max(worst, std::abs(lf.energy(x) - lf.energy(orbit.front())));
            return worst;
        };
        const double coarse = worstEnergyError(0.01), fine = worstEnergyError(0.005);
        qInfo("max |ΔH| over t = 4: %.3g (ε = 0.01), %.3g (ε = 0.005)", coarse, fine);
        QVERIFY2(coarse / fine > 3.5 && coarse / fine < 4.5, qPrintable(QString("ratio %1").arg(coarse / fine)));
    }
};

QTEST_GUILESS_MAIN(TestInfinitesimalFlows)
#include "test_infinitesimal_flows.moc"
