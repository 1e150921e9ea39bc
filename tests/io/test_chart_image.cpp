// Charts as files: each series is drawn in its own colour where its data says (a line through
// the plot's corners crosses its centre), histogram steps need n + 1 edges, non-finite points are
// skipped, and a .pdf path gives a PDF.

#include "io/chart_image.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace flowscope;

namespace {

/// Pixels within `r` of (x, y) whose colour is close to `c`.
int near(const QImage& image, int x, int y, int r, QColor c) {
    int n = 0;
    for (int yy = y - r; yy <= y + r; ++yy)
        for (int xx = x - r; xx <= x + r; ++xx) {
            if (!image.rect().contains(xx, yy)) continue;
            const QColor p = image.pixelColor(xx, yy);
            if (std::abs(p.red() - c.red()) + std::abs(p.green() - c.green()) + std::abs(p.blue() - c.blue()) < 60) ++n;
        }
    return n;
}

}  // namespace

class TestChartImage : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void seriesAreDrawnWhereTheirDataIs() {
        ChartPanel p;
        p.title = "t";
        p.series.push_back({"rising", {0, 1}, {0, 1}, ChartSeries::Style::Line});
        p.series.push_back({"falling", {0, 1}, {1, 0}, ChartSeries::Style::Line});
        const QImage one = renderChart({p}, 600, 400);
        QCOMPARE(one.size(), QSize(600, 400));
        // The rising line is below the falling one on the left half and above it on the right.
        const QColor blue(31, 119, 180), orange(255, 127, 14);
        auto meanY = [&](QColor c, int x0, int x1) {
            double sum = 0;
            int n = 0;
            for (int y = 0; y < one.height(); ++y)
                for (int x = x0; x < x1; ++x)
                    if (near(one, x, y, 0, c) == 1) sum += y, ++n;
            return n > 50 ? sum / n : -1.0;
        };
        const double blueLeft = meanY(blue, 0, 300), orangeLeft = meanY(orange, 0, 300);
        const double blueRight = meanY(blue, 300, 600), orangeRight = meanY(orange, 300, 600);
        QVERIFY(blueLeft > 0 && orangeLeft > 0 && blueRight > 0 && orangeRight > 0);
        QVERIFY2(blueLeft > orangeLeft + 50 && blueRight + 50 < orangeRight,
                 qPrintable(QString("%1 %2 %3 %4").arg(blueLeft).arg(orangeLeft).arg(blueRight).arg(orangeRight)));
        const QImage two = renderChart({p, p}, 600, 400);
        QCOMPARE(two.size(), QSize(1200, 400));
        // Both panels show their grid (a brush left over from the first legend once hid the second's).
        auto gridPixels = [&](int x0, int x1) {
            int n = 0;
            for (int y = 0; y < two.height(); ++y)
                for (int x = x0; x < x1; ++x) n += two.pixelColor(x, y) == QColor(225, 225, 225);
            return n;
        };
        const int left = gridPixels(0, 600), right = gridPixels(600, 1200);
        QVERIFY2(left > 500 && std::abs(left - right) < left / 10,
                 qPrintable(QString("%1 vs %2").arg(left).arg(right)));
    }

    void stepsAndBadSeries() {
        ChartPanel p;
        p.series.push_back({"hist", {0, 1, 2, 3}, {1, NAN, 2}, ChartSeries::Style::Steps});
        QVERIFY(!renderChart({p}).isNull());
        p.series[0].x.pop_back();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, renderChart({p}));
        ChartPanel line;
        line.series.push_back({"l", {0, 1, 2}, {0, 1}, ChartSeries::Style::Line});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, saveChart({line}, m_dir.filePath("x.png").toStdString()));
        QVERIFY(!QFile::exists(m_dir.filePath("x.png")));
    }

    void pngAndPdfFiles() {
        ChartPanel p;
        p.xLabel = "iteration";
        p.yLabel = "bits/dim";
        p.series.push_back({"a", {0, 1, 2}, {3, 2, 1.5}, ChartSeries::Style::LineWithMarkers});
        saveChart({p, p}, m_dir.filePath("c.png").toStdString());
        saveChart({p, p}, m_dir.filePath("c.pdf").toStdString());
        QCOMPARE(QImage(m_dir.filePath("c.png")).size(), QSize(1280, 440));
        QFile pdf(m_dir.filePath("c.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, saveChart({p}, "/nonexistent/dir/c.png"));
    }
};

QTEST_MAIN(TestChartImage)
#include "test_chart_image.moc"
