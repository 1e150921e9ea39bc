#include "widgets/series_plot.h"

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

SeriesPlot::SeriesPlot(QStringList csvColumns, double fontPt, QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_columns(std::move(csvColumns)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setAntialiasedElements(QCP::aePlottables);
    m_plot->xAxis->setLabel(tr("step"));
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis, m_plot->yAxis2}) {
        QFont font = axis->tickLabelFont();
        font.setPointSizeF(fontPt);
        axis->setTickLabelFont(font);
        font.setPointSizeF(fontPt + 1);
        axis->setLabelFont(font);
    }
    m_plot->legend->setVisible(true);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 0));
    QFont legendFont = m_plot->legend->font();
    legendFont.setPointSizeF(fontPt);
    m_plot->legend->setFont(legendFont);
    m_plot->xAxis->setRange(0, 1);
}

void SeriesPlot::appendRow(int step, std::vector<double> values) { m_rows.push_back(Row{step, std::move(values)}); }

void SeriesPlot::clearRows() {
    m_rows.clear();
    m_plot->xAxis->setRange(0, 1);
}

void SeriesPlot::setRescaleWindow(int points) {
    m_window = std::max(points, 2);
    refit();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool SeriesPlot::exportCsv(const QString& path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return false;
    QTextStream out(&file);
    out << "step," << m_columns.join(',') << '\n';
    for (const Row& row : m_rows) {
        out << row.step;
        for (double v : row.values) out << ',' << csvField(v);
        out << '\n';
    }
    out.flush();
    if (out.status() != QTextStream::Ok) {
        file.cancelWriting();
        return false;
    }
    return file.commit();
}

bool SeriesPlot::exportImage(const QString& path, int width, int height) {
    return savePlot(m_plot, path, width, height);
}

void SeriesPlot::replotNow() { m_plot->replot(QCustomPlot::rpImmediateRefresh); }

void SeriesPlot::rescale(const std::function<bool(int column)>& fitted, double flatFraction, double flatMargin) {
    if (m_rows.empty()) return;
    const int first = m_rows.front().step, last = m_rows.back().step;
    m_plot->xAxis->setRange(first, std::max(last, first + 1));
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const std::size_t begin = m_rows.size() > static_cast<std::size_t>(m_window) ? m_rows.size() - m_window : 0;
    for (int c = 0; c < m_columns.size(); ++c) {
        if (!fitted(c)) continue;
        for (std::size_t r = begin; r < m_rows.size(); ++r) {
            const double v = m_rows[r].values[static_cast<std::size_t>(c)];
            if (!std::isfinite(v)) continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (!(lo <= hi)) return;
    const double span = hi - lo;
    const double margin = span > 0 ? 0.08 * span : std::max(flatFraction * std::abs(hi), flatMargin);
    m_plot->yAxis->setRange(lo - margin, hi + margin);
}

}  // namespace flowscope::ui
