#include "widgets/loss_plot.h"

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

LossPlot::LossPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(240, 160);
    m_plot->setAntialiasedElements(QCP::aePlottables);

    m_plot->xAxis->setLabel(tr("step"));
    m_plot->yAxis->setLabel(tr("loss, KL, NLL"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setTickLabels(true);
    m_plot->yAxis2->setLabel(tr("ESS, β"));
    m_plot->yAxis2->setRange(0.0, 1.05);
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis, m_plot->yAxis2}) {
        QFont font = axis->tickLabelFont();
        font.setPointSizeF(10);
        axis->setTickLabelFont(font);
        font.setPointSizeF(11);
        axis->setLabelFont(font);
    }

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

    // The legend sits in a row above the plot, one entry per column, so it never hides a curve.
    m_plot->legend->setVisible(true);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 0));
    QFont legendFont = m_plot->legend->font();
    legendFont.setPointSizeF(10);
    m_plot->legend->setFont(legendFont);
    connect(m_plot, &QCustomPlot::legendClick, this, &LossPlot::onLegendClick);

    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(0, 1);
    updateSeries();
}

void LossPlot::addPoint(int step, double loss, double kl, double ess, double beta, double nll) {
    Row row{step, {loss, kl, ess, beta, nll}};
    m_rows.push_back(row);
    bool availabilityChanged = false;
    for (int i = 0; i < kSeriesCount; ++i) {
        if (!std::isfinite(row.values[i])) continue;
        m_graphs[i]->addData(step, row.values[i]);
        availabilityChanged = availabilityChanged || !m_hasData[i];
        m_hasData[i] = true;
    }
    if (availabilityChanged || m_hasData[index(Series::Beta)]) updateSeries();
    rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::clear() {
    m_rows.clear();
    for (QCPGraph* graph : m_graphs) graph->data()->clear();
    m_hasData.fill(false);
    updateSeries();
    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(0, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::setSeriesVisible(Series series, bool visible) {
    m_userVisible[index(series)] = visible;
    updateSeries();
    rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool LossPlot::seriesShown(Series series) const { return m_graphs[index(series)]->visible(); }

void LossPlot::setRescaleWindow(int points) {
    m_window = std::max(points, 2);
    rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool LossPlot::exportCsv(const QString& path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return false;
    QTextStream out(&file);
    out << "step,loss,kl,ess,beta,nll\n";
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

bool LossPlot::exportImage(const QString& path, int width, int height) { return savePlot(m_plot, path, width, height); }

void LossPlot::replotNow() { m_plot->replot(QCustomPlot::rpImmediateRefresh); }

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

void LossPlot::rescale() {
    if (m_rows.empty()) return;
    const int first = m_rows.front().step, last = m_rows.back().step;
    m_plot->xAxis->setRange(first, std::max(last, first + 1));

    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const std::size_t begin = m_rows.size() > static_cast<std::size_t>(m_window) ? m_rows.size() - m_window : 0;
    for (int i : {index(Series::Loss), index(Series::Kl), index(Series::Nll)}) {
        if (!m_graphs[i]->visible()) continue;
        for (std::size_t r = begin; r < m_rows.size(); ++r) {
            const double v = m_rows[r].values[i];
            if (!std::isfinite(v)) continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (!(lo <= hi)) return;
    const double span = hi - lo;
    const double margin = span > 0 ? 0.08 * span : std::max(0.1 * std::abs(hi), 0.5);
    m_plot->yAxis->setRange(lo - margin, hi + margin);
}

}  // namespace flowscope::ui
