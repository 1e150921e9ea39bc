#include "gui/explorer.h"

#include "gui/ablation_page.h"
#include "gui/vae_lab_page.h"
#include "gui/faces_page.h"
#include "gui/flow2d_page.h"
#include "gui/langevin_page.h"
#include "gui/main_window.h"
#include "gui/presets.h"
#include "gui/ui_language.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScreen>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

#ifndef FLOWSCOPE_VERSION
#define FLOWSCOPE_VERSION "0.0.0"
#endif

namespace flowscope {

namespace {

int usageError(const QString& message) {
    std::fprintf(stderr, "flowscope: %s\n", qPrintable(message));
    return 2;
}

}  // namespace

int runExplorer(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("FlowScope");
    QApplication::setApplicationName("FlowScope");
    QApplication::setApplicationVersion(FLOWSCOPE_VERSION);
    // The language first: every string below, the options' help included, is translated.
    const bool languageOnCommandLine = QApplication::arguments().filter(QRegularExpression("^--lang(=|$)")).size() > 0;
    QString languageError;
    if (!installUiLanguage(app, chooseUiLanguage(QApplication::arguments()), &languageError)) {
        if (languageOnCommandLine) return usageError(languageError);
        std::fprintf(stderr, "flowscope: %s\n", qPrintable(languageError));
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Explore normalizing flows."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption preset(
        "preset",
        QApplication::translate("main",
                                "Open on preset ID (e.g. fig3-u1-planar-32, realnvp-moons, checkerboard, draw)."),
        "ID");
    const QCommandLineOption page(
        "page",
        QApplication::translate(
            "main", "Open on a page: 2d, langevin, hamiltonian, faces, train, ablation or vae (the Flow-ELBO lab)."),
        "PAGE");
    const QCommandLineOption train(
        "train",
        QApplication::translate(
            "main",
            "Start training at once (on the ablation page: run the ablation; on the vae page: train a lab model)."));
    const QCommandLineOption screenshot(
        "screenshot",
        QApplication::translate("main", "Save a screenshot of the window to FILE after --wait seconds, then quit."),
        "FILE");
    const QCommandLineOption wait("wait", QApplication::translate("main", "Seconds before the screenshot (default 5)."),
                                  "SECONDS", "5");
    const QCommandLineOption play("play", QApplication::translate("main", "Start the step animation at once."));
    const QCommandLineOption step("step", QApplication::translate("main", "Select step K of the strip."), "K");
    const QCommandLineOption model(
        "model", QApplication::translate("main", "Open a Glow model (e.g. resources/fashion32.fsm) on the faces page."),
        "FILE");
    const QCommandLineOption lang(
        "lang",
        QApplication::translate("main",
                                "Interface language: en or zh_CN (default: the one chosen in View → Language, "
                                "else the system's)."),
        "LANG");
    const QCommandLineOption probe(
        "probe",
        QApplication::translate("main", "Show where the density at point X,Y of the selected step comes from."), "X,Y");
    parser.addOptions({preset, page, train, screenshot, wait, play, step, model, lang, probe});
    parser.addPositionalArgument("FILE", QApplication::translate("main", "A demo file (.flowscope) to open."),
                                 "[FILE]");
    if (!parser.parse(QApplication::arguments())) return usageError(parser.errorText());
    if (parser.isSet("help")) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet("version")) {
        std::printf("flowscope %s\n", FLOWSCOPE_VERSION);
        return 0;
    }
    if (parser.isSet(preset) && !findPreset(parser.value(preset)))
        return usageError(QApplication::translate("main", "unknown preset '%1'").arg(parser.value(preset)));

    if (parser.positionalArguments().size() > 1)
        return usageError(QApplication::translate("main", "one demo file at a time, got %1")
                              .arg(parser.positionalArguments().size()));

    MainWindow window;
    if (parser.isSet(page) && !window.showPage(parser.value(page)))
        return usageError(
            QApplication::translate(
                "main", "unknown page '%1' (expected 2d, langevin, hamiltonian, faces, train, ablation or vae)")
                .arg(parser.value(page)));
    if (parser.isSet(preset)) window.flow2dPage()->applyPreset(parser.value(preset));
    if (parser.isSet(model)) {
        if (!QFileInfo(parser.value(model)).isFile())
            return usageError(QApplication::translate("main", "no model file '%1'").arg(parser.value(model)));
        // Opened before the page is shown, so the page does not load its default model first.
        window.facesPage()->openModel(QFileInfo(parser.value(model)).absoluteFilePath());
        window.showPage("faces");
    }
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        const QString demo = QFileInfo(parser.positionalArguments().front()).absoluteFilePath();
        QString error;
        // A broken file (double-clicked, say) gets its message on screen and on stderr; the
        // window stays open.
        if (!window.openDemo(demo, &error, /*quiet=*/true)) {
            std::fprintf(stderr, "flowscope: %s\n", qPrintable(error));
            if (!parser.isSet(screenshot))
                QTimer::singleShot(0, &window, [&window, error] {
                    QMessageBox::warning(&window, QApplication::translate("main", "Open demo"), error);
                });
        }
    }
    const QString onPage = parser.isSet(page) ? parser.value(page) : QString();
    if (parser.isSet(train))
        QTimer::singleShot(300, &window, [&window, onPage] {
            if (onPage == "ablation")
                window.ablationPage()->start();
            else if (onPage == "vae")
                window.vaeLabPage()->startTraining({});
            else
                window.flow2dPage()->train();
        });
    if (parser.isSet(step)) {
        const int k = parser.value(step).toInt();
        QTimer::singleShot(600, &window, [&window, k] { window.flow2dPage()->selectStep(k); });
    }
    if (parser.isSet(probe)) {
        const QStringList xy = parser.value(probe).split(',');
        bool okX = false, okY = false;
        const double x = xy.value(0).toDouble(&okX), y = xy.value(1).toDouble(&okY);
        if (xy.size() != 2 || !okX || !okY)
            return usageError(
                QApplication::translate("main", "--probe expects X,Y, got '%1'").arg(parser.value(probe)));
        QTimer::singleShot(1500, &window, [&window, x, y] { window.flow2dPage()->probe(x, y); });
    }
    if (parser.isSet(play))
        QTimer::singleShot(600, &window, [&window, onPage] {
            if (onPage == "langevin")
                window.langevinPage()->togglePlay();
            else
                window.flow2dPage()->togglePlay();
        });
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        const int ms = static_cast<int>(1000 * parser.value(wait).toDouble());
        QTimer::singleShot(ms, &window, [&window, path] {
            window.grab().save(path);
            window.close();
        });
    }
    return app.exec();
}

}  // namespace flowscope
