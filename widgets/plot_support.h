#pragma once
/// \file Small QCustomPlot helpers shared by the map views: equal aspect ratio, filling a colour
/// map from a ScalarGrid with the right pixel placement, and PNG/PDF export.

#include "types/plane.h"

#include <QObject>
#include <QRectF>
#include <QString>

#include <functional>

class QCustomPlot;
class QCPAxisRect;
class QCPColorMap;

namespace flowscope::ui {

/// Keeps a requested data rectangle fully visible in an axis rect with one data unit in x as
/// long on screen as one unit in y; re-applied after every layout pass (resize, export size).
class EqualAspect : public QObject {
    Q_OBJECT
public:
    EqualAspect(QCustomPlot* plot, QCPAxisRect* axisRect);

    void setRange(double x0, double x1, double y0, double y1);
    QRectF range() const { return m_range; }
    /// Adjusts the axes to the current axis rect size now (also runs after each layout pass).
    void apply();

private:
    QCustomPlot* m_plot;
    QCPAxisRect* m_axisRect;
    QRectF m_range{-4.0, -4.0, 8.0, 8.0};  // x, y, width, height in data units
};

/// Copies grid into map so that the painted image covers exactly [x0,x1]×[y0,y1] (QCustomPlot
/// places the first and last cell centres on the data range). transform maps each stored value
/// to the painted one; returns the largest finite painted value (or NaN when there is none).
double fillColorMap(QCPColorMap* map, const ScalarGrid& grid, const std::function<double(float)>& transform);

/// Saves plot as PNG or PDF, chosen by the suffix of path; false on an unknown suffix or failure.
bool savePlot(QCustomPlot* plot, const QString& path, int width, int height);

}  // namespace flowscope::ui
