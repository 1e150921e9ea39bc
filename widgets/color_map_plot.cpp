#include "widgets/color_map_plot.h"

#include "widgets/plot_support.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

namespace flowscope::ui {

void styleAxis(QCPAxis* axis, const QString& label) {
    QFont tickFont = axis->tickLabelFont();
    tickFont.setPointSizeF(10);
    axis->setTickLabelFont(tickFont);
    QFont labelFont = axis->labelFont();
    labelFont.setPointSizeF(11);
    axis->setLabelFont(labelFont);
    axis->setLabel(label);
}

ColorMapPlot::ColorMapPlot(const QString& scaleLabel, const QCPColorGradient& gradient, QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)) {
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
    styleAxis(m_colorScale->axis(), scaleLabel);
    auto* marginGroup = new QCPMarginGroup(m_plot);
    axisRect->setMarginGroup(QCP::msTop | QCP::msBottom, marginGroup);
    m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, marginGroup);

    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setColorScale(m_colorScale);
    m_map->setGradient(gradient);
    m_map->setInterpolate(true);
    m_map->setTightBoundary(false);
    m_map->setSelectable(QCP::stNone);

    m_aspect = new EqualAspect(m_plot, axisRect);
    m_aspect->setRange(-4.0, 4.0, -4.0, 4.0);
}

void ColorMapPlot::setAxisLabels(const QString& x, const QString& y) {
    m_plot->xAxis->setLabel(x);
    m_plot->yAxis->setLabel(y);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ColorMapPlot::setScaleLabel(const QString& label) {
    m_colorScale->axis()->setLabel(label);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QPointF ColorMapPlot::dataToPixel(double x, double y) const {
    return QPointF(m_plot->xAxis->coordToPixel(x), m_plot->yAxis->coordToPixel(y)) + QPointF(m_plot->pos());
}

void ColorMapPlot::replotNow() { m_plot->replot(QCustomPlot::rpImmediateRefresh); }

}  // namespace flowscope::ui
