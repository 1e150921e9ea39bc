// BitsPlot: CSV export (header, values, missing fields), clear, a y range that follows the
// recent points, image export.
#include "widget_test_support.h"
#include "widgets/bits_plot.h"

#include <qcustomplot.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using flowscope::ui::BitsPlot;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A Glow-like curve: from 8 bits/dim down towards 1.3.
double bitsAt(int step) { return 1.3 + 6.7 * std::exp(-step / 20.0); }

QStringList csvLines(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

}  // namespace

class TestBitsPlot : public QObject {
    Q_OBJECT

private slots:
    void exportCsv();
    void clearEmpties();
    void yRangeFollowsRecentPoints();
    void exportImage();
    void screenshots();
};

void TestBitsPlot::exportCsv() {
    BitsPlot plot;
    for (int i = 0; i < 50; ++i) plot.addPoint(10 * i, bitsAt(i), i % 7 == 0 ? kNaN : bitsAt(i) + 0.01);
    QCOMPARE(plot.pointCount(), 50);
    QCOMPARE(plot.plot()->graph(0)->dataCount(), 50);
    QCOMPARE(plot.plot()->graph(1)->dataCount(), 50 - 8);  // NaN averages are not drawn
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bits.csv"));
    QVERIFY(plot.exportCsv(path));
    const QStringList lines = csvLines(path);
    QCOMPARE(lines.size(), 51);
    QCOMPARE(lines.front(), QStringLiteral("step,bits_per_dim,average"));
    for (int i = 0; i < 50; ++i) {
        const QStringList fields = lines[i + 1].split(QLatin1Char(','));
        QCOMPARE(fields.size(), 3);
        QCOMPARE(fields[0].toInt(), 10 * i);
        QVERIFY2(std::abs(fields[1].toDouble() - bitsAt(i)) < 1e-10, qPrintable(lines[i + 1]));
        QCOMPARE(fields[2].isEmpty(), i % 7 == 0);
        if (i % 7 != 0) QVERIFY(std::abs(fields[2].toDouble() - (bitsAt(i) + 0.01)) < 1e-10);
    }
    QVERIFY(!plot.exportCsv(QStringLiteral("/nonexistent-dir/bits.csv")));
}

void TestBitsPlot::clearEmpties() {
    BitsPlot plot;
    for (int i = 0; i < 5; ++i) plot.addPoint(i, bitsAt(i), bitsAt(i));
    plot.clear();
    QCOMPARE(plot.pointCount(), 0);
    QCOMPARE(plot.plot()->graph(0)->dataCount(), 0);
    QCOMPARE(plot.plot()->graph(1)->dataCount(), 0);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.csv"));
    QVERIFY(plot.exportCsv(path));
    QCOMPARE(csvLines(path), QStringList{QStringLiteral("step,bits_per_dim,average")});
    plot.addPoint(7, 3.5, 3.6);
    QCOMPARE(plot.pointCount(), 1);
    QVERIFY(plot.plot()->yAxis->range().contains(3.5));
}

void TestBitsPlot::yRangeFollowsRecentPoints() {
    BitsPlot plot;
    for (int i = 0; i < 300; ++i) plot.addPoint(i, bitsAt(i), bitsAt(i) + 0.02);
    // The last 200 steps lie between 1.3 and 1.36: the early 8 bits/dim no longer squash them.
    const QCPRange range = plot.plot()->yAxis->range();
    QVERIFY2(range.lower > 1.0 && range.upper < 2.0,
             qPrintable(QStringLiteral("%1 %2").arg(range.lower).arg(range.upper)));
    QVERIFY(range.contains(bitsAt(299)) && range.contains(bitsAt(100) + 0.02));
    const QCPRange x = plot.plot()->xAxis->range();
    QCOMPARE(x.lower, 0.0);
    QCOMPARE(x.upper, 299.0);
    plot.setRescaleWindow(1000);
    QVERIFY(plot.plot()->yAxis->range().upper > 8.0);
}

void TestBitsPlot::exportImage() {
    BitsPlot plot;
    for (int i = 0; i < 100; ++i) plot.addPoint(i, bitsAt(i) + 0.05 * std::sin(i), bitsAt(i));
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("bits.png"));
    QVERIFY(plot.exportImage(png, 480, 300));
    QImage image;
    QVERIFY(image.load(png));
    QCOMPARE(image.size(), QSize(480, 300));
    QVERIFY(!plot.exportImage(dir.filePath(QStringLiteral("bits.xyz")), 480, 300));
}

void TestBitsPlot::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    BitsPlot plot;
    plot.resize(420, 240);
    double average = bitsAt(0);
    for (int i = 0; i < 160; ++i) {
        const double bits = bitsAt(i) + 0.15 * std::sin(1.7 * i) * std::exp(-i / 200.0);
        average = i == 0 ? bits : 0.9 * average + 0.1 * bits;
        plot.addPoint(i * 25, bits, average);
    }
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.replotNow();
    QVERIFY(plot.grab().save(dir + QStringLiteral("/faces-widgets-bits-plot.png")));
}

QTEST_MAIN(TestBitsPlot)
#include "test_bits_plot.moc"
