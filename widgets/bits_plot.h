#pragma once
/// \file BitsPlot: the training curve of a Glow model in bits per dimension.

#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPGraph;

namespace flowscope::ui {

/// Bits per dimension against the step while a Glow model trains: each batch's value (thin,
/// light) and its running average (bold); bits/dim = (−log p(x) + D·log 2^n_bits) / (D·log 2),
/// Kingma & Dhariwal 2018, arXiv:1807.03039. The y axis follows the last points so late progress
/// stays readable. The history can be saved as CSV.
class BitsPlot : public QWidget {
    Q_OBJECT
public:
    explicit BitsPlot(QWidget* parent = nullptr);

    /// One step; NaN (or ±∞) marks a value that is missing at this step.
    void addPoint(int step, double bitsPerDim, double average);
    void clear();
    int pointCount() const { return static_cast<int>(m_rows.size()); }
    /// The y axis is fitted to the last `points` steps (default 200).
    void setRescaleWindow(int points);

    /// `step,bits_per_dim,average` with a header line; a missing value is an empty field.
    bool exportCsv(const QString& path) const;
    /// PNG or PDF by the suffix of path; false on failure.
    bool exportImage(const QString& path, int width, int height);
    /// Replots immediately (tests, exports); updates otherwise replot on the next event loop pass.
    void replotNow();
    QCustomPlot* plot() const { return m_plot; }

private:
    struct Row {
        int step;
        double bitsPerDim;
        double average;
    };
    void rescale();

    QCustomPlot* m_plot;
    QCPGraph* m_batch;
    QCPGraph* m_average;
    std::vector<Row> m_rows;
    int m_window = 200;
};

}  // namespace flowscope::ui
