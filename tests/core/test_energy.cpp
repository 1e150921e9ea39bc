// Rezende & Mohamed's energies: the torch and double implementations agree, gradients match
// autograd, and log Z matches independent references (the published log Z(U1) = 1.8775, the
// closed form for U2 on the box, Monte Carlo for U3/U4).

#include "targets/energy.h"
#include "util/random.h"

#include <QtTest>

#include <cmath>

using namespace flowscope;

class TestEnergy : public QObject {
    Q_OBJECT

private slots:
    void torchAndDoubleAgree_data() {
        QTest::addColumn<QString>("name");
        for (const auto& n : Energy::names()) QTest::newRow(n.c_str()) << QString::fromStdString(n);
    }
    void torchAndDoubleAgree() {
        QFETCH(QString, name);
        const Energy e = Energy::fromName(name.toStdString());
        auto gen = makeGenerator(1);
        auto z = (torch::randn({500, 2}, gen, torch::kFloat64) * 2.5).set_requires_grad(true);
        auto u = e(z);
        auto grad = torch::autograd::grad({u.sum()}, {z})[0];
        for (int64_t i = 0; i < z.size(0); ++i) {
            double g1, g2;
            const double ud = e.evaluate(z[i][0].item<double>(), z[i][1].item<double>(), &g1, &g2);
            QVERIFY2(std::abs(ud - u[i].item<double>()) < 1e-9 * (1 + std::abs(ud)),
                     qPrintable(QString("U differs at row %1: %2 vs %3").arg(i).arg(ud).arg(u[i].item<double>())));
            QVERIFY2(std::abs(g1 - grad[i][0].item<double>()) < 1e-7 * (1 + std::abs(g1)),
                     "∂U/∂z1 differs from autograd");
            QVERIFY2(std::abs(g2 - grad[i][1].item<double>()) < 1e-7 * (1 + std::abs(g2)),
                     "∂U/∂z2 differs from autograd");
        }
    }

    void matchesValuesComputedOutsideTheCode_data() {
        // From tests/core/data/energy_reference.py: the paper's formulas in Python's math module,
        // written independently of core/targets/energy.cpp (rerun it to regenerate this table).
        // Hand checks: U2(1, −0.5) = ½((−0.5 − sin(π/2))/0.4)² = 7.03125; U2(0, 0) = 0.
        struct Row {
            const char* name;
            double z1, z2, u;
        };
        const Row rows[] = {
            {"U1", 0.0, 0.0, 17.36240837499561},
            {"U1", 1.0, -0.5, 3.819699084288359},
            {"U1", -2.0, 1.5, 0.7812499997766369},
            {"U1", 2.5, 0.3, 1.1855264421859302},
            {"U1", 0.3, -2.2, 4.1305823338412795},
            {"U1", -1.2, -0.8, 1.8611308919734622},
            {"U1", 3.1, 2.0, 10.597138691313763},
            {"U2", 0.0, 0.0, 0.0},
            {"U2", 1.0, -0.5, 7.03125},
            {"U2", -2.0, 1.5, 7.031250000000002},
            {"U2", 2.5, 0.3, 3.1695752147247758},
            {"U2", 0.3, -2.2, 22.011454914711777},
            {"U2", -1.2, -0.8, 0.07130647223508751},
            {"U2", 3.1, 2.0, 27.894630064150395},
            {"U3", 0.0, 0.0, -0.09701079000802837},
            {"U3", 1.0, -0.5, 8.490526288827809},
            {"U3", -2.0, 1.5, 8.490594735471998},
            {"U3", 2.5, 0.3, 3.865869437797221},
            {"U3", 0.3, -2.2, 5.257909735865961},
            {"U3", -1.2, -0.8, -0.5977613701563373},
            {"U3", 3.1, 2.0, 35.817564509475254},
            {"U4", 0.0, 0.0, -0.6715922809171395},
            {"U4", 1.0, -0.5, -0.0008834359624455369},
            {"U4", -2.0, 1.5, 6.921491457961993},
            {"U4", 2.5, 0.3, 3.1695752147247758},
            {"U4", 0.3, -2.2, 21.76605674933678},
            {"U4", -1.2, -0.8, -0.6097844146715952},
            {"U4", 3.1, 2.0, 27.894630064150395},
        };
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("z1");
        QTest::addColumn<double>("z2");
        QTest::addColumn<double>("expected");
        for (const auto& r : rows)
            QTest::newRow(qPrintable(QString("%1(%2, %3)").arg(r.name).arg(r.z1).arg(r.z2)))
                << QString(r.name) << r.z1 << r.z2 << r.u;
    }
    void matchesValuesComputedOutsideTheCode() {
        QFETCH(QString, name);
        QFETCH(double, z1);
        QFETCH(double, z2);
        QFETCH(double, expected);
        const Energy e = Energy::fromName(name.toStdString());
        const double got = e.evaluate(z1, z2);
        QVERIFY2(std::abs(got - expected) < 1e-12 * (1 + std::abs(expected)),
                 qPrintable(QString("%1 vs %2").arg(got, 0, 'g', 17).arg(expected, 0, 'g', 17)));
        auto z = torch::tensor({{z1, z2}}, torch::kFloat64);
        const double viaTorch = e(z).item<double>();
        QVERIFY2(std::abs(viaTorch - expected) < 1e-12 * (1 + std::abs(expected)),
                 qPrintable(QString("torch: %1").arg(viaTorch, 0, 'g', 17)));
    }

    void logZofU1MatchesPublishedValue() {
        QVERIFY2(std::abs(Energy::fromName("U1").logZ() - 1.8775) < 5e-4,
                 qPrintable(QString("log Z(U1) = %1").arg(Energy::fromName("U1").logZ(), 0, 'f', 6)));
    }

    void logZofU2MatchesClosedForm() {
        // Inside the box U2 is a Gaussian in z2 of width 0.4 around sin(πz1/2) ∈ [−1, 1]; beyond
        // |z1| = 4 the boundary term is a half-Gaussian of width 0.2 on each side. So
        // Z = (8 + 0.2·√(2π)) · 0.4·√(2π).
        const double s2pi = std::sqrt(2 * M_PI);
        const double expected = std::log((8.0 + 0.2 * s2pi) * 0.4 * s2pi);
        const double got = Energy::fromName("U2").logZ();
        QVERIFY2(std::abs(got - expected) < 1e-6,
                 qPrintable(QString("log Z(U2) = %1, expected %2").arg(got).arg(expected)));
    }

    void logZMatchesMonteCarlo_data() {
        QTest::addColumn<QString>("name");
        for (const auto& n : Energy::names()) QTest::newRow(n.c_str()) << QString::fromStdString(n);
    }
    void logZMatchesMonteCarlo() {
        QFETCH(QString, name);
        const Energy e = Energy::fromName(name.toStdString());
        // Uniform proposal over a box holding the mass; 2M points give ~0.5% relative error.
        const double half = 5.8;
        auto gen = makeGenerator(77);
        auto z = (torch::rand({2'000'000, 2}, gen, torch::kFloat64) * 2 - 1) * half;
        torch::NoGradGuard noGrad;
        const double mean = torch::exp(-e(z)).mean().item<double>();
        const double mc = std::log(mean * 4 * half * half);
        QVERIFY2(std::abs(mc - e.logZ()) < 0.02,
                 qPrintable(QString("quadrature %1, Monte Carlo %2").arg(e.logZ()).arg(mc)));
    }

    void boundaryOnlyOutsideTheBox() {
        const Energy u2 = Energy::fromName("U2");
        // Inside the box the energy is the paper's formula exactly.
        const double z1 = 3.9, z2 = 0.2;
        const double w1 = std::sin(2 * M_PI * z1 / 4);
        QCOMPARE(u2.evaluate(z1, z2), 0.5 * std::pow((z2 - w1) / 0.4, 2));
        // Outside it grows, so the density is normalisable.
        QVERIFY(u2.evaluate(4.5, std::sin(2 * M_PI * 4.5 / 4)) > 3.0);
        QVERIFY(!Energy::fromName("U1").hasBoundary());
    }

    void rejectsUnknownNames() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Energy::fromName("U5"));
        QVERIFY(Energy::isEnergyName("u3"));
        QVERIFY(!Energy::isEnergyName("moons"));
    }
};

QTEST_APPLESS_MAIN(TestEnergy)
#include "test_energy.moc"
