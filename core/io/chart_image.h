#pragma once
/// \file Line and step charts as PNG or PDF files, for what the CLI measures (bits/dim
/// histograms, training curves): panels side by side, each with axes, ticks, grid and a legend.
/// Drawing text needs a QGuiApplication (fonts); the CLI makes an offscreen one.

#include <QImage>

#include <string>
#include <vector>

namespace flowscope {

struct ChartSeries {
    std::string label;
    std::vector<double> x, y;
    /// Steps: a histogram outline, x holding the n + 1 bin edges and y the n bin heights.
    enum class Style { Line, LineWithMarkers, Steps } style = Style::Line;
};

struct ChartPanel {
    std::string title, xLabel, yLabel;
    std::vector<ChartSeries> series;
};

/// The panels side by side, each panelWidth × height pixels. Non-finite points are skipped.
QImage renderChart(const std::vector<ChartPanel>& panels, int panelWidth = 640, int height = 440);
/// Writes the chart atomically as PNG, or as a vector PDF when `path` ends in .pdf. Throws
/// std::invalid_argument for a series whose x and y lengths do not fit its style, and
/// std::runtime_error naming the file when it cannot be written.
void saveChart(const std::vector<ChartPanel>& panels, const std::string& path, int panelWidth = 640, int height = 440);

}  // namespace flowscope
