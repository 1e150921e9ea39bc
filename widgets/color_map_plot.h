#pragma once
/// \file ColorMapPlot: the base of the views that paint a scalar field over the plane.

#include <QPointF>
#include <QString>
#include <QWidget>

class QCPAxis;
class QCPColorGradient;
class QCPColorMap;
class QCPColorScale;
class QCPTextElement;
class QCustomPlot;

namespace flowscope::ui {

class EqualAspect;

/// A QCustomPlot with a bold title row, z₁/z₂ axes on a grey background without grid lines, an
/// equal-aspect plane (a circle looks like a circle), a colour map and its labelled colour scale
/// on the right. The density view and the log-det view build on it.
class ColorMapPlot : public QWidget {
    Q_OBJECT
public:
    /// Widget pixel of a data point, as of the last layout (replotNow() first when in doubt).
    QPointF dataToPixel(double x, double y) const;
    /// Replots immediately (tests, exports); updates otherwise replot on the next event loop pass.
    void replotNow();
    QCustomPlot* plot() const { return m_plot; }
    /// The axes' labels (z₁, z₂ unless set; phase space uses q, p) and the colour scale's.
    void setAxisLabels(const QString& x, const QString& y);
    void setScaleLabel(const QString& label);

protected:
    ColorMapPlot(const QString& scaleLabel, const QCPColorGradient& gradient, QWidget* parent);

    QCustomPlot* m_plot;
    EqualAspect* m_aspect;
    QCPTextElement* m_title;
    QCPColorMap* m_map;
    QCPColorScale* m_colorScale;
};

/// Tick labels at 10 pt, the axis label at 11 pt.
void styleAxis(QCPAxis* axis, const QString& label);

}  // namespace flowscope::ui
