// The Glow ablation page through its worker, as a user drives it: a tiny run on the built-in
// faces draws every variant's held-out curve as the points arrive and ends with both couplings'
// orderings; Stop ends a longer run within seconds; a size the levels cannot halve is one message.

#include "gui/ablation_page.h"
#include "widgets/ablation_plot.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QtTest>

using namespace flowscope;

namespace {
AblationSettings tiny() {
    AblationSettings s;
    s.data = "faces";
    s.size = 16;
    s.levels = 2;
    s.steps = 1;
    s.hidden = 4;
    s.iterations = 4;
    s.evalEvery = 2;
    s.evalImages = 8;
    s.batch = 4;
    s.seeds = 1;
    return s;
}
}  // namespace

class TestAblationPage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void runDrawsSixCurvesAndTheOrdering() {
        AblationPage page;
        page.show();
        page.applySettings(tiny());
        page.start();
        QVERIFY(page.running());
        QTRY_VERIFY_WITH_TIMEOUT(!page.running(), 120000);
        for (int panel = 0; panel < 2; ++panel)
            for (int series = 0; series < 3; ++series) {
                QCOMPARE(page.plot()->pointCount(panel, series), 2);  // iterations 2 and 4
                const double v = page.plot()->valueAt(panel, series, 4);
                QVERIFY2(v > 0 && v < 20, qPrintable(QString::number(v)));
            }
        QVERIFY2(page.resultText().contains("additive: ") && page.resultText().contains("affine: "),
                 qPrintable(page.resultText()));
        QCOMPARE(page.resultText().count(" < "), 4 + 2);  // two orderings of three, and the paper's
        // For the README's screenshot: FLOWSCOPE_SCREENSHOT_DIR=docs/images.
        if (qEnvironmentVariableIsSet("FLOWSCOPE_SCREENSHOT_DIR")) {
            page.resize(1400, 700);
            QTest::qWait(200);
            page.grab().save(qEnvironmentVariable("FLOWSCOPE_SCREENSHOT_DIR") + "/ablation_page.png");
        }
    }

    void stopEndsALongRun() {
        AblationPage page;
        auto s = tiny();
        s.iterations = 100000;
        s.evalEvery = 1;
        page.applySettings(s);
        page.start();
        QTRY_VERIFY_WITH_TIMEOUT(page.plot()->pointCount(0, 0) >= 1, 60000);
        QElapsedTimer t;
        t.start();
        page.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!page.running(), 20000);
        QVERIFY(t.elapsed() < 20000);
        QVERIFY(page.resultText().isEmpty());
    }

    void badSettingsGiveAMessage() {
        AblationPage page;
        auto s = tiny();
        s.size = 20;  // not divisible by 2^levels = 8
        s.levels = 3;
        page.applySettings(s);
        page.start();
        QTRY_VERIFY_WITH_TIMEOUT(!page.running(), 20000);
        QVERIFY2(page.resultText().isEmpty(), qPrintable(page.resultText()));
        QVERIFY2(page.statusText().contains("divisible"), qPrintable(page.statusText()));
    }
};

QTEST_MAIN(TestAblationPage)
#include "test_ablation_page.moc"
