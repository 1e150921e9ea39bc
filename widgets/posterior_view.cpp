#include "widgets/posterior_view.h"

#include "widgets/color_maps.h"
#include "widgets/plot_support.h"
#include "widgets/polyline_set.h"

#include <qcustomplot.h>

#include <cmath>

namespace flowscope::ui {

PosteriorView::PosteriorView(QWidget* parent) : ColorMapPlot(tr("p(z | x)"), viridisGradient(), parent) {
    m_q0 = new PolylineSet(m_plot->xAxis, m_plot->yAxis);
    m_q0->setPen(QPen(QColor(255, 255, 255), 1.6, Qt::DashLine));
    m_q0->setName(tr("q₀(z | x), before the flow"));
    m_qK = new PolylineSet(m_plot->xAxis, m_plot->yAxis);
    m_qK->setPen(QPen(QColor(255, 140, 40), 2.0));
    m_qK->setName(tr("q_K(z | x)"));
    m_plot->legend->setVisible(true);
    m_plot->legend->setBrush(QColor(255, 255, 255, 200));
    m_plot->legend->setFont(QFont(font().family(), 9));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    m_plot->legend->clearItems();
    m_q0->addToLegend();
    m_qK->addToLegend();
    m_title->setText(tr("Click an image: its exact posterior appears here"));
}

void PosteriorView::setPosterior(const ScalarGrid& logPosterior) {
    const double peak = fillColorMap(m_map, logPosterior, [](float v) { return std::exp(static_cast<double>(v)); });
    m_map->setDataRange(QCPRange(0.0, std::isfinite(peak) && peak > 0 ? peak : 1.0));
    const GridSpec& g = logPosterior.spec;
    if (logPosterior.complete()) m_aspect->setRange(g.x0, g.x1, g.y0, g.y1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PosteriorView::setQ0Contours(std::vector<Polyline> lines) {
    m_q0->setLines(std::move(lines));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PosteriorView::setQKContours(std::vector<Polyline> lines, const QString& name) {
    m_qK->setLines(std::move(lines));
    m_qK->setName(name);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PosteriorView::setTitle(const QString& title) {
    m_title->setText(title);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString PosteriorView::title() const { return m_title->text(); }
size_t PosteriorView::q0LineCount() const { return m_q0->lines().size(); }
size_t PosteriorView::qKLineCount() const { return m_qK->lines().size(); }

bool PosteriorView::exportImage(const QString& path, int width, int height) {
    return savePlot(m_plot, path, width, height);
}

}  // namespace flowscope::ui
