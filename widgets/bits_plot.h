#pragma once
/// \file BitsPlot: the training curve of a Glow model in bits per dimension.

#include "widgets/series_plot.h"

class QCPGraph;

namespace flowscope::ui {

/// Bits per dimension against the step while a Glow model trains: each batch's value (thin,
/// light) and its running average (bold); bits/dim = (−log p(x) + D·log 2^n_bits) / (D·log 2),
/// Kingma & Dhariwal 2018, arXiv:1807.03039. The y axis follows the last points so late progress
/// stays readable. The history can be saved as CSV (`step,bits_per_dim,average`).
class BitsPlot : public SeriesPlot {
    Q_OBJECT
public:
    explicit BitsPlot(QWidget* parent = nullptr);

    /// One step; NaN (or ±∞) marks a value that is missing at this step.
    void addPoint(int step, double bitsPerDim, double average);
    void clear();

private:
    void refit() override;

    QCPGraph* m_batch;
    QCPGraph* m_average;
};

}  // namespace flowscope::ui
