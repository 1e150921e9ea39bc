#include "widgets/bits_plot.h"

#include "widgets/plot_support.h"

#include <qcustomplot.h>

#include <QSaveFile>
#include <QTextStream>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowscope::ui {
namespace {

QString csvField(double v) { return std::isfinite(v) ? QString::number(v, 'g', 12) : QString(); }

}  // namespace

BitsPlot::BitsPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(200, 120);
    m_plot->setAntialiasedElements(QCP::aePlottables);
    m_plot->xAxis->setLabel(tr("step"));
    m_plot->yAxis->setLabel(tr("bits/dim"));
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        QFont font = axis->tickLabelFont();
        font.setPointSizeF(9);
        axis->setTickLabelFont(font);
        font.setPointSizeF(10);
        axis->setLabelFont(font);
    }

    m_batch = m_plot->addGraph();
    m_batch->setName(tr("batch"));
    m_batch->setPen(QPen(QColor(120, 150, 210), 1.0));
    m_batch->setSelectable(QCP::stNone);
    m_average = m_plot->addGraph();
    m_average->setName(tr("running average"));
    m_average->setPen(QPen(QColor(20, 60, 160), 2.2));
    m_average->setSelectable(QCP::stNone);

    // Legend in a row above the plot, so it never hides the curve.
    m_plot->legend->setVisible(true);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 0));
    QFont legendFont = m_plot->legend->font();
    legendFont.setPointSizeF(9);
    m_plot->legend->setFont(legendFont);

    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(0, 8);
}

void BitsPlot::addPoint(int step, double bitsPerDim, double average) {
    m_rows.push_back(Row{step, bitsPerDim, average});
    if (std::isfinite(bitsPerDim)) m_batch->addData(step, bitsPerDim);
    if (std::isfinite(average)) m_average->addData(step, average);
    rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void BitsPlot::clear() {
    m_rows.clear();
    m_batch->data()->clear();
    m_average->data()->clear();
    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(0, 8);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void BitsPlot::setRescaleWindow(int points) {
    m_window = std::max(points, 2);
    rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool BitsPlot::exportCsv(const QString& path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return false;
    QTextStream out(&file);
    out << "step,bits_per_dim,average\n";
    for (const Row& row : m_rows)
        out << row.step << ',' << csvField(row.bitsPerDim) << ',' << csvField(row.average) << '\n';
    out.flush();
    if (out.status() != QTextStream::Ok) {
        file.cancelWriting();
        return false;
    }
    return file.commit();
}

bool BitsPlot::exportImage(const QString& path, int width, int height) { return savePlot(m_plot, path, width, height); }

void BitsPlot::replotNow() { m_plot->replot(QCustomPlot::rpImmediateRefresh); }

void BitsPlot::rescale() {
    if (m_rows.empty()) return;
    const int first = m_rows.front().step, last = m_rows.back().step;
    m_plot->xAxis->setRange(first, std::max(last, first + 1));
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const std::size_t begin = m_rows.size() > static_cast<std::size_t>(m_window) ? m_rows.size() - m_window : 0;
    for (std::size_t r = begin; r < m_rows.size(); ++r) {
        for (double v : {m_rows[r].bitsPerDim, m_rows[r].average}) {
            if (!std::isfinite(v)) continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (!(lo <= hi)) return;
    const double span = hi - lo;
    const double margin = span > 0 ? 0.08 * span : std::max(0.05 * std::abs(hi), 0.1);
    m_plot->yAxis->setRange(lo - margin, hi + margin);
}

}  // namespace flowscope::ui
