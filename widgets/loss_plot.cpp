#include "widgets/loss_plot.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace flowscope::ui {

LossPlot::LossPlot(QWidget* parent) : SeriesPlot({"loss", "kl", "ess", "beta", "nll"}, 10, parent) {
    setMinimumSize(240, 160);
    m_plot->yAxis->setLabel(tr("loss, KL, NLL"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setTickLabels(true);
    m_plot->yAxis2->setLabel(tr("ESS, β"));
    m_plot->yAxis2->setRange(0.0, 1.05);

    struct Style {
        QString name;
        QColor color;
        Qt::PenStyle pen;
        bool right;
    };
    const std::array<Style, kSeriesCount> styles{{{tr("loss"), QColor(31, 31, 31), Qt::SolidLine, false},
                                                  {tr("KL(q‖p)"), QColor(230, 120, 20), Qt::SolidLine, false},
                                                  {tr("ESS"), QColor(30, 150, 70), Qt::SolidLine, true},
                                                  {tr("β (annealing)"), QColor(130, 60, 180), Qt::DashLine, true},
                                                  {tr("NLL"), QColor(200, 30, 45), Qt::SolidLine, false}}};
    for (int i = 0; i < kSeriesCount; ++i) {
        QCPGraph* graph = m_plot->addGraph(m_plot->xAxis, styles[i].right ? m_plot->yAxis2 : m_plot->yAxis);
        graph->setName(styles[i].name);
        graph->setPen(QPen(styles[i].color, 1.8, styles[i].pen));
        graph->setSelectable(QCP::stNone);
        graph->removeFromLegend();
        m_graphs[i] = graph;
    }

    connect(m_plot, &QCustomPlot::legendClick, this, &LossPlot::onLegendClick);
    m_plot->yAxis->setRange(0, 1);
    updateSeries();
}

void LossPlot::addPoint(int step, double loss, double kl, double ess, double beta, double nll) {
    const std::array<double, kSeriesCount> values{loss, kl, ess, beta, nll};
    appendRow(step, {values.begin(), values.end()});
    bool availabilityChanged = false;
    for (int i = 0; i < kSeriesCount; ++i) {
        if (!std::isfinite(values[i])) continue;
        m_graphs[i]->addData(step, values[i]);
        availabilityChanged = availabilityChanged || !m_hasData[i];
        m_hasData[i] = true;
    }
    if (availabilityChanged || m_hasData[index(Series::Beta)]) updateSeries();
    refit();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::clear() {
    clearRows();
    for (QCPGraph* graph : m_graphs) graph->data()->clear();
    m_hasData.fill(false);
    updateSeries();
    m_plot->yAxis->setRange(0, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::setSeriesVisible(Series series, bool visible) {
    m_userVisible[index(series)] = visible;
    updateSeries();
    refit();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool LossPlot::seriesShown(Series series) const { return m_graphs[index(series)]->visible(); }

void LossPlot::onLegendClick(QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
    auto* plottableItem = qobject_cast<QCPPlottableLegendItem*>(item);
    if (!plottableItem) return;
    for (int i = 0; i < kSeriesCount; ++i) {
        if (plottableItem->plottable() == m_graphs[i]) {
            setSeriesVisible(static_cast<Series>(i), !m_userVisible[i]);
            return;
        }
    }
}

bool LossPlot::seriesAvailable(int i) const {
    if (!m_hasData[i]) return false;
    if (i != index(Series::Beta)) return true;
    // β is only worth a line while annealing is still on.
    for (auto it = m_rows.rbegin(); it != m_rows.rend(); ++it) {
        const double beta = it->values[i];
        if (std::isfinite(beta)) return beta < 1.0;
    }
    return false;
}

void LossPlot::updateSeries() {
    std::array<bool, kSeriesCount> available{};
    for (int i = 0; i < kSeriesCount; ++i) available[i] = seriesAvailable(i);
    if (available != m_inLegend) {
        // Rebuilt in a fixed order, so entries never swap places as series come and go.
        m_plot->legend->clearItems();
        for (int i = 0; i < kSeriesCount; ++i)
            if (available[i]) m_graphs[i]->addToLegend();
        m_inLegend = available;
    }
    for (int i = 0; i < kSeriesCount; ++i) {
        m_graphs[i]->setVisible(available[i] && m_userVisible[i]);
        if (QCPPlottableLegendItem* item = m_plot->legend->itemWithPlottable(m_graphs[i]))
            item->setTextColor(m_userVisible[i] ? QColor(Qt::black) : QColor(160, 160, 160));
    }
}

void LossPlot::refit() {
    // The right axis (ESS, β) is fixed at 0 … 1; the left one follows the visible curves.
    rescale(
        [this](int i) {
            return (i == index(Series::Loss) || i == index(Series::Kl) || i == index(Series::Nll)) &&
                   m_graphs[static_cast<size_t>(i)]->visible();
        },
        /*flatFraction=*/0.1, /*flatMargin=*/0.5);
}

}  // namespace flowscope::ui
