// StepStrip and densityThumbnail: tiles select by click and keys, thumbnails show the density
// the right way up, strip exports are valid files.
#include "widget_test_support.h"
#include "widgets/heat_image.h"
#include "widgets/step_strip.h"

#include <QFile>
#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using flowscope::ui::densityThumbnail;
using flowscope::ui::StepStrip;

namespace {

QImage solidImage(QColor color) {
    QImage image(32, 32, QImage::Format_RGB32);
    image.fill(color);
    return image;
}

const QColor kTileColors[] = {QColor(200, 30, 30), QColor(30, 200, 30), QColor(30, 30, 200), QColor(200, 200, 30),
                              QColor(30, 200, 200)};

bool near(const QColor& a, const QColor& b, int tolerance) {
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

}  // namespace

class TestStepStrip : public QObject {
    Q_OBJECT

private slots:
    void thumbnailIsUprightAndPeaksAtTheMean();
    void thumbnailOfEmptyGridIsNull();
    void clickAndKeysSelect();
    void labelsAndToolTips();
    void manyStepsScroll();
    void renderAndExport();
    void screenshots();
};

void TestStepStrip::thumbnailIsUprightAndPeaksAtTheMean() {
    const int size = 64;
    const QImage image = densityThumbnail(flowscope::test::gaussianLogGrid(1.0, -0.5, 0.6, 50, -4, 4), size);
    QCOMPARE(image.size(), QSize(size, size));
    QPoint best;
    double bestLum = -1;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            if (const double l = flowscope::test::luminance(image.pixel(x, y)); l > bestLum) {
                bestLum = l;
                best = QPoint(x, y);
            }
    // Data (1, −0.5) on [−4, 4]²: column (1+4)/8·64 = 40, row from the top (4+0.5)/8·64 = 36.
    QVERIFY2(std::abs(best.x() - 40) <= 2 && std::abs(best.y() - 36) <= 2,
             qPrintable(QStringLiteral("%1, %2").arg(best.x()).arg(best.y())));
    // Peak is the top of the viridis map (yellow), the far corner its bottom (dark purple).
    const QColor peak = image.pixelColor(best);
    QVERIFY2(peak.red() > 230 && peak.green() > 210 && peak.blue() < 80, qPrintable(peak.name()));
    QVERIFY(near(image.pixelColor(0, 0), QColor(0x44, 0x01, 0x54), 3));
}

void TestStepStrip::thumbnailOfEmptyGridIsNull() {
    QVERIFY(densityThumbnail(flowscope::ScalarGrid{}, 32).isNull());
    QVERIFY(densityThumbnail(flowscope::test::gaussianLogGrid(0, 0, 1, 8, -1, 1), 0).isNull());
}

void TestStepStrip::clickAndKeysSelect() {
    StepStrip strip;
    strip.resize(700, 140);
    strip.setSteps(5);
    for (int k = 0; k < 5; ++k) strip.setThumbnail(k, solidImage(kTileColors[k]));
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QCOMPARE(strip.selected(), 0);
    QSignalSpy spy(&strip, &StepStrip::stepSelected);

    QTest::mouseClick(strip.viewport(), Qt::LeftButton, Qt::NoModifier, strip.tileRect(3).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 3);
    QCOMPARE(strip.selected(), 3);

    strip.setFocus();
    QTest::keyClick(&strip, Qt::Key_Right);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), 4);
    QTest::keyClick(&strip, Qt::Key_Right);  // already the last tile
    QCOMPARE(spy.count(), 2);
    QTest::keyClick(&strip, Qt::Key_Left);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.at(2).at(0).toInt(), 3);

    // setSelected is programmatic: no signal.
    strip.setSelected(1);
    QCOMPARE(strip.selected(), 1);
    QCOMPARE(spy.count(), 3);

    // The painted tile shows its thumbnail; the selected one is framed in another colour.
    const QImage shot = strip.viewport()->grab().toImage();
    QVERIFY(near(shot.pixelColor(strip.tileRect(2).center()), kTileColors[2], 2));
    const QColor base = strip.palette().color(QPalette::Base);
    const QPoint besideSelected(strip.tileRect(1).left() - 2, strip.tileRect(1).center().y());
    const QPoint besideOther(strip.tileRect(2).left() - 3, strip.tileRect(2).center().y());
    QVERIFY(!near(shot.pixelColor(besideSelected), base, 20));
    QVERIFY(near(shot.pixelColor(besideOther), base, 2));
}

void TestStepStrip::labelsAndToolTips() {
    StepStrip strip;
    strip.setSteps(12);
    strip.setLayerNames({QStringLiteral("planar"), QStringLiteral("radial"), QStringLiteral("planar")});
    QCOMPARE(strip.tileLabel(0), QStringLiteral("q₀"));
    QCOMPARE(strip.tileLabel(3), QStringLiteral("q₃"));
    QCOMPARE(strip.tileLabel(11), QStringLiteral("q₁₁"));
    QCOMPARE(strip.tileToolTip(3), QStringLiteral("layer 3: planar"));
    QCOMPARE(strip.tileToolTip(2), QStringLiteral("layer 2: radial"));
    QVERIFY(strip.tileToolTip(0).contains(QStringLiteral("N(0, I)")));
}

void TestStepStrip::manyStepsScroll() {
    StepStrip strip;
    strip.resize(400, 140);
    strip.setSteps(40);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QVERIFY(strip.horizontalScrollBar()->maximum() > 0);
    QSignalSpy spy(&strip, &StepStrip::stepSelected);
    strip.setFocus();
    QTest::keyClick(&strip, Qt::Key_End);
    QCOMPARE(spy.last().at(0).toInt(), 39);
    // The selected tile is scrolled into view.
    const QRect last = strip.tileRect(39);
    QVERIFY(last.left() >= 0 && last.right() <= strip.viewport()->width());
    QTest::keyClick(&strip, Qt::Key_Home);
    QCOMPARE(spy.last().at(0).toInt(), 0);
    QCOMPARE(strip.horizontalScrollBar()->value(), 0);
}

void TestStepStrip::renderAndExport() {
    StepStrip strip;
    strip.setSteps(5);
    for (int k = 0; k < 5; ++k) strip.setThumbnail(k, solidImage(kTileColors[k]));
    const int tile = 64;
    const QImage image = strip.renderStrip(tile);
    QVERIFY2(image.width() >= 5 * tile && image.width() <= 6 * tile, qPrintable(QString::number(image.width())));
    QVERIFY(image.height() >= tile && image.height() <= 2 * tile);
    // Tiles in order, left to right.
    for (int k = 0; k < 5; ++k) {
        const int x = image.width() * (2 * k + 1) / 10;
        QVERIFY2(near(image.pixelColor(x, tile / 2 + 6), kTileColors[k], 2), qPrintable(QString::number(k)));
    }

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("strip.png"));
    QVERIFY(strip.exportStrip(png, tile));
    QImage loaded;
    QVERIFY(loaded.load(png));
    QCOMPARE(loaded.size(), image.size());
    const QString pdf = dir.filePath(QStringLiteral("strip.pdf"));
    QVERIFY(strip.exportStrip(pdf, tile));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(4) == "%PDF");
    QVERIFY(file.size() > 500);
    QVERIFY(!strip.exportStrip(dir.filePath(QStringLiteral("strip.bmpx")), tile));
}

void TestStepStrip::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    StepStrip strip;
    strip.resize(760, 150);
    strip.setSteps(9);
    for (int k = 0; k < 9; ++k) {
        const double angle = k * 0.7;
        strip.setThumbnail(
            k, densityThumbnail(flowscope::test::gaussianLogGrid(0.3 * k * std::cos(angle), 0.3 * k * std::sin(angle),
                                                                 1.0 - 0.07 * k, 60, -4, 4),
                                96));
    }
    strip.setSelected(3);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QVERIFY(strip.grab().save(dir + QStringLiteral("/widgets-step-strip.png")));
    QVERIFY(strip.exportStrip(dir + QStringLiteral("/widgets-step-strip-export.png"), 96));
}

QTEST_MAIN(TestStepStrip)
#include "test_step_strip.moc"
