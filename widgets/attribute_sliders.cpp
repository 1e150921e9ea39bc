#include "widgets/attribute_sliders.h"

#include <QFontMetrics>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace flowscope::ui {

namespace {

// The display names of CelebA's 40 attributes, for lupdate: displayName() passes the readable form
// of a label through tr(), so known attributes show translated and unknown ones as written.
[[maybe_unused]] const char* const kCelebaDisplayNames[] = {
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Arched eyebrows"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Attractive"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Bags under eyes"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Bald"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Bangs"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Big lips"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Big nose"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Black hair"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Blond hair"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Blurry"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Brown hair"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Bushy eyebrows"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Chubby"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Double chin"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Eyeglasses"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Goatee"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Gray hair"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Heavy makeup"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "High cheekbones"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Male"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Mouth slightly open"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Mustache"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Narrow eyes"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "No beard"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Oval face"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Pale skin"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Pointy nose"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Receding hairline"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Rosy cheeks"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Sideburns"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Smiling"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Straight hair"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Wavy hair"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Wearing earrings"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Wearing hat"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Wearing lipstick"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Wearing necklace"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Wearing necktie"),
    QT_TRANSLATE_NOOP("flowscope::ui::AttributeSliders", "Young")};

}  // namespace

AttributeSliders::AttributeSliders(QWidget* parent)
    : QWidget(parent),
      m_grid(new QGridLayout),
      m_emptyLabel(new QLabel(tr("This model has no attribute vectors"), this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(8);
    m_grid->setVerticalSpacing(4);
    m_grid->setColumnStretch(1, 1);
    layout->addLayout(m_grid);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_emptyLabel);
    layout->addStretch(1);
}

void AttributeSliders::setAttributes(const QStringList& names) {
    for (const Row& row : m_rows) {
        for (QWidget* widget : std::initializer_list<QWidget*>{row.name, row.slider, row.value, row.reset}) {
            m_grid->removeWidget(widget);
            widget->deleteLater();
            widget->hide();
        }
    }
    m_rows.clear();
    m_names.clear();
    for (const QString& name : names)
        if (!name.isEmpty() && !m_names.contains(name)) m_names.append(name);

    const int valueWidth = fontMetrics().horizontalAdvance(formatValue(-1.0)) + 6;
    for (int i = 0; i < m_names.size(); ++i) {
        const QString nice = displayName(m_names[i]);
        Row row{new QLabel(nice, this), new QSlider(Qt::Horizontal, this), new QLabel(formatValue(0.0), this),
                new QToolButton(this)};
        row.slider->setRange(-kSteps, kSteps);
        row.slider->setSingleStep(1);
        row.slider->setPageStep(kSteps / 10);
        row.slider->setValue(0);
        row.slider->setTickPosition(QSlider::TicksBelow);
        row.slider->setTickInterval(kSteps);  // ticks at −1, 0, +1
        row.slider->setFocusPolicy(Qt::StrongFocus);
        row.slider->setAccessibleName(nice);
        row.slider->setToolTip(tr("Strength α of “%1” (−1 … +1)").arg(nice));
        row.name->setBuddy(row.slider);
        row.value->setMinimumWidth(valueWidth);
        row.value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row.reset->setText(tr("↺"));
        row.reset->setAutoRaise(true);
        row.reset->setToolTip(tr("Reset “%1” to 0").arg(nice));
        row.reset->setAccessibleName(tr("Reset %1").arg(nice));
        QSlider* slider = row.slider;
        connect(row.slider, &QSlider::valueChanged, this, [this, i] { onSliderMoved(i); });
        connect(row.reset, &QToolButton::clicked, slider, [slider] { slider->setValue(0); });
        m_grid->addWidget(row.name, i, 0);
        m_grid->addWidget(row.slider, i, 1);
        m_grid->addWidget(row.value, i, 2);
        m_grid->addWidget(row.reset, i, 3);
        m_rows.push_back(row);
    }
    m_emptyLabel->setVisible(m_names.isEmpty());
}

QMap<QString, double> AttributeSliders::values() const {
    QMap<QString, double> result;
    for (int i = 0; i < m_names.size(); ++i)
        result.insert(m_names[i], m_rows[static_cast<std::size_t>(i)].slider->value() / double(kSteps));
    return result;
}

double AttributeSliders::value(const QString& name) const {
    const int i = rowOf(name);
    return i < 0 ? 0.0 : m_rows[static_cast<std::size_t>(i)].slider->value() / double(kSteps);
}

void AttributeSliders::setValue(const QString& name, double alpha) {
    const int i = rowOf(name);
    if (i < 0 || !std::isfinite(alpha)) return;
    const Row& row = m_rows[static_cast<std::size_t>(i)];
    {
        const QSignalBlocker blocker(row.slider);
        row.slider->setValue(static_cast<int>(std::lround(std::clamp(alpha, -1.0, 1.0) * kSteps)));
    }
    row.value->setText(formatValue(row.slider->value() / double(kSteps)));
}

void AttributeSliders::resetAll() {
    bool moved = false;
    for (const Row& row : m_rows) {
        if (row.slider->value() == 0) continue;
        moved = true;
        const QSignalBlocker blocker(row.slider);
        row.slider->setValue(0);
        row.value->setText(formatValue(0.0));
    }
    if (moved) emit valuesChanged(values());
}

QString AttributeSliders::displayName(const QString& name) {
    if (name == QLatin1String("5_o_Clock_Shadow")) return tr("5 o’clock shadow");
    const QStringList words = name.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    QStringList result;
    for (int i = 0; i < words.size(); ++i) {
        const QString& word = words[i];
        const bool acronym = word.size() > 1 && word == word.toUpper() && word != word.toLower();
        if (i == 0)
            result.append(word.left(1).toUpper() + word.mid(1));
        else
            result.append(acronym ? word : word.toLower());
    }
    const QString readable = result.join(QLatin1Char(' '));
    return tr(readable.toUtf8().constData());
}

QString AttributeSliders::formatValue(double alpha) {
    const long hundredths = std::lround(alpha * kSteps);
    const QString magnitude = QString::number(std::abs(hundredths) / double(kSteps), 'f', 2);
    if (hundredths > 0) return QStringLiteral("+") + magnitude;
    if (hundredths < 0) return QStringLiteral("\u2212") + magnitude;
    return magnitude;
}

QSlider* AttributeSliders::slider(const QString& name) const {
    const int i = rowOf(name);
    return i < 0 ? nullptr : m_rows[static_cast<std::size_t>(i)].slider;
}

QString AttributeSliders::labelText(const QString& name) const {
    const int i = rowOf(name);
    return i < 0 ? QString() : m_rows[static_cast<std::size_t>(i)].name->text();
}

QString AttributeSliders::valueText(const QString& name) const {
    const int i = rowOf(name);
    return i < 0 ? QString() : m_rows[static_cast<std::size_t>(i)].value->text();
}

bool AttributeSliders::isEmptyStateShown() const { return !m_emptyLabel->isHidden(); }

void AttributeSliders::onSliderMoved(int row) {
    const Row& r = m_rows[static_cast<std::size_t>(row)];
    r.value->setText(formatValue(r.slider->value() / double(kSteps)));
    emit valuesChanged(values());
}

int AttributeSliders::rowOf(const QString& name) const { return static_cast<int>(m_names.indexOf(name)); }

}  // namespace flowscope::ui
