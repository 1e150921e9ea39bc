#include "widgets/logdet_view.h"

#include "widgets/color_maps.h"
#include "widgets/plot_support.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace flowscope::ui {
namespace {

void styleAxis(QCPAxis* axis, const QString& label) {
    QFont tickFont = axis->tickLabelFont();
    tickFont.setPointSizeF(10);
    axis->setTickLabelFont(tickFont);
    QFont labelFont = axis->labelFont();
    labelFont.setPointSizeF(11);
    axis->setLabelFont(labelFont);
    axis->setLabel(label);
}

}  // namespace

LogdetView::LogdetView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(240, 200);

    QCPAxisRect* axisRect = m_plot->axisRect();
    styleAxis(m_plot->xAxis, tr("z₁"));
    styleAxis(m_plot->yAxis, tr("z₂"));
    axisRect->setBackground(QColor(236, 236, 236));
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->grid()->setVisible(false);

    m_plot->plotLayout()->insertRow(0);
    QFont titleFont = font();
    titleFont.setPointSizeF(13);
    titleFont.setBold(true);
    m_title = new QCPTextElement(m_plot, QString(), titleFont);
    m_plot->plotLayout()->addElement(0, 0, m_title);

    m_colorScale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(1, 1, m_colorScale);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorScale->setBarWidth(14);
    styleAxis(m_colorScale->axis(), tr("log|det J|"));
    auto* marginGroup = new QCPMarginGroup(m_plot);
    axisRect->setMarginGroup(QCP::msTop | QCP::msBottom, marginGroup);
    m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, marginGroup);

    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setColorScale(m_colorScale);
    m_map->setGradient(divergingGradient());
    m_map->setInterpolate(true);
    m_map->setTightBoundary(false);
    m_map->setSelectable(QCP::stNone);
    m_map->setDataRange(QCPRange(-m_halfWidth, m_halfWidth));

    m_aspect = new EqualAspect(m_plot, axisRect);
    m_aspect->setRange(-4.0, 4.0, -4.0, 4.0);
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

QPointF LogdetView::dataToPixel(double x, double y) const {
    return QPointF(m_plot->xAxis->coordToPixel(x), m_plot->yAxis->coordToPixel(y)) + QPointF(m_plot->pos());
}

void LogdetView::replotNow() { m_plot->replot(QCustomPlot::rpImmediateRefresh); }

}  // namespace flowscope::ui
