// LossPlot: CSV export, NaN handling, legend toggles, β only while annealing, readable y range.
#include "widget_test_support.h"
#include "widgets/loss_plot.h"

#include <qcustomplot.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using flowscope::ui::LossPlot;
using Series = flowscope::ui::LossPlot::Series;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double lossAt(int i) { return 10.0 / (i + 1); }

void addHundred(LossPlot& plot) {
    for (int i = 0; i < 100; ++i) {
        const double kl = i % 10 == 0 ? kNaN : 0.5 + 1.0 / (i + 1);
        plot.addPoint(i, lossAt(i), kl, 0.01 * i, std::min(1.0, i / 50.0), kNaN);
    }
}

}  // namespace

class TestLossPlot : public QObject {
    Q_OBJECT

private slots:
    void exportCsv();
    void betaOnlyWhileAnnealing();
    void legendClickTogglesSeries();
    void rescalesToRecentPoints();
    void clearEmpties();
    void screenshots();
};

void TestLossPlot::exportCsv() {
    LossPlot plot;
    addHundred(plot);
    QCOMPARE(plot.pointCount(), 100);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("loss.csv"));
    QVERIFY(plot.exportCsv(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 101);
    QCOMPARE(lines.front(), QStringLiteral("step,loss,kl,ess,beta,nll"));
    for (int i = 0; i < 100; ++i) {
        const QStringList fields = lines[i + 1].split(QLatin1Char(','));
        QCOMPARE(fields.size(), 6);
        QCOMPARE(fields[0].toInt(), i);
        QVERIFY(std::abs(fields[1].toDouble() - lossAt(i)) < 1e-9 * lossAt(i));
        QCOMPARE(fields[2].isEmpty(), i % 10 == 0);
        QVERIFY(std::abs(fields[3].toDouble() - 0.01 * i) < 1e-12);
        QVERIFY(fields[5].isEmpty());
    }
    QVERIFY(!plot.exportCsv(QStringLiteral("/nonexistent-dir/loss.csv")));
}

void TestLossPlot::betaOnlyWhileAnnealing() {
    LossPlot plot;
    plot.addPoint(0, 1.0, 1.0, 0.5, 0.2, kNaN);
    QVERIFY(plot.seriesShown(Series::Beta));
    QVERIFY(plot.seriesShown(Series::Ess));
    QVERIFY(!plot.seriesShown(Series::Nll));  // no data yet
    plot.addPoint(1, 1.0, 1.0, 0.5, 1.0, kNaN);
    QVERIFY(!plot.seriesShown(Series::Beta));
    QVERIFY(!plot.plot()->legend->itemWithPlottable(plot.plot()->graph(int(Series::Beta))));
    plot.addPoint(2, kNaN, kNaN, kNaN, kNaN, 3.0);
    QVERIFY(plot.seriesShown(Series::Nll));
    QVERIFY(plot.plot()->legend->itemWithPlottable(plot.plot()->graph(int(Series::Nll))));
}

void TestLossPlot::legendClickTogglesSeries() {
    LossPlot plot;
    plot.resize(700, 400);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    addHundred(plot);
    plot.replotNow();
    QCPGraph* kl = plot.plot()->graph(int(Series::Kl));
    QCPPlottableLegendItem* item = plot.plot()->legend->itemWithPlottable(kl);
    QVERIFY(item);
    QVERIFY(plot.seriesShown(Series::Kl));
    const QPoint at = item->rect().center();
    QTest::mouseClick(plot.plot(), Qt::LeftButton, Qt::NoModifier, at);
    QVERIFY(!plot.seriesVisible(Series::Kl));
    QVERIFY(!plot.seriesShown(Series::Kl));
    QVERIFY(plot.seriesShown(Series::Loss));
    plot.replotNow();
    QTest::mouseClick(plot.plot(), Qt::LeftButton, Qt::NoModifier,
                      plot.plot()->legend->itemWithPlottable(kl)->rect().center());
    QVERIFY(plot.seriesShown(Series::Kl));
}

void TestLossPlot::rescalesToRecentPoints() {
    LossPlot plot;
    plot.setRescaleWindow(50);
    plot.addPoint(0, 1000.0, kNaN, kNaN, kNaN, kNaN);
    for (int i = 1; i < 300; ++i) plot.addPoint(i, 2.0 + std::sin(0.1 * i), kNaN, kNaN, kNaN, kNaN);
    const QCPRange y = plot.plot()->yAxis->range();
    QVERIFY2(y.upper < 10.0 && y.upper > 2.9, qPrintable(QString::number(y.upper)));
    QVERIFY2(y.lower < 1.1 && y.lower > 0.0, qPrintable(QString::number(y.lower)));
    const QCPRange x = plot.plot()->xAxis->range();
    QCOMPARE(x.lower, 0.0);
    QCOMPARE(x.upper, 299.0);
}

void TestLossPlot::clearEmpties() {
    LossPlot plot;
    addHundred(plot);
    plot.clear();
    QCOMPARE(plot.pointCount(), 0);
    QCOMPARE(plot.plot()->graph(int(Series::Loss))->dataCount(), 0);
    QVERIFY(!plot.seriesShown(Series::Loss));
}

void TestLossPlot::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    LossPlot plot;
    plot.resize(720, 360);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    for (int i = 0; i < 400; ++i) {
        const double t = i / 400.0;
        plot.addPoint(i, 3.0 * std::exp(-4 * t) - 1.2 + 0.05 * std::sin(i), 0.1 + 2.5 * std::exp(-5 * t), 0.1 + 0.8 * t,
                      std::min(1.0, 0.01 + t * 1.6), kNaN);
    }
    plot.addPoint(400, -1.1, 0.12, 0.9, kNaN, kNaN);
    plot.replotNow();
    QVERIFY(plot.grab().save(dir + QStringLiteral("/widgets-loss.png")));
    for (int i = 401; i < 420; ++i) plot.addPoint(i, -1.1, 0.12, 0.9, 0.5, kNaN);
    plot.replotNow();
    QVERIFY(plot.grab().save(dir + QStringLiteral("/widgets-loss-annealing.png")));
}

QTEST_MAIN(TestLossPlot)
#include "test_loss_plot.moc"
