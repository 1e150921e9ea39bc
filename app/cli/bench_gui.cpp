#include "cli/bench_gui.h"

#include "cli/arguments.h"
#include "cli/commands.h"
#include "gui/flow2d_worker.h"
#include "gui/flow2d_page.h"
#include "gui/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <iostream>
#include <memory>
#include <stdexcept>

namespace flowscope::cli {

namespace {

/// Runs the event loop until `done` or `ms` pass; false on time-out.
template <typename F>
bool waitFor(F done, int ms) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms) return false;
        QApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return true;
}

}  // namespace

int runGuiBench(const std::vector<std::string>& args) {
    Arguments a(args, {{"seconds"}, {"preset"}});
    const int seconds = static_cast<int>(a.integer("seconds", 3, 1, 600));
    const std::string preset = a.text("preset", "fig3-u1-planar-32");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "flowscope-cli";
    static char* argv[] = {name, nullptr};
    std::unique_ptr<QApplication> app;
    if (!QCoreApplication::instance()) app = std::make_unique<QApplication>(argc, argv);
    QStandardPaths::setTestModeEnabled(true);  // keep the user's remembered settings untouched

    auto* window = new MainWindow;
    window->resize(1400, 900);
    window->show();
    auto* page = window->flow2dPage();
    if (!page->applyPreset(QString::fromStdString(preset))) throw UsageError("unknown preset '" + preset + "'");
    auto configured = [&] {
        return !page->lastView().logDensity.values.empty() &&
               page->lastView().layers == sequenceLength(page->settings().model);
    };
    if (!waitFor(configured, 60000)) throw std::runtime_error("the explorer did not show the preset within 60 s");

    int views = 0;
    QObject::connect(page->worker(), &Flow2DWorker::viewReady, [&] { ++views; });
    page->train();
    if (!waitFor([&] { return page->lastProgress().running; }, 10000))
        throw std::runtime_error("training did not start within 10 s");

    // A 5 ms timer: the longest gap between its ticks is the longest the event loop stalled.
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        worst = std::max(worst, now - last);
        last = now;
    });
    views = 0;
    const int64_t stepsBefore = page->lastProgress().step;
    clock.start();
    probe.start();
    waitFor([] { return false; }, seconds * 1000);
    probe.stop();
    const double elapsed = clock.elapsed() / 1000.0;
    const int64_t steps = page->lastProgress().step - stepsBefore;
    const double stepsPerSecond = page->lastProgress().stepsPerSecond;

    QElapsedTimer closing;
    closing.start();
    window->close();
    delete window;
    const double closeMs = closing.nsecsElapsed() / 1e6;

    printJsonLine(
        QJsonObject{{"bench", "gui"},
                    {"preset", QString::fromStdString(preset)},
                    {"seconds", elapsed},
                    {"worst_stall_ms", static_cast<qint64>(worst)},
                    {"view_updates_per_s", views / elapsed},
                    {"training_steps", static_cast<qint64>(steps)},
                    {"steps_per_s", stepsPerSecond},
                    {"close_ms", closeMs},
                    {"goals", QJsonObject{{"worst_stall_ms", 50}, {"view_updates_per_s", 10}, {"close_ms", 2000}}}});
    return 0;
}

}  // namespace flowscope::cli
