#pragma once
/// \file LogdetView: where one layer of a 2D flow expands or contracts volume.

#include "types/plane.h"
#include "widgets/color_map_plot.h"

#include <QColor>
#include <QPointF>
#include <QString>
#include <QWidget>

namespace flowscope::ui {

/// Shows log|det J| of one layer over the plane on a diverging map: blue where the layer
/// contracts volume (negative), white exactly at 0, red where it expands (positive), on the
/// symmetric range [−m, m] with m = max |value|, so the sign reads at a glance and the density
/// change of the change-of-variables formula can be pointed at.
class LogdetView : public ColorMapPlot {
    Q_OBJECT
public:
    explicit LogdetView(QWidget* parent = nullptr);

    void setField(const ScalarGrid& logdet, const QString& title);
    /// The symmetric colour range half-width m (≥ 1e-6).
    double rangeHalfWidth() const { return m_halfWidth; }
    /// The colour the map paints for value v at the current range.
    QColor colorForValue(double v) const;
    /// Fixes the visible data rectangle; until called, the view follows each field's extent.
    void setViewRange(double x0, double x1, double y0, double y1);
    /// PNG or PDF by the suffix of path; false on failure.
    bool exportImage(const QString& path, int width, int height);

private:
    double m_halfWidth = 1.0;
    bool m_fixedRange = false;
};

}  // namespace flowscope::ui
