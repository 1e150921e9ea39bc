// LogdetView: white at 0, blue where volume contracts, red where it expands, symmetric range.
#include "widget_test_support.h"
#include "widgets/logdet_view.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using flowscope::ScalarGrid;
using flowscope::ui::LogdetView;

namespace {

/// values = x on [−2, 2] × [−1, 1]; 41 columns put a cell centre on x = 0.
ScalarGrid xField() {
    ScalarGrid grid;
    grid.spec.nx = 41;
    grid.spec.ny = 21;
    grid.spec.x0 = -2;
    grid.spec.x1 = 2;
    grid.spec.y0 = -1;
    grid.spec.y1 = 1;
    for (int j = 0; j < grid.spec.ny; ++j)
        for (int i = 0; i < grid.spec.nx; ++i) grid.values.push_back(static_cast<float>(-2.0 + (i + 0.5) * 4.0 / 41));
    return grid;
}

bool nearWhite(const QColor& c, int tolerance) {
    return c.red() >= 255 - tolerance && c.green() >= 255 - tolerance && c.blue() >= 255 - tolerance;
}

}  // namespace

class TestLogdetView : public QObject {
    Q_OBJECT

private slots:
    void colorsBySign();
    void renderedZeroIsWhite();
    void constantFieldKeepsAPositiveRange();
    void exportsPngAndPdf();
    void screenshots();
};

void TestLogdetView::colorsBySign() {
    LogdetView view;
    view.setField(xField(), QStringLiteral("layer 1"));
    const double m = 2.0 - 0.5 * 4.0 / 41;
    QVERIFY(std::abs(view.rangeHalfWidth() - m) < 1e-5);
    const QColor zero = view.colorForValue(0.0);
    QVERIFY2(nearWhite(zero, 2), qPrintable(zero.name()));
    for (double v : {-0.3, -1.0, -m}) {
        const QColor c = view.colorForValue(v);
        QVERIFY2(c.blue() > c.red() + 20, qPrintable(QStringLiteral("%1: %2").arg(v).arg(c.name())));
    }
    for (double v : {0.3, 1.0, m}) {
        const QColor c = view.colorForValue(v);
        QVERIFY2(c.red() > c.blue() + 20, qPrintable(QStringLiteral("%1: %2").arg(v).arg(c.name())));
    }
    // Symmetric: ±v are equally far from white.
    const QColor minus = view.colorForValue(-1.0), plus = view.colorForValue(1.0);
    const int darkMinus = 3 * 255 - minus.red() - minus.green() - minus.blue();
    const int darkPlus = 3 * 255 - plus.red() - plus.green() - plus.blue();
    QVERIFY2(std::abs(darkMinus - darkPlus) < 60, qPrintable(QStringLiteral("%1 vs %2").arg(darkMinus).arg(darkPlus)));

    // The colour scale is labelled.
    auto* scale = qobject_cast<QCPColorScale*>(view.plot()->plotLayout()->element(1, 1));
    QVERIFY(scale);
    QCOMPARE(scale->axis()->label(), QStringLiteral("log|det J|"));
    QCOMPARE(scale->dataRange().lower, -view.rangeHalfWidth());
    QCOMPARE(scale->dataRange().upper, view.rangeHalfWidth());
}

void TestLogdetView::renderedZeroIsWhite() {
    LogdetView view;
    view.resize(640, 420);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setField(xField(), QStringLiteral("layer 1"));
    view.replotNow();
    const QImage image = view.plot()->toPixmap().toImage();
    const QColor zero = image.pixelColor(view.dataToPixel(0.0, 0.0).toPoint());
    QVERIFY2(nearWhite(zero, 8), qPrintable(zero.name()));
    const QColor left = image.pixelColor(view.dataToPixel(-1.5, 0.3).toPoint());
    QVERIFY2(left.blue() > left.red() + 40, qPrintable(left.name()));
    const QColor right = image.pixelColor(view.dataToPixel(1.5, -0.3).toPoint());
    QVERIFY2(right.red() > right.blue() + 40, qPrintable(right.name()));
}

void TestLogdetView::constantFieldKeepsAPositiveRange() {
    LogdetView view;
    ScalarGrid grid = xField();
    std::fill(grid.values.begin(), grid.values.end(), 0.0f);
    view.setField(grid, QStringLiteral("additive"));
    QVERIFY(view.rangeHalfWidth() >= 1e-6);
    QVERIFY(nearWhite(view.colorForValue(0.0), 2));
}

void TestLogdetView::exportsPngAndPdf() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    LogdetView view;
    view.setField(xField(), QStringLiteral("layer 2"));
    const QString png = dir.filePath(QStringLiteral("logdet.png"));
    QVERIFY(view.exportImage(png, 640, 480));
    QImage image;
    QVERIFY(image.load(png));
    QCOMPARE(image.size(), QSize(640, 480));
    const QString pdf = dir.filePath(QStringLiteral("logdet.pdf"));
    QVERIFY(view.exportImage(pdf, 640, 480));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(4) == "%PDF");
}

void TestLogdetView::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    // log|det| of a radial layer with β < 0 centred at (0.5, 0): contracts near the centre.
    ScalarGrid grid;
    grid.spec.nx = grid.spec.ny = 100;
    grid.spec.x0 = grid.spec.y0 = -4;
    grid.spec.x1 = grid.spec.y1 = 4;
    const double alpha = 0.8, beta = -0.6;
    for (int j = 0; j < 100; ++j)
        for (int i = 0; i < 100; ++i) {
            const double x = -4 + (i + 0.5) * 0.08 - 0.5, y = -4 + (j + 0.5) * 0.08;
            const double r = std::hypot(x, y), h = 1 / (alpha + r), hp = -h * h;
            grid.values.push_back(static_cast<float>(std::log(1 + beta * h) + std::log(1 + beta * h + beta * hp * r)));
        }
    LogdetView view;
    view.resize(640, 560);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setField(grid, QStringLiteral("log|det J| of layer 4 (radial)"));
    view.replotNow();
    QVERIFY(view.grab().save(dir + QStringLiteral("/widgets-logdet.png")));
}

QTEST_MAIN(TestLogdetView)
#include "test_logdet_view.moc"
