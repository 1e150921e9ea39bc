// The Hamiltonian page as a lecturer uses it: the leapfrog map's measured log|det J| is zero to
// finite-difference precision everywhere on the plane, flip–map–flip–map returns every start,
// orbits follow a click, and the energy error grows as ε² (second order) — all shown on screen.

#include "gui/hamiltonian_page.h"
#include "widgets/density_view.h"

#include <qcustomplot.h>

#include <QMouseEvent>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace flowscope;

class TestHamiltonianPage : public QObject {
    Q_OBJECT

    static bool waitView(HamiltonianPage& page, QSignalSpy& shown, int count) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 20000 && shown.count() < count) QTest::qWait(10);
        return shown.count() >= count && !page.lastView().logJoint.values.empty();
    }

private slots:
    void volumeIsPreservedAndTheMapReverses() {
        HamiltonianPage page;
        page.resize(1200, 700);
        page.show();
        QSignalSpy shown(&page, &HamiltonianPage::viewShown);
        QVERIFY(waitView(page, shown, 1));
        const HamiltonianView& v = page.lastView();
        QVERIFY(std::abs(v.logJoint.integralOfExp() - 1) < 1e-5);
        QCOMPARE(v.logdet.values.size(), size_t(96 * 96));
        // Five-point differences with h = 3e-5 resolve log|det J| to ~1e-9 here; a map that is
        // not volume preserving (say, p scaled by 0.99 each step) would show 1e-2.
        QVERIFY2(v.maxAbsLogdet < 1e-6, qPrintable(QString::number(v.maxAbsLogdet)));
        QVERIFY2(v.reversibilityError < 1e-12, qPrintable(QString::number(v.reversibilityError)));
        QCOMPARE(v.orbitPoints.size(), size_t(3 * 301 * 2));  // three default starts
        QVERIFY(!v.levelSets.empty() && !v.gridAfter.empty());
    }

    void aClickStartsAnOrbitThere() {
        HamiltonianPage page;
        page.resize(1200, 700);
        page.show();
        QSignalSpy shown(&page, &HamiltonianPage::viewShown);
        QVERIFY(waitView(page, shown, 1));
        page.clearOrbits();
        QVERIFY(waitView(page, shown, 2));
        QVERIFY(page.lastView().orbitPoints.empty());
        auto* plot = page.phaseView()->findChild<QCustomPlot*>();
        const QPointF centre = plot->axisRect()->center();
        const QPointF data = page.phaseView()->pixelToData(centre);
        QMouseEvent press(QEvent::MouseButtonPress, centre, plot->mapToGlobal(centre), Qt::LeftButton, Qt::LeftButton,
                          Qt::NoModifier);
        QMouseEvent release(QEvent::MouseButtonRelease, centre, plot->mapToGlobal(centre), Qt::LeftButton, Qt::NoButton,
                            Qt::NoModifier);
        QApplication::sendEvent(plot, &press);
        QApplication::sendEvent(plot, &release);
        QVERIFY(waitView(page, shown, 3));
        const auto& orbit = page.lastView().orbitPoints;
        QCOMPARE(orbit.size(), size_t(301 * 2));
        QVERIFY(std::abs(orbit[0] - data.x()) < 1e-5 && std::abs(orbit[1] - data.y()) < 1e-5);
    }

    void theEnergyErrorIsSecondOrderInTheStep() {
        HamiltonianPage page;
        page.show();
        QSignalSpy shown(&page, &HamiltonianPage::viewShown);
        QVERIFY(waitView(page, shown, 1));
        HamiltonianSettings s = page.settings();
        s.target = "gaussian";
        s.starts = {1.0, 0.5};
        s.steps = 1;
        s.stepSize = 0.2;
        page.applySettings(s);
        QVERIFY(waitView(page, shown, 2));
        const double coarse = page.lastView().maxEnergyDrift;
        s.stepSize = 0.1;
        page.applySettings(s);
        QVERIFY(waitView(page, shown, 3));
        const double fine = page.lastView().maxEnergyDrift;
        // Leapfrog's energy error is O(ε²): halving ε divides it by about 4.
        QVERIFY2(coarse / fine > 3.5 && coarse / fine < 4.5, qPrintable(QString("%1 / %2").arg(coarse).arg(fine)));
    }
};

QTEST_MAIN(TestHamiltonianPage)
#include "test_hamiltonian_page.moc"
