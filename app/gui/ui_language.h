#pragma once
/// \file The interface language: FlowScope's own translations (built from
/// resources/translations/*.ts into the binary) and Qt's for its standard dialogs.

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace flowscope {

/// Languages with a translation, plus "en" (the source language).
QStringList availableUiLanguages();

/// The language named on the command line (`--lang X` or `--lang=X`), else the remembered
/// choice (View → Language), else the system locale's ("zh_CN" on a Chinese desktop).
QString chooseUiLanguage(const QStringList& arguments);

/// Loads `language` ("zh_CN", "zh", "en", …) into `app`: FlowScope's strings and, when Qt's
/// translations are installed, those of its dialogs. English needs nothing. Returns false with
/// `error` set when FlowScope has no translation for it (the interface then stays English).
bool installUiLanguage(QCoreApplication& app, const QString& language, QString* error);

/// Remembers the choice for the next start ("" forgets it: follow the system again).
void rememberUiLanguage(const QString& language);
QString rememberedUiLanguage();

}  // namespace flowscope
