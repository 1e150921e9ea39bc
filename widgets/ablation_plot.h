#pragma once
/// \file AblationPlot: Glow's Figure 3 live — held-out bits/dim against training iteration for
/// reverse, shuffle and 1×1 convolution, one panel per coupling (additive, affine).

#include <QWidget>

#include <map>

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;

namespace flowscope::ui {

class AblationPlot : public QWidget {
    Q_OBJECT
public:
    explicit AblationPlot(QWidget* parent = nullptr);

    /// One evaluation of one run: panel 0 additive, 1 affine; series 0 reverse, 1 shuffle,
    /// 2 the 1×1 convolution. Several seeds at one iteration are drawn as their mean.
    void addPoint(int panel, int series, int iteration, double bitsPerDim);
    void clear();
    /// Points drawn in a panel's series (means over seeds), for tests.
    int pointCount(int panel, int series) const;
    double valueAt(int panel, int series, int iteration) const;
    /// PNG or PDF by the suffix; false on failure.
    bool exportImage(const QString& path, int width, int height);

private:
    void redraw(int panel, int series);

    QCustomPlot* m_plot;
    QCPAxisRect* m_rects[2];
    QCPGraph* m_graphs[2][3];
    /// Per panel and series: iteration → (sum, count) over seeds.
    std::map<int, std::pair<double, int>> m_values[2][3];
};

}  // namespace flowscope::ui
