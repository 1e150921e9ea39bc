#include "widgets/logdet_view.h"

#include "widgets/color_maps.h"
#include "widgets/plot_support.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace flowscope::ui {

LogdetView::LogdetView(QWidget* parent) : ColorMapPlot(tr("log|det J|"), divergingGradient(), parent) {
    m_map->setDataRange(QCPRange(-m_halfWidth, m_halfWidth));
}

void LogdetView::setField(const ScalarGrid& logdet, const QString& title) {
    double maxAbs = 0.0;
    fillColorMap(m_map, logdet, [&maxAbs](float v) {
        const double value = static_cast<double>(v);
        if (std::isfinite(value)) maxAbs = std::max(maxAbs, std::abs(value));
        return value;
    });
    m_halfWidth = std::max(maxAbs, 1e-6);
    m_map->setDataRange(QCPRange(-m_halfWidth, m_halfWidth));
    m_title->setText(title);
    const GridSpec& g = logdet.spec;
    if (!m_fixedRange && logdet.complete()) m_aspect->setRange(g.x0, g.x1, g.y0, g.y1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QColor LogdetView::colorForValue(double v) const {
    QCPColorGradient gradient = m_map->gradient();
    return QColor::fromRgba(gradient.color(v, QCPRange(-m_halfWidth, m_halfWidth)));
}

void LogdetView::setViewRange(double x0, double x1, double y0, double y1) {
    m_fixedRange = true;
    m_aspect->setRange(x0, x1, y0, y1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool LogdetView::exportImage(const QString& path, int width, int height) {
    return savePlot(m_plot, path, width, height);
}

}  // namespace flowscope::ui
