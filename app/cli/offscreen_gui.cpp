#include "cli/offscreen_gui.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <memory>

namespace flowscope::cli {

void ensureOffscreenGui() {
    if (QCoreApplication::instance()) return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "flowscope-cli";
    static char* argv[] = {name, nullptr};
    // Starting the platform plugin warns about things that do not matter here (no
    // XDG_RUNTIME_DIR on a server); keep stderr for the command's own lines.
    const QtMessageHandler previous =
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString&) {});
    static std::unique_ptr<QGuiApplication> app = std::make_unique<QGuiApplication>(argc, argv);
    qInstallMessageHandler(previous);
}

}  // namespace flowscope::cli
