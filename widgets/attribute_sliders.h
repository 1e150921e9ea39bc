#pragma once
/// \file AttributeSliders: one slider per Glow attribute vector (smile, age, …).

#include <QMap>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QGridLayout;
class QLabel;
class QSlider;
class QToolButton;

namespace flowscope::ui {

/// One row per attribute vector v of the model: its name ("Smiling", "Blond hair"), a slider for
/// the strength α ∈ [−1, 1] in steps of 0.01 of the edit z' = z + α·v, the value ("+0.35") and a
/// reset button. Every slider move emits valuesChanged, so dragging updates the face live (the
/// page decodes the latest values on a worker). Keyboard: Tab to a slider, arrows step 0.01,
/// PageUp/PageDown 0.1, Home/End the ends.
class AttributeSliders : public QWidget {
    Q_OBJECT
public:
    explicit AttributeSliders(QWidget* parent = nullptr);

    /// Rebuilds the rows, all at α = 0 (names as in the model file, e.g. "Blond_Hair"); no signal.
    void setAttributes(const QStringList& names);
    QStringList attributes() const { return m_names; }
    /// α per attribute name (the names given to setAttributes).
    QMap<QString, double> values() const;
    /// α of one attribute; 0 for an unknown name.
    double value(const QString& name) const;
    /// Sets one slider, clamped to [−1, 1] and rounded to 0.01, without emitting valuesChanged
    /// (a programmatic change, e.g. restoring an edit). Unknown names are ignored.
    void setValue(const QString& name, double alpha);
    /// All sliders back to 0; emits valuesChanged once when anything moved.
    void resetAll();

    /// "Blond_Hair" → "Blond hair": underscores become spaces, later words lower case (acronyms kept).
    static QString displayName(const QString& name);
    /// "+0.35", "−0.35", "0.00".
    static QString formatValue(double alpha);

    /// The slider of an attribute (tests, focus chains); nullptr for an unknown name.
    QSlider* slider(const QString& name) const;
    /// The text of an attribute's name and value labels (empty for an unknown name).
    QString labelText(const QString& name) const;
    QString valueText(const QString& name) const;
    /// Whether the empty state ("This model has no attribute vectors") is showing.
    bool isEmptyStateShown() const;

signals:
    void valuesChanged(const QMap<QString, double>& values);

private:
    struct Row {
        QLabel* name;
        QSlider* slider;
        QLabel* value;
        QToolButton* reset;
    };
    static constexpr int kSteps = 100;  // slider units per 1.0 of α
    void onSliderMoved(int row);
    int rowOf(const QString& name) const;

    QGridLayout* m_grid;
    QLabel* m_emptyLabel;
    QStringList m_names;
    std::vector<Row> m_rows;
};

}  // namespace flowscope::ui
