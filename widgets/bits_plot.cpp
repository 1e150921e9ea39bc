#include "widgets/bits_plot.h"

#include <qcustomplot.h>

#include <cmath>

namespace flowscope::ui {

BitsPlot::BitsPlot(QWidget* parent) : SeriesPlot({"bits_per_dim", "average"}, 9, parent) {
    setMinimumSize(200, 120);
    m_plot->yAxis->setLabel(tr("bits/dim"));
    m_batch = m_plot->addGraph();
    m_batch->setName(tr("batch"));
    m_batch->setPen(QPen(QColor(120, 150, 210), 1.0));
    m_batch->setSelectable(QCP::stNone);
    m_average = m_plot->addGraph();
    m_average->setName(tr("running average"));
    m_average->setPen(QPen(QColor(20, 60, 160), 2.2));
    m_average->setSelectable(QCP::stNone);
    m_plot->yAxis->setRange(0, 8);
}

void BitsPlot::addPoint(int step, double bitsPerDim, double average) {
    appendRow(step, {bitsPerDim, average});
    if (std::isfinite(bitsPerDim)) m_batch->addData(step, bitsPerDim);
    if (std::isfinite(average)) m_average->addData(step, average);
    refit();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void BitsPlot::clear() {
    clearRows();
    m_batch->data()->clear();
    m_average->data()->clear();
    m_plot->yAxis->setRange(0, 8);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void BitsPlot::refit() {
    rescale([](int) { return true; }, /*flatFraction=*/0.05, /*flatMargin=*/0.1);
}

}  // namespace flowscope::ui
