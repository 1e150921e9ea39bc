// TeachingPanel: each layer's formula, log-det and constraint, always the change of variables.
#include "widget_test_support.h"
#include "widgets/teaching_panel.h"

#include <QTest>

using flowscope::ui::TeachingPanel;

namespace {

const QString kChangeOfVariables = QStringLiteral("log qₖ(zₖ) = log qₖ₋₁(fₖ⁻¹(zₖ)) − log|det Jₖ(fₖ⁻¹(zₖ))|");
const QString kEnergyNote = QStringLiteral("[−4, 4]²");

}  // namespace

class TestTeachingPanel : public QObject {
    Q_OBJECT

private slots:
    void layerTexts_data();
    void layerTexts();
    void energyNote();
    void screenshots();
};

void TestTeachingPanel::layerTexts_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("pieces");
    QTest::addColumn<QStringList>("absent");
    QTest::newRow("planar") << "planar"
                            << QStringList{"f(z) = z + û·tanh(wᵀz + b)",
                                           "log|det J| = log|1 + ûᵀψ(z)|",
                                           "wᵀû ≥ −1",
                                           "m(x) = −1 + softplus(x)",
                                           "w/‖w‖²",
                                           "Layer 2 of 5"}
                            << QStringList{"β ≥ −α"};
    QTest::newRow("radial") << "radial"
                            << QStringList{"h(α, r) = 1/(α + r)", "(d − 1)·log(1 + βh)", "β ≥ −α", "α > 0",
                                           "β < 0 contracts"}
                            << QStringList{"wᵀû ≥ −1"};
    QTest::newRow("affine") << "affine" << QStringList{"⊙ exp(s(", "log|det J| = Σ s(", "affine coupling"}
                            << QStringList{"volume preserving"};
    QTest::newRow("additive") << "additive" << QStringList{"log|det J| = 0", "volume preserving", "NICE"}
                              << QStringList{"exp(s("};
    QTest::newRow("actnorm") << "actnorm" << QStringList{"y = s ⊙ z + b", "Σ log|s|", "s ≠ 0"} << QStringList{};
    QTest::newRow("permute") << "permute" << QStringList{"y = P z", "|det P| = 1"} << QStringList{};
    QTest::newRow("base") << "base" << QStringList{"q₀ = N(0, I)", "Step 0"} << QStringList{"Layer 2 of 5"};
    QTest::newRow("unknown") << "mystery" << QStringList{"mystery"} << QStringList{};
}

void TestTeachingPanel::layerTexts() {
    QFETCH(QString, kind);
    QFETCH(QStringList, pieces);
    QFETCH(QStringList, absent);
    TeachingPanel panel;
    panel.showLayer(kind, kind == QLatin1String("base") ? 0 : 2, 5);
    const QString text = panel.toPlainText().replace(QChar::Nbsp, QLatin1Char(' '));
    for (const QString& piece : pieces)
        QVERIFY2(text.contains(piece), qPrintable(piece + QStringLiteral(" in\n") + text));
    for (const QString& piece : absent) QVERIFY2(!text.contains(piece), qPrintable(piece));
    QVERIFY2(text.contains(kChangeOfVariables), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("inverting every pixel")));
    QVERIFY(text.contains(QStringLiteral("no histograms")));
}

void TestTeachingPanel::energyNote() {
    TeachingPanel panel;
    panel.showLayer(QStringLiteral("planar"), 1, 4);
    QVERIFY(!panel.toPlainText().contains(kEnergyNote));
    for (const char* energy : {"U2", "U3", "U4"}) {
        panel.showEnergyNote(QString::fromLatin1(energy));
        QVERIFY2(panel.toPlainText().contains(kEnergyNote), energy);
        QVERIFY(panel.toPlainText().contains(QStringLiteral("normalising constant is finite")));
    }
    // It survives a change of layer and goes away for U1.
    panel.showLayer(QStringLiteral("radial"), 2, 4);
    QVERIFY(panel.toPlainText().contains(kEnergyNote));
    QVERIFY(panel.toPlainText().contains(kChangeOfVariables));
    panel.showEnergyNote(QStringLiteral("U1"));
    QVERIFY(!panel.toPlainText().contains(kEnergyNote));
}

void TestTeachingPanel::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    for (const char* kind : {"planar", "radial", "affine"}) {
        TeachingPanel panel;
        panel.resize(520, 520);
        panel.showLayer(QString::fromLatin1(kind), 3, 8);
        panel.showEnergyNote(QStringLiteral("U3"));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.grab().save(dir + QStringLiteral("/widgets-teaching-%1.png").arg(QString::fromLatin1(kind))));
    }
}

QTEST_MAIN(TestTeachingPanel)
#include "test_teaching_panel.moc"
