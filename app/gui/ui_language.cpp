#include "gui/ui_language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace flowscope {

namespace {

constexpr const char* kResourceDir = ":/i18n";
constexpr const char* kSettingsKey = "ui/language";

/// "zh" → "zh_CN" when that is the translation we have; otherwise the name as given.
QString resolve(const QString& language) {
    const QStringList have = availableUiLanguages();
    if (have.contains(language)) return language;
    for (const QString& l : have)
        if (l.section('_', 0, 0) == language) return l;
    return language;
}

}  // namespace

QStringList availableUiLanguages() {
    QStringList out{"en"};
    for (const QString& file : QDir(kResourceDir).entryList({"flowscope_*.qm"}, QDir::Files, QDir::Name))
        out << file.mid(10, file.size() - 13);  // flowscope_<lang>.qm
    return out;
}

QString chooseUiLanguage(const QStringList& arguments) {
    for (int i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--lang" && i + 1 < arguments.size()) return arguments[i + 1];
        if (arguments[i].startsWith("--lang=")) return arguments[i].mid(7);
    }
    const QString remembered = rememberedUiLanguage();
    if (!remembered.isEmpty()) return remembered;
    const QString system = QLocale::system().name();  // "zh_CN", "en_US", "C"
    const QString resolved = resolve(system);
    if (availableUiLanguages().contains(resolved)) return resolved;
    const QString bare = resolve(system.section('_', 0, 0));
    return availableUiLanguages().contains(bare) ? bare : QString("en");
}

bool installUiLanguage(QCoreApplication& app, const QString& language, QString* error) {
    const QString name = resolve(language);
    if (name == "en" || name.startsWith("en_")) return true;
    auto* own = new QTranslator(&app);
    if (!own->load(QString("flowscope_%1").arg(name), kResourceDir)) {
        delete own;
        if (error)
            *error = QString("no translation for language '%1' (available: %2)")
                         .arg(language, availableUiLanguages().join(", "));
        return false;
    }
    app.installTranslator(own);
    QLocale::setDefault(QLocale(name));
    // Qt's own strings (file dialogs, message box buttons), from qt6-translations-l10n if present.
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(name), "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return true;
}

void rememberUiLanguage(const QString& language) {
    QSettings s;
    if (language.isEmpty())
        s.remove(kSettingsKey);
    else
        s.setValue(kSettingsKey, language);
}

QString rememberedUiLanguage() { return QSettings().value(kSettingsKey).toString(); }

}  // namespace flowscope
