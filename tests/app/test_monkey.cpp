// A soak: seeded random clicks, key presses, drags, slider and combo-box moves, preset and page
// switches, exports, and model opens (good, hostile, missing) on the whole window, offscreen,
// for FLOWSCOPE_MONKEY_SECONDS (default 20) with seed FLOWSCOPE_MONKEY_SEED (default 1). Any
// dialog that opens is dismissed. Passing means: no crash, no sanitizer report (the sanitized
// build runs it too), every event delivered, and the window still does its job at the end.

#include "common/test_support.h"
#include "gui/faces_page.h"
#include "gui/flow2d_page.h"
#include "gui/main_window.h"
#include "gui/presets.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QElapsedTimer>
#include <QFile>
#include <QMenu>
#include <QMouseEvent>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace flowscope;

namespace {

/// Widgets under `root` that a user could reach now: visible, enabled, not inside a menu.
template <typename W>
QList<W*> reachable(QWidget* root) {
    QList<W*> out;
    for (W* w : root->findChildren<W*>())
        if (w->isVisible() && w->isEnabled() && !qobject_cast<QMenu*>(w->window())) out << w;
    return out;
}

}  // namespace

class TestMonkey : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void randomUseCrashesNothing() {
        const int seconds = qEnvironmentVariableIsSet("FLOWSCOPE_MONKEY_SECONDS")
                                ? qEnvironmentVariableIntValue("FLOWSCOPE_MONKEY_SECONDS")
                                : 20;
        const unsigned seed = qEnvironmentVariableIsSet("FLOWSCOPE_MONKEY_SEED")
                                  ? unsigned(qEnvironmentVariableIntValue("FLOWSCOPE_MONKEY_SEED"))
                                  : 1u;
        std::mt19937 rng(seed);
        auto pick = [&](int n) { return n <= 0 ? 0 : int(rng() % unsigned(n)); };

        // Files to open: the shipped model, one with a hostile header, random bytes, a missing one.
        auto* window = new MainWindow;
        window->resize(1300, 850);
        window->showPage("faces");  // the Faces page loads the shipped model when first shown
        window->show();
        auto* faces = window->facesPage();
        auto* flow = window->flow2dPage();
        QTRY_VERIFY_WITH_TIMEOUT(!faces->modelInfo().path.isEmpty(), 60000);
        const QString shipped = faces->modelInfo().path;
        const QString hostile = m_dir.filePath("hostile.fsm");
        test::writeHostileGlowCopy(shipped, hostile);
        const QString junk = m_dir.filePath("junk.fsm");
        {
            QFile f(junk);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray bytes(2048, 0);
            for (auto& b : bytes) b = char(rng());
            f.write(bytes);
        }
        const QStringList models{shipped, hostile, junk, m_dir.filePath("missing.fsm")};
        const QStringList pages{"2d", "faces", "train", "ablation", "vae"};
        const auto& presets = allPresets();
        const QList<QKeySequence> keys{QKeySequence(Qt::CTRL | Qt::Key_Return),
                                       QKeySequence(Qt::Key_Space),
                                       QKeySequence(Qt::CTRL | Qt::Key_Period),
                                       QKeySequence(Qt::CTRL | Qt::Key_R),
                                       QKeySequence(Qt::Key_Left),
                                       QKeySequence(Qt::Key_Right),
                                       QKeySequence(Qt::Key_P),
                                       QKeySequence(Qt::CTRL | Qt::Key_E),
                                       QKeySequence(Qt::Key_Tab),
                                       QKeySequence(Qt::Key_Escape)};

        // Dialogs (file choosers, message boxes) open modally; a timer dismisses them, so the
        // monkey's own loop — running on the same timers — goes on inside them too.
        QTimer closer;
        closer.setInterval(50);
        int dialogs = 0;
        connect(&closer, &QTimer::timeout, [&] {
            if (auto* modal = QApplication::activeModalWidget()) {
                ++dialogs;
                if (auto* d = qobject_cast<QDialog*>(modal))
                    d->reject();
                else
                    modal->close();
            }
            if (auto* popup = QApplication::activePopupWidget()) popup->close();
        });
        closer.start();

        QMap<QString, int> counts;
        QElapsedTimer clock;
        clock.start();
        int events = 0;
        while (clock.elapsed() < seconds * 1000) {
            QWidget* page = window->findChild<QTabWidget*>()->currentWidget();
            const int action = pick(100);
            if (action < 30) {  // a click somewhere on a visible widget of the current page
                auto widgets = reachable<QWidget>(page);
                if (!widgets.isEmpty()) {
                    QWidget* w = widgets[pick(widgets.size())];
                    // Buttons that open dialogs are fine (the closer handles them); quitting is not on a page.
                    QTest::mouseClick(w, pick(4) ? Qt::LeftButton : Qt::RightButton, {},
                                      QPoint(pick(std::max(1, w->width())), pick(std::max(1, w->height()))));
                    counts["click"]++;
                }
            } else if (action < 45) {  // a key or shortcut
                const QKeySequence k = keys[pick(keys.size())];
                QTest::keySequence(window, k);
                counts["key"]++;
            } else if (action < 55) {  // a drag (the density view's drawing tool, sliders, plots)
                auto widgets = reachable<QWidget>(page);
                if (!widgets.isEmpty()) {
                    QWidget* w = widgets[pick(widgets.size())];
                    QPoint p(pick(std::max(1, w->width())), pick(std::max(1, w->height())));
                    QTest::mousePress(w, Qt::LeftButton, {}, p);
                    for (int i = 0; i < 5; ++i) {
                        p += QPoint(pick(21) - 10, pick(21) - 10);
                        QMouseEvent move(QEvent::MouseMove, p, w->mapToGlobal(p), Qt::NoButton, Qt::LeftButton,
                                         Qt::NoModifier);
                        QApplication::sendEvent(w, &move);
                    }
                    QTest::mouseRelease(w, Qt::LeftButton, {}, p);
                    counts["drag"]++;
                }
            } else if (action < 70) {  // a slider or spin box moved
                auto sliders = reachable<QAbstractSlider>(page);
                if (!sliders.isEmpty()) {
                    auto* s = sliders[pick(sliders.size())];
                    s->setValue(s->minimum() + pick(s->maximum() - s->minimum() + 1));
                    counts["slider"]++;
                }
            } else if (action < 78) {  // a combo box choice
                auto combos = reachable<QComboBox>(page);
                if (!combos.isEmpty()) {
                    auto* c = combos[pick(combos.size())];
                    if (c->count() > 0) c->setCurrentIndex(pick(c->count()));
                    counts["combo"]++;
                }
            } else if (action < 85) {
                window->showPage(pages[pick(pages.size())]);
                counts["page"]++;
            } else if (action < 91) {
                flow->applyPreset(presets[size_t(pick(int(presets.size())))].id);
                counts["preset"]++;
            } else if (action < 96) {
                faces->openModel(models[pick(models.size())]);
                counts["model"]++;
            } else {
                flow->exportView(m_dir.filePath(QString("view%1.png").arg(pick(3))));
                counts["export"]++;
            }
            ++events;
            QTest::qWait(pick(40));
        }
        closer.stop();
        QStringList summary;
        for (auto it = counts.begin(); it != counts.end(); ++it)
            summary << QString("%1 %2").arg(it.key()).arg(it.value());
        qInfo("monkey (seed %u, %d s): %d events — %s; %d dialogs dismissed", seed, seconds, events,
              qPrintable(summary.join(", ")), dialogs);
        QVERIFY(events > 10 * seconds);
        QVERIFY(counts.size() >= 8);  // every kind of action happened

        // The window still does its job: the 2D page shows a preset, the Faces page the shipped model.
        while (QApplication::activeModalWidget()) QApplication::activeModalWidget()->close();
        QVERIFY(flow->applyPreset("fig3-u2-planar-8") || flow->applyPreset(defaultPresetId()));
        faces->openModel(shipped);
        QTRY_VERIFY_WITH_TIMEOUT(faces->modelInfo().path == shipped, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!flow->lastView().logDensity.values.empty(), 60000);
        window->close();
        delete window;
    }
};

QTEST_MAIN(TestMonkey)
#include "test_monkey.moc"
