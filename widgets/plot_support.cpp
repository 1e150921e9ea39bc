#include "widgets/plot_support.h"

#include <qcustomplot.h>

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowscope::ui {

EqualAspect::EqualAspect(QCustomPlot* plot, QCPAxisRect* axisRect) : QObject(plot), m_plot(plot), m_axisRect(axisRect) {
    connect(m_plot, &QCustomPlot::afterLayout, this, &EqualAspect::apply);
}

void EqualAspect::setRange(double x0, double x1, double y0, double y1) {
    if (!(x1 > x0) || !(y1 > y0)) return;
    m_range = QRectF(x0, y0, x1 - x0, y1 - y0);
    apply();
}

void EqualAspect::apply() {
    const double widthPx = m_axisRect->width();
    const double heightPx = m_axisRect->height();
    QCPAxis* xAxis = m_axisRect->axis(QCPAxis::atBottom);
    QCPAxis* yAxis = m_axisRect->axis(QCPAxis::atLeft);
    if (widthPx < 2 || heightPx < 2) {
        xAxis->setRange(m_range.left(), m_range.right());
        yAxis->setRange(m_range.top(), m_range.bottom());
        return;
    }
    // Data units per pixel: the larger of the two, so the whole requested rectangle stays visible.
    const double unitsPerPixel = std::max(m_range.width() / widthPx, m_range.height() / heightPx);
    const QPointF c = m_range.center();
    xAxis->setRange(c.x() - 0.5 * unitsPerPixel * widthPx, c.x() + 0.5 * unitsPerPixel * widthPx);
    yAxis->setRange(c.y() - 0.5 * unitsPerPixel * heightPx, c.y() + 0.5 * unitsPerPixel * heightPx);
}

double fillColorMap(QCPColorMap* map, const ScalarGrid& grid, const std::function<double(float)>& transform) {
    QCPColorMapData* data = map->data();
    const GridSpec& g = grid.spec;
    const bool valid = grid.complete() && g.nx <= 4096 && g.ny <= 4096;
    const int nx = valid ? static_cast<int>(g.nx) : 1, ny = valid ? static_cast<int>(g.ny) : 1;
    if (data->keySize() != nx || data->valueSize() != ny) data->setSize(nx, ny);
    // QCPColorMapData's range runs from the first to the last cell centre.
    const double dx = (g.x1 - g.x0) / nx, dy = (g.y1 - g.y0) / ny;
    data->setRange(QCPRange(g.x0 + 0.5 * dx, g.x1 - 0.5 * dx), QCPRange(g.y0 + 0.5 * dy, g.y1 - 0.5 * dy));
    if (!valid) {
        data->fill(std::numeric_limits<double>::quiet_NaN());
        return std::numeric_limits<double>::quiet_NaN();
    }
    double maxValue = -std::numeric_limits<double>::infinity();
    for (int j = 0; j < ny; ++j) {
        const float* row = grid.values.data() + static_cast<std::size_t>(j) * nx;
        for (int i = 0; i < nx; ++i) {
            const double v = transform(row[i]);
            data->setCell(i, j, v);
            if (std::isfinite(v)) maxValue = std::max(maxValue, v);
        }
    }
    return std::isfinite(maxValue) ? maxValue : std::numeric_limits<double>::quiet_NaN();
}

bool savePlot(QCustomPlot* plot, const QString& path, int width, int height) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = plot->savePng(path, width, height);
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot->savePdf(path, width, height);
    }
    // Exporting re-lays the plot out at the export size; restore the on-screen layout.
    plot->replot(QCustomPlot::rpQueuedReplot);
    return ok;
}

}  // namespace flowscope::ui
