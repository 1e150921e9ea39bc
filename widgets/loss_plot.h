#pragma once
/// \file LossPlot: the training curves of a 2D flow.

#include "widgets/series_plot.h"

#include <array>

class QCPAbstractLegendItem;
class QCPGraph;
class QCPLegend;
class QMouseEvent;

namespace flowscope::ui {

/// Training curves against the step: the loss, KL(q‖p) and the data NLL on the left axis; the
/// effective sample size fraction (ESS) and the annealing β on a right axis 0 … 1 (β only while
/// it is below 1). The y axis follows the last points so late progress stays readable; clicking
/// a legend entry hides or shows its series. The whole history can be saved as CSV
/// (`step,loss,kl,ess,beta,nll`).
class LossPlot : public SeriesPlot {
    Q_OBJECT
public:
    enum class Series { Loss = 0, Kl, Ess, Beta, Nll };
    static constexpr int kSeriesCount = 5;

    explicit LossPlot(QWidget* parent = nullptr);

    /// One training step; NaN marks a series that has no value at this step.
    void addPoint(int step, double loss, double kl, double ess, double beta, double nll);
    void clear();

    /// The user's choice (the legend click); a series is drawn when chosen and it has data.
    void setSeriesVisible(Series series, bool visible);
    bool seriesVisible(Series series) const { return m_userVisible[index(series)]; }
    /// Whether the series is drawn now (chosen, has data, and for β: the latest β < 1).
    bool seriesShown(Series series) const;

private:
    static int index(Series series) { return static_cast<int>(series); }
    void onLegendClick(QCPLegend* legend, QCPAbstractLegendItem* item, QMouseEvent* event);
    bool seriesAvailable(int i) const;
    void updateSeries();
    void refit() override;

    std::array<QCPGraph*, kSeriesCount> m_graphs{};
    std::array<bool, kSeriesCount> m_userVisible{{true, true, true, true, true}};
    std::array<bool, kSeriesCount> m_hasData{};
    std::array<bool, kSeriesCount> m_inLegend{};
};

}  // namespace flowscope::ui
