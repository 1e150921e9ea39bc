#pragma once
/// \file SeriesPlot: the base of the training-curve plots (curves against the step).

#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <vector>

class QCustomPlot;

namespace flowscope::ui {

/// Curves against the training step: a QCustomPlot with the legend in a row above it (so it
/// never hides a curve), the history kept as rows for CSV export, and a y axis fitted to the last
/// points so late progress stays readable. LossPlot and BitsPlot build on it.
class SeriesPlot : public QWidget {
    Q_OBJECT
public:
    int pointCount() const { return static_cast<int>(m_rows.size()); }
    /// The y axis is fitted to the last `points` steps (default 200).
    void setRescaleWindow(int points);
    /// `step,<columns>` with a header line; NaN (or ±∞) is an empty field.
    bool exportCsv(const QString& path) const;
    /// PNG or PDF by the suffix of path; false on failure.
    bool exportImage(const QString& path, int width, int height);
    /// Replots immediately (tests, exports); updates otherwise replot on the next event loop pass.
    void replotNow();
    QCustomPlot* plot() const { return m_plot; }

protected:
    struct Row {
        int step;
        std::vector<double> values;  ///< one per CSV column
    };
    /// `fontPt`: tick labels and legend; axis labels one point larger.
    SeriesPlot(QStringList csvColumns, double fontPt, QWidget* parent);

    void appendRow(int step, std::vector<double> values);
    void clearRows();
    /// x over every step; y over the last window of the columns `fitted` accepts, with a margin
    /// of 8 % of the span (or, for a flat curve, max(flatFraction·|value|, flatMargin)).
    void rescale(const std::function<bool(int column)>& fitted, double flatFraction, double flatMargin);
    /// Calls rescale with the subclass's choices (after the window changes).
    virtual void refit() = 0;

    QCustomPlot* m_plot;
    std::vector<Row> m_rows;

private:
    QStringList m_columns;
    int m_window = 200;
};

}  // namespace flowscope::ui
