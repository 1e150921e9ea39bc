#include "io/chart_image.h"

#include "io/atomic_file.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace flowscope {

namespace {

// Tableau 10: distinguishable, and the first three read apart in grey too.
const QColor kPalette[] = {QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),
                           QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
                           QColor(188, 189, 34),  QColor(23, 190, 207)};

struct Range {
    double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
    void add(double v) {
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
    void settle() {
        if (!(lo <= hi)) lo = 0, hi = 1;
        if (hi - lo < 1e-12) lo -= 0.5, hi += 0.5;
    }
};

/// About six to ten round tick values covering [lo, hi].
std::vector<double> ticks(double lo, double hi) {
    const double raw = (hi - lo) / 8.0;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    std::vector<double> out;
    for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
        out.push_back(std::abs(t) < step * 1e-9 ? 0 : t);
    return out;
}

void check(const ChartSeries& s) {
    const bool ok = s.style == ChartSeries::Style::Steps ? (s.y.empty() ? s.x.empty() : s.x.size() == s.y.size() + 1)
                                                         : s.x.size() == s.y.size();
    if (!ok) throw std::invalid_argument("chart series '" + s.label + "': x and y lengths do not match its style");
}

void drawPanel(QPainter& p, const ChartPanel& panel, const QRectF& area) {
    const QFont base = p.font();
    const double em = QFontMetricsF(base).height();
    Range xr, yr;
    for (const auto& s : panel.series) {
        for (double v : s.x) xr.add(v);
        for (double v : s.y) yr.add(v);
        if (s.style == ChartSeries::Style::Steps) yr.add(0.0);
    }
    xr.settle();
    yr.settle();
    const double pad = (yr.hi - yr.lo) * 0.05;
    yr.hi += pad;
    if (yr.lo != 0.0) yr.lo -= pad;
    const QRectF plot(area.left() + 4.8 * em, area.top() + 2.0 * em, area.width() - 6.0 * em, area.height() - 5.0 * em);
    auto X = [&](double v) { return plot.left() + (v - xr.lo) / (xr.hi - xr.lo) * plot.width(); };
    auto Y = [&](double v) { return plot.bottom() - (v - yr.lo) / (yr.hi - yr.lo) * plot.height(); };

    QFont bold = base;
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(Qt::black);
    p.drawText(QRectF(area.left(), area.top(), area.width(), 1.8 * em), Qt::AlignCenter,
               QString::fromStdString(panel.title));
    p.setFont(base);
    // Grid, ticks and labels.
    const QPen gridPen(QColor(225, 225, 225), 0);
    for (double t : ticks(xr.lo, xr.hi)) {
        p.setPen(gridPen);
        p.drawLine(QPointF(X(t), plot.top()), QPointF(X(t), plot.bottom()));
        p.setPen(Qt::black);
        p.drawText(QRectF(X(t) - 3 * em, plot.bottom() + 0.2 * em, 6 * em, em), Qt::AlignHCenter | Qt::AlignTop,
                   QString::number(t, 'g', 6));
    }
    for (double t : ticks(yr.lo, yr.hi)) {
        p.setPen(gridPen);
        p.drawLine(QPointF(plot.left(), Y(t)), QPointF(plot.right(), Y(t)));
        p.setPen(Qt::black);
        p.drawText(QRectF(area.left(), Y(t) - 0.5 * em, 4.5 * em, em), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(t, 'g', 6));
    }
    p.setPen(QPen(Qt::black, 0));
    p.setBrush(Qt::NoBrush);  // a brush left from another panel's legend would hide the grid
    p.drawRect(plot);
    p.drawText(QRectF(plot.left(), plot.bottom() + 1.4 * em, plot.width(), 1.4 * em), Qt::AlignCenter,
               QString::fromStdString(panel.xLabel));
    p.save();
    p.translate(area.left() + 0.7 * em, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -0.7 * em, plot.height(), 1.4 * em), Qt::AlignCenter,
               QString::fromStdString(panel.yLabel));
    p.restore();

    // Series, clipped to the plot.
    p.save();
    p.setClipRect(plot);
    p.setRenderHint(QPainter::Antialiasing);
    for (size_t i = 0; i < panel.series.size(); ++i) {
        const auto& s = panel.series[i];
        const QColor colour = kPalette[i % 10];
        p.setPen(QPen(colour, std::max(1.5, em / 8.0)));
        p.setBrush(Qt::NoBrush);
        QPainterPath path;
        bool open = false;
        if (s.style == ChartSeries::Style::Steps) {
            for (size_t k = 0; k < s.y.size(); ++k) {
                if (!std::isfinite(s.y[k]) || !std::isfinite(s.x[k]) || !std::isfinite(s.x[k + 1])) {
                    open = false;
                    continue;
                }
                if (!open) path.moveTo(X(s.x[k]), Y(0.0));
                path.lineTo(X(s.x[k]), Y(s.y[k]));
                path.lineTo(X(s.x[k + 1]), Y(s.y[k]));
                open = true;
                if (k + 1 == s.y.size() || !std::isfinite(s.y[k + 1])) path.lineTo(X(s.x[k + 1]), Y(0.0));
            }
        } else {
            for (size_t k = 0; k < s.x.size(); ++k) {
                if (!std::isfinite(s.x[k]) || !std::isfinite(s.y[k])) {
                    open = false;
                    continue;
                }
                const QPointF pt(X(s.x[k]), Y(s.y[k]));
                if (open)
                    path.lineTo(pt);
                else
                    path.moveTo(pt);
                open = true;
            }
        }
        p.drawPath(path);
        if (s.style == ChartSeries::Style::LineWithMarkers) {
            p.setBrush(colour);
            for (size_t k = 0; k < s.x.size(); ++k)
                if (std::isfinite(s.x[k]) && std::isfinite(s.y[k]))
                    p.drawEllipse(QPointF(X(s.x[k]), Y(s.y[k])), em / 5.0, em / 5.0);
        }
    }
    p.restore();

    // Legend, top right inside the plot.
    double width = 0;
    for (const auto& s : panel.series)
        width = std::max(width, QFontMetricsF(base).horizontalAdvance(QString::fromStdString(s.label)));
    if (width > 0) {
        const QRectF box(plot.right() - width - 3.2 * em, plot.top() + 0.4 * em, width + 2.8 * em,
                         (panel.series.size() + 0.4) * em);
        p.setPen(QPen(QColor(180, 180, 180), 0));
        p.setBrush(QColor(255, 255, 255, 230));
        p.drawRect(box);
        for (size_t i = 0; i < panel.series.size(); ++i) {
            const double y = box.top() + (i + 0.7) * em;
            p.setPen(QPen(kPalette[i % 10], std::max(2.0, em / 6.0)));
            p.drawLine(QPointF(box.left() + 0.3 * em, y), QPointF(box.left() + 1.8 * em, y));
            p.setPen(Qt::black);
            p.drawText(QRectF(box.left() + 2.2 * em, y - 0.5 * em, width + 0.5 * em, em),
                       Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(panel.series[i].label));
        }
    }
}

void drawChart(QPainter& p, const std::vector<ChartPanel>& panels, double panelWidth, double height) {
    for (const auto& panel : panels)
        for (const auto& s : panel.series) check(s);
    for (size_t i = 0; i < panels.size(); ++i) drawPanel(p, panels[i], QRectF(i * panelWidth, 0, panelWidth, height));
}

}  // namespace

QImage renderChart(const std::vector<ChartPanel>& panels, int panelWidth, int height) {
    const int n = std::max<int>(1, static_cast<int>(panels.size()));
    QImage image(panelWidth * n, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    QFont f = p.font();
    f.setPixelSize(std::max(10, height / 32));
    p.setFont(f);
    drawChart(p, panels, panelWidth, height);
    return image;
}

void saveChart(const std::vector<ChartPanel>& panels, const std::string& path, int panelWidth, int height) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (QFileInfo(QString::fromStdString(path)).suffix().compare("pdf", Qt::CaseInsensitive) == 0) {
        for (const auto& panel : panels)
            for (const auto& s : panel.series) check(s);
        const int n = std::max<int>(1, static_cast<int>(panels.size()));
        QPdfWriter pdf(&buffer);
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(panelWidth * n * 72.0 / 96, height * 72.0 / 96), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p(&pdf);
        QFont f = p.font();
        f.setPixelSize(std::max(10, height / 32));
        p.setFont(f);
        drawChart(p, panels, panelWidth, height);
        p.end();
    } else {
        const QImage image = renderChart(panels, panelWidth, height);
        if (!image.save(&buffer, "PNG")) throw std::runtime_error("'" + path + "': cannot encode the chart as PNG");
    }
    writeFileAtomically(path, bytes.toStdString());
}

}  // namespace flowscope
