// The Chinese interface: the zh_CN translation is built in and loads, and every page, menu and
// teaching panel shows it — no text on screen is still one of the translation file's English
// sources (which catches strings outside tr(), set before the translator, or under a context
// the file does not know). An unknown language is refused with a line naming what exists.

#include "gui/main_window.h"
#include "gui/ui_language.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabBar>
#include <QTextBrowser>
#include <QXmlStreamReader>
#include <QtTest>

#include <qcustomplot.h>

#include <map>
#include <set>

using namespace flowscope;

namespace {

/// source → translation for every message of the .ts file.
std::map<QString, QString> readTranslations(const QString& path) {
    std::map<QString, QString> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return out;
    QXmlStreamReader xml(&f);
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("source")) source = xml.readElementText();
        if (xml.name() == QLatin1String("translation") || xml.name() == QLatin1String("numerusform")) {
            const QString t = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!t.isEmpty()) out[source] = t;
        }
    }
    return out;
}

QString withoutMnemonic(QString s) {
    s.remove(QRegularExpression("\\(&.\\)"));
    return s.remove('&');
}

void collectMenu(const QMenu* menu, std::vector<QString>& out) {
    out.push_back(withoutMnemonic(menu->title()));
    for (const QAction* a : menu->actions()) {
        if (a->isSeparator()) continue;
        if (a->menu())
            collectMenu(a->menu(), out);
        else
            out.push_back(withoutMnemonic(a->text()));
    }
}

/// Every text a user reads on `root`'s visible widgets, their tooltips and the plots' labels.
std::vector<QString> visibleTexts(QWidget* root) {
    std::vector<QString> out;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisibleTo(root)) continue;
        if (!w->toolTip().isEmpty()) out.push_back(w->toolTip());
        if (auto* l = qobject_cast<QLabel*>(w)) out.push_back(l->text());
        if (auto* b = qobject_cast<QAbstractButton*>(w)) out.push_back(withoutMnemonic(b->text()));
        if (auto* g = qobject_cast<QGroupBox*>(w)) out.push_back(g->title());
        if (auto* c = qobject_cast<QComboBox*>(w))
            for (int i = 0; i < c->count(); ++i) out.push_back(c->itemText(i));
        if (auto* t = qobject_cast<QTabBar*>(w))
            for (int i = 0; i < t->count(); ++i) out.push_back(withoutMnemonic(t->tabText(i)));
        if (auto* t = qobject_cast<QTextBrowser*>(w)) out.push_back(t->toHtml());
        if (auto* p = qobject_cast<QCustomPlot*>(w)) {
            for (QCPAxis* axis : p->axisRect() ? p->axisRect()->axes() : QList<QCPAxis*>{})
                out.push_back(axis->label());
            if (p->legend && p->legend->visible())
                for (int i = 0; i < p->plottableCount(); ++i) out.push_back(p->plottable(i)->name());
        }
    }
    return out;
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT

    std::map<QString, QString> m_translations;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(availableUiLanguages().contains("zh_CN"));
        QString error;
        QVERIFY2(installUiLanguage(*QCoreApplication::instance(), "zh_CN", &error), qPrintable(error));
        m_translations = readTranslations(QString(FLOWSCOPE_SOURCE_DIR) + "/resources/translations/flowscope_zh_CN.ts");
        QVERIFY(m_translations.size() > 400);
        // Every message translated: lupdate marks new strings "unfinished" until someone does.
        QFile ts(QString(FLOWSCOPE_SOURCE_DIR) + "/resources/translations/flowscope_zh_CN.ts");
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QByteArray xml = ts.readAll();
        QVERIFY2(!xml.contains("type=\"unfinished\""),
                 qPrintable(QString("%1 untranslated messages in flowscope_zh_CN.ts (tools/update_translations.sh "
                                    "added them; translate them)")
                                .arg(xml.count("type=\"unfinished\""))));
    }

    void unknownLanguagesAreRefused() {
        QString error;
        QVERIFY(!installUiLanguage(*QCoreApplication::instance(), "xx_YY", &error));
        QVERIFY2(error.contains("xx_YY") && error.contains("zh_CN"), qPrintable(error));
        QCOMPARE(chooseUiLanguage({"flowscope", "--lang", "zh_CN"}), QString("zh_CN"));
        QCOMPARE(chooseUiLanguage({"flowscope", "--lang=en"}), QString("en"));
        QVERIFY(installUiLanguage(*QCoreApplication::instance(), "en", &error));  // nothing to load
    }

    void everyPageIsInChinese_data() {
        QTest::addColumn<QString>("page");
        for (const char* p : {"2d", "langevin", "hamiltonian", "faces", "train", "ablation", "vae"})
            QTest::newRow(p) << QString(p);
    }
    void everyPageIsInChinese() {
        QFETCH(QString, page);
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.showPage(page));
        QTest::qWait(1500);  // the workers' first results (labels filled from them)
        std::vector<QString> texts = visibleTexts(&window);
        for (const QAction* a : window.menuBar()->actions())
            if (a->menu()) collectMenu(a->menu(), texts);
        static const QRegularExpression cjk("[\\x{4e00}-\\x{9fff}]");
        // Latin words that rightly stay as they are: names, units, abbreviations, the language's own name.
        static const QStringList kept{"ELBO", "CUDA", "English", "nats", "bits", "RealNVP", "NICE", "Glow"};
        static const QRegularExpression word("[A-Za-z]{4,}");
        std::set<QString> untranslated;
        int chinese = 0;
        for (const QString& t : texts) {
            if (t.contains(cjk)) ++chinese;
            // A text with no Chinese at all but an English word never went through the translation.
            for (auto m = word.globalMatch(t); !t.contains(cjk) && m.hasNext();)
                if (!kept.contains(m.next().captured())) untranslated.insert(t);
            const auto it = m_translations.find(t);
            if (it != m_translations.end() && it->second != t) untranslated.insert(t);
        }
        QStringList list(untranslated.begin(), untranslated.end());
        QVERIFY2(untranslated.empty(), qPrintable("shown in English: " + list.join(" | ")));
        QVERIFY2(chinese >= 10, qPrintable(QString("only %1 texts in Chinese").arg(chinese)));
        qInfo("%s: %zu texts, %d in Chinese", qPrintable(page), texts.size(), chinese);
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
