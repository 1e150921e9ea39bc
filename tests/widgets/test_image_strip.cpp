// ImageStrip: a labelled row of tiles filling the width, clicks, crisp enlargement, export.
#include "face_test_images.h"
#include "widget_test_support.h"
#include "widgets/image_strip.h"

#include <QSignalSpy>
#include <QTest>

using flowscope::ui::ImageStrip;
namespace t = flowscope::test;

namespace {

const QColor kColors[] = {QColor(200, 30, 30), QColor(30, 200, 30), QColor(30, 30, 200), QColor(200, 200, 30),
                          QColor(30, 200, 200)};
const QStringList kLabels = {QStringLiteral("A"), QStringLiteral("0.25"), QStringLiteral("0.5"), QStringLiteral("0.75"),
                             QStringLiteral("B")};

std::vector<QImage> fiveImages() {
    std::vector<QImage> images;
    for (const QColor& c : kColors) images.push_back(t::solidImage(c));
    return images;
}

}  // namespace

class TestImageStrip : public QObject {
    Q_OBJECT

private slots:
    void tilesFillTheWidthInOrder();
    void clicksAndHover();
    void labels();
    void enlargesCrisply();
    void renderStrip();
    void screenshots();
};

void TestImageStrip::tilesFillTheWidthInOrder() {
    ImageStrip strip;
    strip.resize(600, 200);
    strip.setImages(fiveImages(), kLabels);
    QCOMPARE(strip.count(), 5);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    for (int i = 0; i < 5; ++i) {
        const QRect r = strip.tileRect(i);
        QCOMPARE(r.width(), r.height());
        QCOMPARE(r.size(), strip.tileRect(0).size());
        QCOMPARE(r.top(), strip.tileRect(0).top());
        if (i > 0) QVERIFY(r.left() > strip.tileRect(i - 1).right());
    }
    QVERIFY(strip.tileRect(0).left() <= 4 + 5);
    QVERIFY(strip.tileRect(4).right() >= strip.width() - 1 - 4 - 5);
    QVERIFY(strip.tileRect(4).bottom() < strip.height());
    const QImage shot = strip.grab().toImage();
    for (int i = 0; i < 5; ++i) QVERIFY(t::sameRgb(shot.pixelColor(strip.tileRect(i).center()), kColors[i]));
    // heightForWidth leaves room for exactly one row of tiles and labels.
    const int tile = strip.tileRect(0).height();
    QVERIFY(strip.heightForWidth(600) >= tile + strip.fontMetrics().height());
    QVERIFY(strip.heightForWidth(600) < tile + 40);
    // At that height the tiles keep their size and nothing is cut off.
    strip.resize(600, strip.heightForWidth(600));
    QCOMPARE(strip.tileRect(0).height(), tile);
    QVERIFY(strip.heightForWidth(1200) > strip.heightForWidth(600) + 100);

    // More images: smaller tiles, still in one row.
    std::vector<QImage> ten = fiveImages();
    for (const QImage& image : fiveImages()) ten.push_back(image);
    strip.setImages(ten);
    QCOMPARE(strip.count(), 10);
    QVERIFY(strip.tileRect(9).right() < strip.width());
    QCOMPARE(strip.tileRect(9).top(), strip.tileRect(0).top());
}

void TestImageStrip::clicksAndHover() {
    ImageStrip strip;
    strip.resize(600, 200);
    strip.setImages(fiveImages(), kLabels);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QSignalSpy spy(&strip, &ImageStrip::imageClicked);
    QTest::mouseClick(&strip, Qt::LeftButton, Qt::NoModifier, strip.tileRect(3).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 3);
    // The label under a tile belongs to it.
    QTest::mouseClick(&strip, Qt::LeftButton, Qt::NoModifier, strip.tileRect(1).bottomLeft() + QPoint(5, 6));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), 1);
    // Gaps do nothing.
    QTest::mouseClick(&strip, Qt::LeftButton, Qt::NoModifier, QPoint(strip.tileRect(1).right() + 3, 40));
    QCOMPARE(spy.count(), 2);

    QTest::mouseMove(&strip, strip.tileRect(2).center());
    QTRY_COMPARE(strip.hoveredIndex(), 2);
    const QImage shot = strip.grab().toImage();
    const QColor accent = strip.palette().color(QPalette::Highlight);
    QVERIFY(t::sameRgb(shot.pixelColor(strip.tileRect(2).left() + 2, strip.tileRect(2).center().y()), accent));
    QVERIFY(t::sameRgb(shot.pixelColor(strip.tileRect(3).left() + 2, strip.tileRect(3).center().y()), kColors[3]));
}

void TestImageStrip::labels() {
    ImageStrip strip;
    strip.setImages(fiveImages(), {QStringLiteral("A"), QStringLiteral("B")});
    QCOMPARE(strip.label(0), QStringLiteral("A"));
    QCOMPARE(strip.label(1), QStringLiteral("B"));
    QCOMPARE(strip.label(2), QString());  // missing labels are empty
    QCOMPARE(strip.label(9), QString());
    QVERIFY(strip.image(9).isNull());
    QCOMPARE(strip.image(4).pixelColor(0, 0), kColors[4]);

    // Labels are painted under their tiles.
    strip.resize(600, 200);
    strip.setImages(fiveImages(), kLabels);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    const QImage shot = strip.grab().toImage();
    const QColor base = strip.palette().color(QPalette::Base);
    const QRect tile = strip.tileRect(2);
    const QRect under(tile.left(), tile.bottom() + 1, tile.width(), strip.fontMetrics().height() + 4);
    QVERIFY(t::countColor(shot.copy(under), base) < under.width() * under.height() - 10);
}

void TestImageStrip::enlargesCrisply() {
    ImageStrip strip;
    strip.resize(500, 300);
    strip.setImages({t::pixelArt(4), t::pixelArt(4)}, {QStringLiteral("z"), QStringLiteral("z'")});
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QVERIFY(strip.tileRect(0).width() > 200);
    const QImage shot = strip.grab().toImage();
    for (int i = 0; i < 2; ++i) {
        const QString mismatch = t::crispMismatch(shot, strip.tileRect(i), 4);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }
}

void TestImageStrip::renderStrip() {
    ImageStrip strip;
    QVERIFY(strip.renderStrip(64).isNull());
    strip.setImages(fiveImages(), kLabels);
    const QImage image = strip.renderStrip(64);
    QVERIFY(image.width() >= 5 * 64 && image.width() <= 6 * 64);
    QVERIFY(image.height() >= 64 + 12 && image.height() <= 2 * 64);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(t::longestRun(image, kColors[i], true), 64);
        QCOMPARE(t::longestRun(image, kColors[i], false), 64);
        // In order, left to right, near the top.
        const int x = image.width() * (2 * i + 1) / 10;
        QVERIFY2(t::sameRgb(image.pixelColor(x, 6 + 32), kColors[i]), qPrintable(QString::number(i)));
    }
    // Labels under the tiles.
    int ink = 0;
    for (int y = image.height() - 16; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) ink += image.pixelColor(x, y) != QColor(Qt::white);
    QVERIFY(ink > 30);
}

void TestImageStrip::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    ImageStrip strip;
    strip.resize(640, 160);
    std::vector<QImage> mix;
    QStringList labels;
    for (int i = 0; i <= 6; ++i) {
        mix.push_back(t::cartoonFace(i < 4 ? 2 : 9, 64, -1.0 + i / 3.0));
        labels << (i == 0   ? QStringLiteral("A")
                   : i == 6 ? QStringLiteral("B")
                            : QStringLiteral("t = %1").arg(i / 6.0, 0, 'f', 2));
    }
    strip.setImages(mix, labels);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QTest::mouseMove(&strip, strip.tileRect(2).center());
    QTRY_COMPARE(strip.hoveredIndex(), 2);
    QVERIFY(strip.grab().save(dir + QStringLiteral("/faces-widgets-image-strip.png")));
    QVERIFY(strip.renderStrip(96).save(dir + QStringLiteral("/faces-widgets-image-strip-export.png")));
}

QTEST_MAIN(TestImageStrip)
#include "test_image_strip.moc"
