#pragma once
/// \file PolylineSet: many polylines as one QCustomPlot plottable.

#include "types/plane.h"

#include <qcustomplot.h>

#include <vector>

namespace flowscope::ui {

/// Draws a whole family of polylines (the warped coordinate grid, the contours of a target
/// energy) with one pen as a single plottable, so a 30 Hz update only swaps data and never
/// creates or deletes plottables. Not selectable; NaN vertices break a line.
class PolylineSet : public QCPAbstractPlottable {
public:
    PolylineSet(QCPAxis* keyAxis, QCPAxis* valueAxis);

    void setLines(std::vector<Polyline> lines);
    const std::vector<Polyline>& lines() const { return m_lines; }

    double selectTest(const QPointF& pos, bool onlySelectable, QVariant* details = nullptr) const override;
    QCPRange getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange& inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    std::vector<Polyline> m_lines;
};

}  // namespace flowscope::ui
