// AttributeSliders: one slider per attribute, keyboard steps, live signals while dragging, reset,
// clamping, readable names and the empty state.
#include "widget_test_support.h"
#include "widgets/attribute_sliders.h"

#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QTest>
#include <QToolButton>

using flowscope::ui::AttributeSliders;

namespace {

using Values = QMap<QString, double>;

const QString kSmiling = QStringLiteral("Smiling");
const QString kYoung = QStringLiteral("Young");

void flushDeletes() { QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); }

Values spiedValues(const QSignalSpy& spy, int i) { return spy.at(i).at(0).value<Values>(); }

QPoint handleCentre(QSlider* slider) {
    QStyleOptionSlider option;
    option.initFrom(slider);
    option.orientation = slider->orientation();
    option.minimum = slider->minimum();
    option.maximum = slider->maximum();
    option.sliderPosition = slider->sliderPosition();
    option.sliderValue = slider->value();
    option.tickPosition = slider->tickPosition();
    option.tickInterval = slider->tickInterval();
    return slider->style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, slider).center();
}

}  // namespace

class TestAttributeSliders : public QObject {
    Q_OBJECT

private slots:
    void oneRowPerAttribute();
    void pageUpStepsATenth();
    void draggingEmitsLiveUpdates();
    void resetButtonAndResetAll();
    void setValueClampsWithoutSignal();
    void displayNames_data();
    void displayNames();
    void formatValue_data();
    void formatValue();
    void emptyStateAndRebuild();
    void screenshots();
};

void TestAttributeSliders::oneRowPerAttribute() {
    AttributeSliders sliders;
    sliders.setAttributes({kSmiling, kYoung});
    QCOMPARE(sliders.findChildren<QSlider*>().size(), 2);
    QCOMPARE(sliders.attributes(), QStringList({kSmiling, kYoung}));
    QCOMPARE(sliders.values(), Values({{kSmiling, 0.0}, {kYoung, 0.0}}));
    QSlider* slider = sliders.slider(kSmiling);
    QVERIFY(slider);
    QCOMPARE(slider->orientation(), Qt::Horizontal);
    QCOMPARE(slider->minimum(), -100);
    QCOMPARE(slider->maximum(), 100);
    QCOMPARE(slider->singleStep(), 1);
    QVERIFY(slider->focusPolicy() & Qt::TabFocus);
    QCOMPARE(slider->accessibleName(), kSmiling);
    QVERIFY(!sliders.slider(QStringLiteral("Bald")));
    QCOMPARE(sliders.labelText(kYoung), kYoung);
    QCOMPARE(sliders.valueText(kYoung), QStringLiteral("0.00"));
    QVERIFY(!sliders.isEmptyStateShown());
    // A reset button per row.
    QCOMPARE(sliders.findChildren<QToolButton*>().size(), 2);
}

void TestAttributeSliders::pageUpStepsATenth() {
    AttributeSliders sliders;
    sliders.setAttributes({kSmiling, kYoung});
    sliders.show();
    QVERIFY(QTest::qWaitForWindowExposed(&sliders));
    QSignalSpy spy(&sliders, &AttributeSliders::valuesChanged);
    QSlider* young = sliders.slider(kYoung);
    young->setFocus();
    QTest::keyClick(young, Qt::Key_PageUp);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(sliders.value(kYoung), 0.1);
    QCOMPARE(sliders.value(kSmiling), 0.0);
    QCOMPARE(spiedValues(spy, 0), Values({{kSmiling, 0.0}, {kYoung, 0.1}}));
    QCOMPARE(sliders.valueText(kYoung), QStringLiteral("+0.10"));

    QTest::keyClick(young, Qt::Key_PageDown);
    QTest::keyClick(young, Qt::Key_PageDown);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(sliders.value(kYoung), -0.1);
    QCOMPARE(sliders.valueText(kYoung), QStringLiteral("\u22120.10"));
    QTest::keyClick(young, Qt::Key_Right);  // one step of 0.01
    QCOMPARE(sliders.values().value(kYoung), -0.09);
    QTest::keyClick(young, Qt::Key_End);
    QCOMPARE(sliders.value(kYoung), 1.0);
    QCOMPARE(spiedValues(spy, spy.count() - 1).value(kYoung), 1.0);
    QTest::keyClick(young, Qt::Key_PageUp);  // already at +1: no change, no signal
    QCOMPARE(sliders.value(kYoung), 1.0);
    const int count = spy.count();
    QTest::keyClick(young, Qt::Key_PageUp);
    QCOMPARE(spy.count(), count);
}

void TestAttributeSliders::draggingEmitsLiveUpdates() {
    AttributeSliders sliders;
    sliders.resize(420, 120);
    sliders.setAttributes({kSmiling, kYoung});
    sliders.show();
    QVERIFY(QTest::qWaitForWindowExposed(&sliders));
    QSlider* smiling = sliders.slider(kSmiling);
    QSignalSpy spy(&sliders, &AttributeSliders::valuesChanged);
    const QPoint start = handleCentre(smiling);
    QTest::mousePress(smiling, Qt::LeftButton, Qt::NoModifier, start);
    QTest::mouseMove(smiling, start + QPoint(20, 0));
    QTest::mouseMove(smiling, start + QPoint(40, 0));
    // Two updates before the button is released: the face follows the drag.
    QCOMPARE(spy.count(), 2);
    const double first = spiedValues(spy, 0).value(kSmiling), second = spiedValues(spy, 1).value(kSmiling);
    QVERIFY2(first > 0 && second > first, qPrintable(QStringLiteral("%1 %2").arg(first).arg(second)));
    QTest::mouseRelease(smiling, Qt::LeftButton, Qt::NoModifier, start + QPoint(40, 0));
    QCOMPARE(sliders.value(kSmiling), second);
}

void TestAttributeSliders::resetButtonAndResetAll() {
    AttributeSliders sliders;
    sliders.setAttributes({kSmiling, kYoung});
    sliders.show();
    QVERIFY(QTest::qWaitForWindowExposed(&sliders));
    QSignalSpy spy(&sliders, &AttributeSliders::valuesChanged);
    QTest::keyClick(sliders.slider(kSmiling), Qt::Key_PageUp);
    QTest::keyClick(sliders.slider(kYoung), Qt::Key_PageDown);
    QCOMPARE(spy.count(), 2);

    // The row's reset button (the first row is Smiling).
    const QList<QToolButton*> buttons = sliders.findChildren<QToolButton*>();
    QToolButton* resetSmiling = nullptr;
    for (QToolButton* button : buttons)
        if (button->toolTip().contains(kSmiling)) resetSmiling = button;
    QVERIFY(resetSmiling);
    QTest::mouseClick(resetSmiling, Qt::LeftButton);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spiedValues(spy, 2), Values({{kSmiling, 0.0}, {kYoung, -0.1}}));
    QCOMPARE(sliders.valueText(kSmiling), QStringLiteral("0.00"));

    sliders.resetAll();
    QCOMPARE(spy.count(), 4);
    QCOMPARE(spiedValues(spy, 3), Values({{kSmiling, 0.0}, {kYoung, 0.0}}));
    QCOMPARE(sliders.values(), Values({{kSmiling, 0.0}, {kYoung, 0.0}}));
    QCOMPARE(sliders.valueText(kYoung), QStringLiteral("0.00"));
    sliders.resetAll();  // nothing to reset: no decode requested
    QCOMPARE(spy.count(), 4);
}

void TestAttributeSliders::setValueClampsWithoutSignal() {
    AttributeSliders sliders;
    sliders.setAttributes({kSmiling, kYoung});
    QSignalSpy spy(&sliders, &AttributeSliders::valuesChanged);
    sliders.setValue(kSmiling, 3.7);
    QCOMPARE(sliders.value(kSmiling), 1.0);
    QCOMPARE(sliders.valueText(kSmiling), QStringLiteral("+1.00"));
    sliders.setValue(kSmiling, -9.0);
    QCOMPARE(sliders.value(kSmiling), -1.0);
    sliders.setValue(kYoung, 0.456);
    QCOMPARE(sliders.value(kYoung), 0.46);
    QCOMPARE(sliders.valueText(kYoung), QStringLiteral("+0.46"));
    sliders.setValue(kYoung, std::nan(""));  // ignored
    QCOMPARE(sliders.value(kYoung), 0.46);
    sliders.setValue(QStringLiteral("Bald"), 0.5);  // unknown: ignored
    QCOMPARE(sliders.values().size(), 2);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(sliders.slider(kSmiling)->value(), -100);
}

void TestAttributeSliders::displayNames_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("shown");
    QTest::newRow("Smiling") << "Smiling"
                             << "Smiling";
    QTest::newRow("Young") << "Young"
                           << "Young";
    QTest::newRow("Eyeglasses") << "Eyeglasses"
                                << "Eyeglasses";
    QTest::newRow("Blond_Hair") << "Blond_Hair"
                                << "Blond hair";
    QTest::newRow("Wearing_Lipstick") << "Wearing_Lipstick"
                                      << "Wearing lipstick";
    QTest::newRow("lower case") << "male"
                                << "Male";
    QTest::newRow("acronym") << "Has_RGB_Tint"
                             << "Has RGB tint";
    QTest::newRow("double underscore") << "No__Beard"
                                       << "No beard";
    QTest::newRow("5 o'clock") << "5_o_Clock_Shadow"
                               << "5 o’clock shadow";
}

void TestAttributeSliders::displayNames() {
    QFETCH(QString, name);
    QFETCH(QString, shown);
    QCOMPARE(AttributeSliders::displayName(name), shown);
    AttributeSliders sliders;
    sliders.setAttributes({name});
    QCOMPARE(sliders.labelText(name), shown);
    // values() keeps the model's own name.
    QVERIFY(sliders.values().contains(name));
}

void TestAttributeSliders::formatValue_data() {
    QTest::addColumn<double>("alpha");
    QTest::addColumn<QString>("text");
    QTest::newRow("positive") << 0.35 << "+0.35";
    QTest::newRow("negative") << -0.35 << "\u22120.35";
    QTest::newRow("zero") << 0.0 << "0.00";
    QTest::newRow("tiny negative") << -0.001 << "0.00";
    QTest::newRow("one") << 1.0 << "+1.00";
}

void TestAttributeSliders::formatValue() {
    QFETCH(double, alpha);
    QFETCH(QString, text);
    QCOMPARE(AttributeSliders::formatValue(alpha), text);
}

void TestAttributeSliders::emptyStateAndRebuild() {
    AttributeSliders sliders;
    QVERIFY(sliders.isEmptyStateShown());
    sliders.setAttributes({});
    sliders.show();
    QVERIFY(QTest::qWaitForWindowExposed(&sliders));
    QVERIFY(sliders.isEmptyStateShown());
    bool found = false;
    for (QLabel* label : sliders.findChildren<QLabel*>())
        found = found || (label->isVisible() && label->text() == QStringLiteral("This model has no attribute vectors"));
    QVERIFY(found);
    QVERIFY(sliders.values().isEmpty());

    sliders.setAttributes({kSmiling, kYoung, QStringLiteral("Eyeglasses")});
    flushDeletes();
    QVERIFY(!sliders.isEmptyStateShown());
    QCOMPARE(sliders.findChildren<QSlider*>().size(), 3);
    sliders.setValue(kSmiling, 0.5);
    // Rebuilding starts over at 0 and drops the old rows.
    sliders.setAttributes({kSmiling});
    flushDeletes();
    QCOMPARE(sliders.findChildren<QSlider*>().size(), 1);
    QCOMPARE(sliders.values(), Values({{kSmiling, 0.0}}));
    sliders.setAttributes({});
    flushDeletes();
    QVERIFY(sliders.findChildren<QSlider*>().isEmpty());
    QVERIFY(sliders.isEmptyStateShown());
}

void TestAttributeSliders::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    AttributeSliders sliders;
    sliders.resize(380, 160);
    sliders.setAttributes({kSmiling, kYoung, QStringLiteral("Eyeglasses"), QStringLiteral("Blond_Hair")});
    sliders.setValue(kSmiling, 0.35);
    sliders.setValue(kYoung, -0.6);
    sliders.show();
    QVERIFY(QTest::qWaitForWindowExposed(&sliders));
    sliders.slider(kSmiling)->setFocus();
    QVERIFY(sliders.grab().save(dir + QStringLiteral("/faces-widgets-attribute-sliders.png")));
    AttributeSliders empty;
    empty.resize(380, 80);
    empty.setAttributes({});
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    QVERIFY(empty.grab().save(dir + QStringLiteral("/faces-widgets-attribute-sliders-empty.png")));
}

QTEST_MAIN(TestAttributeSliders)
#include "test_attribute_sliders.moc"
