// The Langevin page as a lecturer runs it: the density starts as the Gaussian at t = 0, Step
// moves it on by exactly 0.1, Play runs it while the event loop stays free, KL(p_t ‖ p) falls
// frame after frame with the mass kept at 1, the particles are there when asked for, a new
// target restarts at t = 0 without showing a stale frame, and the window's transport keys work
// on this page.

#include "gui/flow2d_page.h"
#include "gui/langevin_page.h"
#include "gui/main_window.h"
#include "widgets/density_view.h"
#include "widgets/kl_curve.h"

#include <QImageReader>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace flowscope;

class TestLangevinPage : public QObject {
    Q_OBJECT

    static bool waitFrame(LangevinPage& page, const std::function<bool(const LangevinFrame&)>& ok, int ms = 30000) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            QTest::qWait(10);
            if (!page.lastFrame().logDensity.values.empty() && ok(page.lastFrame())) return true;
        }
        return false;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void stepsPlaysAndConverges() {
        LangevinPage page;
        page.resize(1200, 700);
        page.show();
        LangevinSettings s;
        s.target = "U1";
        s.grid = 64;
        s.particles = 300;
        page.applySettings(s);
        QVERIFY(waitFrame(page, [](const LangevinFrame& f) { return f.time == 0 && f.logDensity.spec.nx == 64; }));
        QTRY_COMPARE_WITH_TIMEOUT(page.targetInfo().name, QString("U1"), 10000);
        const LangevinFrame start = page.lastFrame();
        QCOMPARE(start.logDensity.spec.nx, int64_t(64));
        QCOMPARE(start.particles.size(), size_t(600));
        QVERIFY(std::abs(start.mass - 1) < 1e-9);
        QVERIFY(start.kl > 0.5);  // N(0, I) is far from U1's ring
        // The target view shows a density on the same grid: it integrates to 1 as p_t does.
        QVERIFY(std::abs(page.targetInfo().logStationary.integralOfExp() - 1) < 1e-5);
        QVERIFY(std::abs(start.logDensity.integralOfExp() - 1) < 1e-5);

        QSignalSpy shown(&page, &LangevinPage::frameShown);
        page.stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
        page.stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 10000);
        QCOMPARE(page.lastFrame().time, 0.2);  // the last solver step is shortened to land on it
        QVERIFY(page.lastFrame().kl < start.kl);

        // Play: frames keep coming, time only grows, KL only falls, mass stays 1.
        double lastTime = page.lastFrame().time, lastKl = page.lastFrame().kl;
        bool monotone = true, massKept = true;
        connect(&page, &LangevinPage::frameShown, &page, [&] {
            const auto& f = page.lastFrame();
            monotone = monotone && f.time > lastTime && f.kl <= lastKl * (1 + 1e-9);
            massKept = massKept && std::abs(f.mass - 1) < 1e-9 && f.minDensity >= 0;
            lastTime = f.time, lastKl = f.kl;
        });
        page.togglePlay();
        QVERIFY(page.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 12, 20000);
        page.togglePlay();
        QVERIFY(!page.isPlaying());
        QVERIFY(monotone);
        QVERIFY(massKept);
        QVERIFY(page.klCurve()->pointCount() >= 14);
        QCOMPARE(page.klCurve()->lastKl(), page.lastFrame().kl);

        // Long enough (t = 5, the CLI's figure: KL ≈ 4e-10 at 128²), p_t reaches the target.
        for (int i = 0; i < 48; ++i) page.stepOnce();
        QVERIFY(waitFrame(
            page, [](const LangevinFrame& f) { return f.time > 4.99; }, 60000));
        QVERIFY2(page.lastFrame().kl < 1e-6, qPrintable(QString::number(page.lastFrame().kl)));
    }

    /// "A shape I draw": with too few points the page waits and says so; a drawn ring becomes the
    /// target (its density peaks on the ring), p_t flows towards it with mass 1 and KL falling,
    /// and a demo file carries the drawing.
    void aDrawnShapeIsTheTarget() {
        LangevinPage page;
        page.resize(1200, 700);
        page.show();
        LangevinSettings s;
        s.target = "drawn";
        s.grid = 64;
        s.particles = 100;
        s.drawnPoints = {0.5f, 0.5f};  // one point: not a shape yet
        page.applySettings(s);
        QTRY_VERIFY_WITH_TIMEOUT(page.statusText().contains("Draw a shape"), 10000);
        QVERIFY(page.densityView()->drawMode());
        std::vector<float> ring;
        for (int i = 0; i < 120; ++i)
            ring.insert(ring.end(), {2.0f * std::cos(0.0524f * i), 2.0f * std::sin(0.0524f * i)});
        page.densityView()->setDrawnPoints(ring);  // as a stroke would, through drawnPointsChanged
        QTRY_COMPARE_WITH_TIMEOUT(page.targetInfo().name, QString("your drawing"), 10000);
        QVERIFY(waitFrame(page, [](const LangevinFrame& f) { return f.time == 0; }));
        QVERIFY(!page.targetInfo().contours.empty());
        const ScalarGrid& target = page.targetInfo().logStationary;
        QVERIFY(std::abs(target.integralOfExp() - 1) < 1e-5);
        // The target's densest cell lies on the ring.
        int64_t best = 0;
        for (int64_t k = 1; k < static_cast<int64_t>(target.values.size()); ++k)
            if (target.values[static_cast<size_t>(k)] > target.values[static_cast<size_t>(best)]) best = k;
        const double bx = target.spec.x(best % target.spec.nx), by = target.spec.y(best / target.spec.nx);
        QVERIFY2(std::abs(std::hypot(bx, by) - 2.0) < 0.3, qPrintable(QString("(%1, %2)").arg(bx).arg(by)));
        const double startKl = page.lastFrame().kl;
        for (int i = 0; i < 5; ++i) page.stepOnce();
        QVERIFY(waitFrame(page, [](const LangevinFrame& f) { return f.time > 0.49; }));
        QVERIFY(page.lastFrame().kl < startKl);
        QVERIFY(std::abs(page.lastFrame().mass - 1) < 1e-9);
        QCOMPARE(page.lastFrame().particles.size(), size_t(200));
        // Playing takes the canvas out of draw mode; pausing gives it back.
        page.togglePlay();
        QVERIFY(!page.densityView()->drawMode());
        page.togglePlay();
        QVERIFY(page.densityView()->drawMode());

        const QJsonObject demo = page.demoState();
        QCOMPARE(demo.value("drawn_points").toArray().size(), 240);
        LangevinPage other;
        other.applyDemoState(demo);
        QCOMPARE(other.settings().drawnPoints, page.settings().drawnPoints);
        QJsonObject bad = demo;
        bad["drawn_points"] = QJsonArray{1.0, "x"};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, other.applyDemoState(bad));
        // Another target hides the drawing; coming back restores it.
        LangevinSettings u1 = page.settings();
        u1.target = "U1";
        page.applySettings(u1);
        QVERIFY(page.densityView()->drawnPoints().empty());
        QVERIFY(!page.densityView()->drawMode());
        u1.target = "drawn";
        u1.drawnPoints.clear();
        page.applySettings(u1);
        QCOMPARE(page.densityView()->drawnPoints().size(), ring.size());
    }

    /// File → Export animation on this page: p_t from t = 0 to the time on screen, 101 frames.
    void exportsTheFlowAsAGif() {
        LangevinPage page;
        page.resize(1000, 700);
        page.show();
        LangevinSettings s;
        s.target = "U2";
        s.grid = 64;
        s.particles = 0;
        page.applySettings(s);
        QVERIFY(waitFrame(page, [](const LangevinFrame& f) { return f.time == 0; }));
        for (int i = 0; i < 8; ++i) page.stepOnce();
        QVERIFY(waitFrame(page, [](const LangevinFrame& f) { return f.time > 0.79; }));
        QTemporaryDir dir;
        const QString path = dir.filePath("u2.gif");
        QSignalSpy done(&page, &LangevinPage::animationExported);
        page.exportAnimation(path);
        QVERIFY(page.isExportingAnimation());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
        QCOMPARE(done.front().at(1).toInt(), 101);
        QVERIFY(done.front().at(2).toLongLong() > 0);
        QImageReader gif(path, "gif");
        QCOMPARE(gif.imageCount(), 101);
        QCOMPARE(gif.size(), QSize(512, 512));
        QVERIFY(page.statusText().contains("101 frames"));
        QCOMPARE(page.lastFrame().time, 0.8);  // the page's own flow did not move
    }

    /// The shipped demo (README: the drawn heart) opens on this page with its drawing.
    void theHeartDemoOpens() {
        MainWindow window;
        window.show();
        QString error;
        QVERIFY2(window.openDemo(QString(FLOWSCOPE_SOURCE_DIR) + "/docs/demos/langevin_heart.flowscope", &error, true),
                 qPrintable(error));
        auto* page = window.langevinPage();
        QCOMPARE(page->settings().target, QString("drawn"));
        QCOMPARE(page->settings().drawnPoints.size(), size_t(960));
        QTRY_COMPARE_WITH_TIMEOUT(page->targetInfo().name, QString("your drawing"), 10000);
    }

    void aNewTargetRestartsWithoutStaleFrames() {
        LangevinPage page;
        page.show();
        LangevinSettings s;
        s.grid = 64;
        s.particles = 0;
        page.applySettings(s);
        QVERIFY(waitFrame(page, [](const LangevinFrame& f) { return f.time == 0 && f.particles.empty(); }));
        page.togglePlay();
        QVERIFY(waitFrame(page, [](const LangevinFrame& f) { return f.time > 0.05; }));
        s.target = "U3";
        s.meanX = 1;
        page.applySettings(s);  // mid-play
        QTRY_COMPARE_WITH_TIMEOUT(page.targetInfo().name, QString("U3"), 10000);
        // The first frame shown after the switch is U3's t = 0 (no late U1 frame after it).
        bool sawStale = false;
        double previous = -1;
        connect(&page, &LangevinPage::frameShown, &page, [&] {
            sawStale = sawStale || page.lastFrame().time < previous;
            previous = page.lastFrame().time;
        });
        QVERIFY(waitFrame(page, [](const LangevinFrame& f) { return f.time > 0.1; }));
        page.togglePlay();
        QVERIFY(!sawStale);
        QVERIFY(page.lastFrame().particles.empty());
    }

    void theWindowsTransportKeysDriveThisPage() {
        MainWindow window;
        window.show();
        QVERIFY(window.showPage("langevin"));
        auto* page = window.langevinPage();
        QVERIFY(waitFrame(*page, [](const LangevinFrame& f) { return f.time == 0; }));
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_P);
        QVERIFY(page->isPlaying());
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(!page->isPlaying());
        const double before = page->lastFrame().time;
        QTest::keyClick(&window, Qt::Key_Period, Qt::ControlModifier);
        QVERIFY(waitFrame(*page, [before](const LangevinFrame& f) { return f.time > before + 0.09; }));
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
        QVERIFY(waitFrame(*page, [](const LangevinFrame& f) { return f.time == 0; }));
        QVERIFY(!window.flow2dPage()->isPlaying());  // the 2D page was not touched
    }
};

QTEST_MAIN(TestLangevinPage)
#include "test_langevin_page.moc"
