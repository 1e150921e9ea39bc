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
#include "infinitesimal/point_potential.h"
#include "infinitesimal/leapfrog.h"

#include <QtTest>

#include <cmath>
#include <random>

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
/// 200 points on the circle of radius 2, as a drawn shape.
std::vector<float> drawnRing() {
    std::vector<float> ring;
    for (int i = 0; i < 200; ++i) ring.insert(ring.end(), {2.0f * std::cos(0.0314f * i), 2.0f * std::sin(0.0314f * i)});
    return ring;
}

/// The Langevin page's drawing canvas [−4, 4]² (cells set by the caller).
GridSpec drawingCanvas() {
    GridSpec g;
    g.x0 = g.y0 = -4, g.x1 = g.y1 = 4;
    return g;
}

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
    /// A drawn shape's potential: −log of the points' kernel density, computed here as a plain
    /// sum in long double; its gradient against central differences; and far from the points
    /// (where the plain sum underflows) the log-sum-exp form against the nearest kernel alone.
    void pointPotentialIsMinusLogKernelDensity() {
        const std::vector<float> xy{-1.0f, 0.5f, 0.7f, 0.2f, 0.1f, -1.3f, 1.5f, 1.5f};
        const double h = 0.3;
        const PointPotential u(xy, h);
        QCOMPARE(u.pointCount(), size_t(4));
        for (auto [x, y] : {std::pair{0.0, 0.0}, std::pair{-1.0, 0.4}, std::pair{1.2, 1.0}, std::pair{0.3, -0.9}}) {
            long double sum = 0;
            for (size_t i = 0; i < xy.size(); i += 2) {
                const long double dx = x - xy[i], dy = y - xy[i + 1];
                sum += std::exp(-(dx * dx + dy * dy) / (2.0L * h * h)) / (2.0L * M_PI * h * h);
            }
            const double expected = -std::log(static_cast<double>(sum / 4.0L));
            double gx = 0, gy = 0;
            const double got = u.evaluate(x, y, &gx, &gy);
            QVERIFY2(std::abs(got - expected) < 1e-12, qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
            const double e = 1e-6;
            const double fx = (u.evaluate(x + e, y) - u.evaluate(x - e, y)) / (2 * e);
            const double fy = (u.evaluate(x, y + e) - u.evaluate(x, y - e)) / (2 * e);
            QVERIFY2(std::abs(gx - fx) < 1e-6 * (1 + std::abs(fx)) && std::abs(gy - fy) < 1e-6 * (1 + std::abs(fy)),
                     qPrintable(QString("(%1, %2) vs (%3, %4)").arg(gx).arg(gy).arg(fx).arg(fy)));
        }
        // At (40, 40) every kernel underflows in double; the nearest one, (1.5, 1.5), dominates.
        const double dx = 40 - 1.5, far = dx * dx / (h * h) + std::log(4.0) + std::log(2 * M_PI * h * h);
        QVERIFY(std::abs(u.evaluate(40, 40) - far) < 1e-9 * far);
    }

    void pointPotentialRefusesBadDrawings() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PointPotential({0.0f, 0.0f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PointPotential({0.0f, 0.0f, 1.0f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PointPotential({0.0f, NAN, 1.0f, 1.0f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PointPotential({0.0f, 0.0f, 1.0f, 1.0f}, 0.0));
        // A long drawing is subsampled evenly: the cost of an evaluation is bounded.
        std::vector<float> many;
        for (int i = 0; i < 5000; ++i) many.insert(many.end(), {std::cos(0.01f * i), std::sin(0.01f * i)});
        QCOMPARE(PointPotential(many).pointCount(), PointPotential::kMaxPoints);
    }

    void tabulatedGradientFollowsTheExactOne() {
        // Bilinear interpolation of ∇U between cell centres: its error is O(cell²·|∇³U|); on a
        // 128² grid over [−4, 4]² for a ring of radius 2 drawn with h = 0.25 it stays within a few
        // tenths of a per cent of |∇U| where the particles live (measured: 0.4 %), against O(1) for
        // a wrong cell or a swapped axis.
        const PointPotential u(drawnRing());
        GridSpec g = drawingCanvas();
        g.nx = g.ny = 128;
        const auto grad = tabulatedGradient(u, g);
        std::mt19937_64 rng(3);
        std::uniform_real_distribution<double> angle(0, 6.283), radius(1.6, 2.4);
        double worst = 0;
        for (int k = 0; k < 400; ++k) {
            const double a = angle(rng), r = radius(rng), x = r * std::cos(a), y = r * std::sin(a);
            double ex = 0, ey = 0, tx = 0, ty = 0;
            u.evaluate(x, y, &ex, &ey);
            grad(x, y, tx, ty);
            worst = std::max(worst, std::hypot(tx - ex, ty - ey) / std::max(1.0, std::hypot(ex, ey)));
        }
        qInfo("tabulated ∇U: worst relative error %.3g near the ring", worst);
        QVERIFY2(worst < 0.02, qPrintable(QString::number(worst)));
        double ox = 0, oy = 0, fx = 0, fy = 0;  // outside the grid: the exact gradient
        grad(6.0, -5.0, ox, oy);
        u.evaluate(6.0, -5.0, &fx, &fy);
        QCOMPARE(ox, fx);
        QCOMPARE(oy, fy);
    }

    void fokkerPlanckReachesADrawnShape() {
        const PointPotential u(drawnRing());
        GridSpec g = drawingCanvas();
        g.nx = g.ny = 64;
        FokkerPlanckSolver solver(g, u.onCells(g));
        solver.setGaussian(0, 0, 1);
        const double startKl = solver.klToStationary();
        double previous = startKl;
        for (int frame = 0; frame < 20; ++frame) {
            solver.advance(0.25);
            QVERIFY(std::abs(solver.mass() - 1) < 1e-9);
            QVERIFY(solver.minDensity() >= 0);
            QVERIFY(solver.klToStationary() <= previous * (1 + 1e-12) + 1e-15);
            previous = solver.klToStationary();
        }
        // N(0, I) and the ring share their symmetry, so only the radial profile has to move: KL
        // falls by orders of magnitude by t = 5 (measured 6.8 → 1.8e-8; a scheme with the wrong
        // equilibrium levels off at a KL of order one).
        qInfo("drawn ring: KL %.3g → %.3g by t = 5", startKl, previous);
        QVERIFY2(previous < 1e-5 * startKl, qPrintable(QString("%1 → %2").arg(startKl).arg(previous)));
    }

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
