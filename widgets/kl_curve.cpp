#include "widgets/kl_curve.h"

#include "widgets/plot_support.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace flowscope::ui {
namespace {
constexpr double kFloor = 1e-12;  // below float-level agreement: "converged"
}

KlCurve::KlCurve(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    setMinimumSize(240, 150);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_plot->yAxis->setNumberFormat("eb");
    m_plot->yAxis->setNumberPrecision(0);
    m_plot->xAxis->setLabel(tr("time t"));
    m_plot->yAxis->setLabel(tr("KL(p_t ‖ p)"));
    m_graph = m_plot->addGraph();
    m_graph->setPen(QPen(QColor(230, 120, 20), 2.0));
    m_graph->setLineStyle(QCPGraph::lsLine);
    clear();
}

void KlCurve::addPoint(double t, double kl) {
    if (!std::isfinite(t)) return;
    m_graph->addData(t, std::isfinite(kl) ? std::max(kl, kFloor) : kFloor);
    refit();
}

void KlCurve::clear() {
    m_graph->data()->clear();
    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(1e-4, 10);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int KlCurve::pointCount() const { return m_graph->dataCount(); }

double KlCurve::lastKl() const { return m_graph->dataCount() ? (m_graph->data()->constEnd() - 1)->value : qQNaN(); }

void KlCurve::refit() {
    if (m_graph->dataCount() == 0) return;
    double lo = 10, hi = 1e-3;
    for (const auto& p : *m_graph->data()) lo = std::min(lo, p.value), hi = std::max(hi, p.value);
    const double tMax = (m_graph->data()->constEnd() - 1)->key;
    m_plot->xAxis->setRange(0, std::max(1.0, tMax * 1.05));
    m_plot->yAxis->setRange(std::max(kFloor, lo / 3), hi * 3);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool KlCurve::exportImage(const QString& path, int width, int height) { return savePlot(m_plot, path, width, height); }

}  // namespace flowscope::ui
