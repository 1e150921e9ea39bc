// ImageGrid: clicks pick the right face, tiles are square and fill the width, small samples are
// enlarged crisply and large ones shrunk smoothly, the placeholder shows while empty, exports.
#include "face_test_images.h"
#include "widget_test_support.h"
#include "widgets/image_grid.h"

#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using flowscope::ui::ImageGrid;
namespace t = flowscope::test;

namespace {

const QColor kColors[] = {QColor(200, 30, 30),  QColor(30, 200, 30),  QColor(30, 30, 200),  QColor(200, 200, 30),
                          QColor(30, 200, 200), QColor(200, 30, 200), QColor(120, 120, 120)};

std::vector<QImage> solidImages(int n) {
    std::vector<QImage> images;
    for (int i = 0; i < n; ++i) images.push_back(t::solidImage(kColors[i % 7]));
    return images;
}

}  // namespace

class TestImageGrid : public QObject {
    Q_OBJECT

private slots:
    void clickEmitsTheTileIndex();
    void tilesAreSquareAndFillTheWidth();
    void automaticColumns_data();
    void automaticColumns();
    void countMayChange();
    void enlargesCrisply();
    void shrinksSmoothly();
    void placeholderWhileEmpty();
    void hoverHighlightsAndToolTip();
    void keyboardPicksATile();
    void renderGrid();
    void screenshots();
};

void TestImageGrid::clickEmitsTheTileIndex() {
    ImageGrid grid;
    grid.resize(600, 400);
    grid.setImages(solidImages(6));
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QSignalSpy spy(&grid, &ImageGrid::imageClicked);

    QTest::mouseClick(&grid, Qt::LeftButton, Qt::NoModifier, grid.tileRect(4).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 4);
    QTest::mouseClick(&grid, Qt::LeftButton, Qt::NoModifier, grid.tileRect(0).center());
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), 0);

    // The gap between tiles and a right click pick nothing.
    const QPoint gap(grid.tileRect(0).right() + 2, grid.tileRect(0).center().y());
    QCOMPARE(grid.indexAt(gap), -1);
    QTest::mouseClick(&grid, Qt::LeftButton, Qt::NoModifier, gap);
    QTest::mouseClick(&grid, Qt::RightButton, Qt::NoModifier, grid.tileRect(2).center());
    QCOMPARE(spy.count(), 2);

    // Tile 4 shows image 4 (row-major order).
    const QImage shot = grid.grab().toImage();
    for (int i = 0; i < 6; ++i)
        QVERIFY2(t::sameRgb(shot.pixelColor(grid.tileRect(i).center()), kColors[i]), qPrintable(QString::number(i)));
}

void TestImageGrid::tilesAreSquareAndFillTheWidth() {
    ImageGrid grid;
    grid.resize(600, 700);
    grid.setImages(solidImages(6));
    QCOMPARE(grid.effectiveColumns(), 3);
    QCOMPARE(grid.rowCount(), 2);
    const int columns = 3;
    for (int i = 0; i < 6; ++i) {
        const QRect r = grid.tileRect(i);
        QCOMPARE(r.width(), r.height());
        QCOMPARE(r.size(), grid.tileRect(0).size());
        QVERIFY(grid.rect().contains(r));
    }
    // Fills the width up to the margins and the rounding of the tile size (< 1 px per column).
    QVERIFY2(grid.tileRect(0).left() <= 4 + columns, qPrintable(QString::number(grid.tileRect(0).left())));
    QVERIFY2(grid.tileRect(2).right() >= grid.width() - 1 - 4 - columns,
             qPrintable(QString::number(grid.tileRect(2).right())));
    QVERIFY(grid.tileRect(0).width() > 180);
    // Row-major: tile 3 is below tile 0, tile 1 right of tile 0.
    QCOMPARE(grid.tileRect(3).left(), grid.tileRect(0).left());
    QVERIFY(grid.tileRect(3).top() > grid.tileRect(0).bottom());
    QCOMPARE(grid.tileRect(1).top(), grid.tileRect(0).top());
    QVERIFY(grid.tileRect(1).left() > grid.tileRect(0).right());
    // heightForWidth gives the height that exactly fits the grid at that width.
    QCOMPARE(grid.heightForWidth(600), grid.tileRect(5).bottom() + 1 + 4);

    // Explicit columns: one row of six, still square, still filling the width.
    grid.setColumns(6);
    QCOMPARE(grid.effectiveColumns(), 6);
    QCOMPARE(grid.rowCount(), 1);
    QCOMPARE(grid.tileRect(5).top(), grid.tileRect(0).top());
    QCOMPARE(grid.tileRect(5).width(), grid.tileRect(5).height());
    QVERIFY(grid.tileRect(5).right() >= grid.width() - 1 - 4 - 6);

    // A wide, short widget: the height limits the tiles, which stay square and centred.
    grid.setColumns(0);
    grid.resize(900, 200);
    const QRect first = grid.tileRect(0), last = grid.tileRect(2);
    QCOMPARE(first.width(), first.height());
    QVERIFY(grid.tileRect(5).bottom() < grid.height());
    QVERIFY(std::abs(first.left() - (grid.width() - 1 - last.right())) <= 1);
}

void TestImageGrid::automaticColumns_data() {
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("columns");
    QTest::newRow("1") << 1 << 1;
    QTest::newRow("4") << 4 << 2;
    QTest::newRow("5") << 5 << 3;
    QTest::newRow("9") << 9 << 3;
    QTest::newRow("10") << 10 << 4;
    QTest::newRow("16") << 16 << 4;
    QTest::newRow("17") << 17 << 5;
}

void TestImageGrid::automaticColumns() {
    QFETCH(int, count);
    QFETCH(int, columns);
    ImageGrid grid;
    grid.setImages(solidImages(count));
    QCOMPARE(grid.effectiveColumns(), columns);
    QCOMPARE(grid.rowCount(), (count + columns - 1) / columns);
}

void TestImageGrid::countMayChange() {
    ImageGrid grid;
    grid.resize(400, 400);
    grid.setImages(solidImages(6));
    QCOMPARE(grid.count(), 6);
    grid.setImages(solidImages(2));
    QCOMPARE(grid.count(), 2);
    QVERIFY(grid.image(5).isNull());
    QVERIFY(grid.tileRect(5).isEmpty());
    QCOMPARE(grid.image(1).pixelColor(0, 0), kColors[1]);
    grid.setImage(0, t::solidImage(kColors[4]));
    QCOMPARE(grid.image(0).pixelColor(0, 0), kColors[4]);
    grid.setImage(7, t::solidImage(kColors[4]));  // out of range: ignored
    QCOMPARE(grid.count(), 2);
}

void TestImageGrid::enlargesCrisply() {
    ImageGrid grid;
    grid.resize(400, 400);
    grid.setImages({t::pixelArt(4)});
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    const QRect tile = grid.tileRect(0);
    QVERIFY(tile.width() >= 380);
    const QImage shot = grid.grab().toImage();
    const QString mismatch = t::crispMismatch(shot, tile, 4);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    // The check has teeth: a smooth (bilinear) enlargement fails it.
    QImage smooth(grid.size(), QImage::Format_RGB32);
    smooth.fill(Qt::white);
    {
        QPainter painter(&smooth);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(tile, t::pixelArt(4));
    }
    QVERIFY(!t::crispMismatch(smooth, tile, 4).isEmpty());
}

void TestImageGrid::shrinksSmoothly() {
    ImageGrid grid;
    grid.resize(140, 140);
    grid.setImages({t::checkerboard(512)});
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    const QImage shot = grid.grab().toImage();
    const QRect tile = grid.tileRect(0);
    QVERIFY(tile.width() < 512);
    // Averaged to grey, not aliased to black and white.
    for (const QPoint& p : {tile.center(), tile.topLeft() + QPoint(10, 17), tile.bottomRight() - QPoint(13, 9)}) {
        const double l = t::luminance(shot.pixel(p));
        QVERIFY2(l > 90 && l < 165, qPrintable(QString::number(l)));
    }
}

void TestImageGrid::placeholderWhileEmpty() {
    ImageGrid grid;
    grid.resize(400, 300);
    grid.setPlaceholder(QStringLiteral("Loading the model…"));
    QCOMPARE(grid.placeholder(), QStringLiteral("Loading the model…"));
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    const QColor base = grid.palette().color(QPalette::Base);
    const QImage empty = grid.grab().toImage();
    const int textPixels = empty.width() * empty.height() - t::countColor(empty, base);
    QVERIFY2(textPixels > 100, qPrintable(QString::number(textPixels)));
    // The text sits in the middle band.
    QCOMPARE(t::countColor(empty.copy(0, 0, 400, 100), base), 400 * 100);

    // With images, the placeholder is gone.
    grid.setImages({t::solidImage(kColors[0])});
    const QImage filled = grid.grab().toImage();
    QVERIFY(t::sameRgb(filled.pixelColor(200, 150), kColors[0]));
    // Without any text, nothing is drawn.
    grid.setImages({});
    grid.setPlaceholder(QString());
    const QImage blank = grid.grab().toImage();
    QCOMPARE(t::countColor(blank, base), 400 * 300);
}

void TestImageGrid::hoverHighlightsAndToolTip() {
    ImageGrid grid;
    grid.resize(600, 400);
    grid.setImages(solidImages(6));
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QCOMPARE(grid.tileToolTip(), QStringLiteral("Click to edit this face"));
    const QRect tile = grid.tileRect(2);
    const QPoint edge(tile.left() + 2, tile.center().y());
    QVERIFY(t::sameRgb(grid.grab().toImage().pixelColor(edge), kColors[2]));

    QTest::mouseMove(&grid, tile.center());
    QTRY_COMPARE(grid.hoveredIndex(), 2);
    const QImage hovered = grid.grab().toImage();
    QVERIFY(t::sameRgb(hovered.pixelColor(edge), grid.palette().color(QPalette::Highlight)));
    QVERIFY(t::sameRgb(hovered.pixelColor(grid.tileRect(1).left() + 2, tile.center().y()), kColors[1]));

    QHelpEvent help(QEvent::ToolTip, tile.center(), grid.mapToGlobal(tile.center()));
    QApplication::sendEvent(&grid, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("Click to edit this face"));
    QToolTip::hideText();

    QTest::mouseMove(&grid, QPoint(grid.tileRect(0).right() + 2, 5));
    QTRY_COMPARE(grid.hoveredIndex(), -1);
}

void TestImageGrid::keyboardPicksATile() {
    ImageGrid grid;
    grid.resize(600, 400);
    grid.setImages(solidImages(6));
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QVERIFY(grid.focusPolicy() & Qt::TabFocus);
    grid.setFocus();
    QSignalSpy spy(&grid, &ImageGrid::imageClicked);
    QCOMPARE(grid.currentIndex(), 0);
    QTest::keyClick(&grid, Qt::Key_Right);
    QTest::keyClick(&grid, Qt::Key_Down);
    QCOMPARE(grid.currentIndex(), 4);
    QCOMPARE(spy.count(), 0);
    QTest::keyClick(&grid, Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 4);
    QTest::keyClick(&grid, Qt::Key_Down);  // no row below
    QCOMPARE(grid.currentIndex(), 4);
}

void TestImageGrid::renderGrid() {
    ImageGrid grid;
    QVERIFY(grid.renderGrid(64).isNull());
    grid.setImages(solidImages(6));
    const QImage image = grid.renderGrid(64);
    // 3 × 2 tiles of 64 with 2-pixel gaps and borders.
    QCOMPARE(image.size(), QSize(3 * 64 + 4 * 2, 2 * 64 + 3 * 2));
    for (int i = 0; i < 6; ++i) {
        const QPoint centre(2 + (i % 3) * 66 + 32, 2 + (i / 3) * 66 + 32);
        QVERIFY2(t::sameRgb(image.pixelColor(centre), kColors[i]), qPrintable(QString::number(i)));
    }
    QCOMPARE(t::longestRun(image, kColors[0], true), 64);
    QCOMPARE(t::longestRun(image, kColors[0], false), 64);
    QCOMPARE(image.pixelColor(0, 0), QColor(Qt::white));

    grid.setColumns(2);
    QCOMPARE(grid.renderGrid(32).size(), QSize(2 * 32 + 3 * 2, 3 * 32 + 4 * 2));
    // Small samples export crisply too.
    grid.setImages({t::pixelArt(4)});
    const QImage art = grid.renderGrid(256);
    const int gap = (art.width() - 256) / 2;
    const QString mismatch = t::crispMismatch(art, QRect(gap, gap, 256, 256), 4);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void TestImageGrid::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    ImageGrid grid;
    grid.resize(620, 440);
    std::vector<QImage> faces;
    for (int i = 0; i < 12; ++i) faces.push_back(t::cartoonFace(i, 64, (i % 5 - 2) / 2.0));
    grid.setColumns(4);
    grid.setImages(faces);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QTest::mouseMove(&grid, grid.tileRect(5).center());
    QTRY_COMPARE(grid.hoveredIndex(), 5);
    QVERIFY(grid.grab().save(dir + QStringLiteral("/faces-widgets-image-grid.png")));
    QVERIFY(grid.renderGrid(128).save(dir + QStringLiteral("/faces-widgets-image-grid-export.png")));

    ImageGrid empty;
    empty.resize(420, 260);
    empty.setPlaceholder(QStringLiteral("Loading the model…"));
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    QVERIFY(empty.grab().save(dir + QStringLiteral("/faces-widgets-image-grid-empty.png")));
}

QTEST_MAIN(TestImageGrid)
#include "test_image_grid.moc"
