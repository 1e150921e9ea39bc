// BeforeAfterView: two square tiles side by side with captions and a footnote, crisp
// enlargement, and an exported pair with tiles of exactly the asked size.
#include "face_test_images.h"
#include "widget_test_support.h"
#include "widgets/before_after_view.h"

#include <QTest>

using flowscope::ui::BeforeAfterView;
namespace t = flowscope::test;

namespace {

const QColor kBefore(200, 40, 40);
const QColor kAfter(40, 160, 60);

/// Pixels in rect that differ from background by more than a little (text, lines).
int inkPixels(const QImage& image, const QRect& rect, const QColor& background) {
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            count += !t::nearColor(image.pixelColor(x, y), background, 40);
    return count;
}

}  // namespace

class TestBeforeAfterView : public QObject {
    Q_OBJECT

private slots:
    void tilesSideBySide();
    void captionsAndFootnote();
    void enlargesCrisply();
    void renderPair();
    void screenshots();
};

void TestBeforeAfterView::tilesSideBySide() {
    BeforeAfterView view;
    view.resize(500, 300);
    view.setBefore(t::solidImage(kBefore));
    view.setAfter(t::solidImage(kAfter));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRect before = view.beforeRect(), after = view.afterRect();
    QCOMPARE(before.width(), before.height());
    QCOMPARE(after.size(), before.size());
    QCOMPARE(after.top(), before.top());
    QVERIFY(after.left() > before.right());
    QVERIFY(view.rect().contains(before) && view.rect().contains(after));
    QVERIFY2(before.width() > 200, qPrintable(QString::number(before.width())));  // limited by the height
    const QImage shot = view.grab().toImage();
    QVERIFY(t::sameRgb(shot.pixelColor(before.center()), kBefore));
    QVERIFY(t::sameRgb(shot.pixelColor(after.center()), kAfter));
    QVERIFY(t::sameRgb(shot.pixelColor(before.topLeft()), kBefore));
    QVERIFY(t::sameRgb(shot.pixelColor(after.bottomRight()), kAfter));
    // Centred: equal room left and right.
    QVERIFY(std::abs(before.left() - (view.width() - 1 - after.right())) <= 1);

    // A narrow widget: the width limits the tiles.
    view.resize(300, 400);
    QVERIFY(view.afterRect().right() < 300);
    QVERIFY(view.beforeRect().width() > 120);
}

void TestBeforeAfterView::captionsAndFootnote() {
    BeforeAfterView view;
    view.resize(640, 300);  // the height limits the tiles
    view.setBefore(t::solidImage(kBefore));
    view.setAfter(t::solidImage(kAfter));
    QCOMPARE(view.beforeCaption(), QStringLiteral("Before"));
    QCOMPARE(view.afterCaption(), QStringLiteral("After"));
    view.setCaptions(QStringLiteral("Photo"), QStringLiteral("decode(encode(x))"));
    QCOMPARE(view.beforeCaption(), QStringLiteral("Photo"));
    QCOMPARE(view.afterCaption(), QStringLiteral("decode(encode(x))"));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QColor base = view.palette().color(QPalette::Base);
    const QRect tileNoNote = view.beforeRect();
    QImage shot = view.grab().toImage();
    // Captions above each tile.
    const QRect aboveBefore(tileNoNote.left(), 0, tileNoNote.width(), tileNoNote.top());
    QVERIFY(inkPixels(shot, aboveBefore, base) > 20);
    const QRect below(0, tileNoNote.bottom() + 2, view.width(), view.height() - tileNoNote.bottom() - 2);
    QCOMPARE(inkPixels(shot, below, base), 0);

    const QString note = QStringLiteral("reconstruction error 1.2e-6 (max |x − decode(encode(x))|)");
    view.setFootnote(note);
    QCOMPARE(view.footnote(), note);
    // The footnote takes room under the tiles, which shrink to make space.
    const QRect tileWithNote = view.beforeRect();
    QVERIFY(tileWithNote.height() < tileNoNote.height());
    shot = view.grab().toImage();
    const QRect belowNow(0, tileWithNote.bottom() + 2, view.width(), view.height() - tileWithNote.bottom() - 2);
    QVERIFY(inkPixels(shot, belowNow, base) > 50);
    view.setFootnote(QString());
    QCOMPARE(view.beforeRect(), tileNoNote);
}

void TestBeforeAfterView::enlargesCrisply() {
    BeforeAfterView view;
    view.resize(600, 340);
    view.setBefore(t::pixelArt(4));
    view.setAfter(t::pixelArt(4));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage shot = view.grab().toImage();
    QString mismatch = t::crispMismatch(shot, view.beforeRect(), 4);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    mismatch = t::crispMismatch(shot, view.afterRect(), 4);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void TestBeforeAfterView::renderPair() {
    BeforeAfterView view;
    view.setBefore(t::solidImage(kBefore, 64));
    view.setAfter(t::solidImage(kAfter, 64));
    const QImage image = view.renderPair(128);
    QVERIFY2(image.width() >= 2 * 128 + 12 && image.width() <= 2 * 128 + 80,
             qPrintable(QString::number(image.width())));
    QVERIFY(image.height() >= 128 + 12 && image.height() <= 128 + 60);
    // Each tile is exactly 128 × 128, before on the left.
    QCOMPARE(t::longestRun(image, kBefore, true), 128);
    QCOMPARE(t::longestRun(image, kBefore, false), 128);
    QCOMPARE(t::longestRun(image, kAfter, true), 128);
    QCOMPARE(t::longestRun(image, kAfter, false), 128);
    const int middle = image.height() - 128 / 2 - 10;
    QVERIFY(t::sameRgb(image.pixelColor(image.width() / 4, middle), kBefore));
    QVERIFY(t::sameRgb(image.pixelColor(image.width() * 3 / 4, middle), kAfter));
    QCOMPARE(image.pixelColor(0, 0), QColor(Qt::white));
    // Captions are drawn above the tiles.
    QVERIFY(inkPixels(image, QRect(0, 0, image.width(), image.height() - 128 - 8), Qt::white) > 20);

    view.setFootnote(QStringLiteral("reconstruction error 1.2e-6"));
    const QImage withNote = view.renderPair(128);
    QCOMPARE(withNote.width(), image.width());
    QVERIFY(withNote.height() > image.height());
    QCOMPARE(t::longestRun(withNote, kBefore, false), 128);

    // Missing images: the tiles are drawn empty, the size is unchanged.
    BeforeAfterView blank;
    const QImage empty = blank.renderPair(128);
    QCOMPARE(empty.size(), image.size());
    QCOMPARE(t::longestRun(empty, QColor(225, 225, 225), true), 128);
}

void TestBeforeAfterView::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    BeforeAfterView view;
    view.resize(520, 320);
    view.setBefore(t::cartoonFace(4, 64, -0.6));
    view.setAfter(t::cartoonFace(4, 64, 1.0));
    view.setCaptions(QStringLiteral("Original"), QStringLiteral("Smiling +0.80"));
    view.setFootnote(QStringLiteral("reconstruction error 1.2e-6 (max |x − decode(encode(x))|)"));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.grab().save(dir + QStringLiteral("/faces-widgets-before-after.png")));
    QVERIFY(view.renderPair(192).save(dir + QStringLiteral("/faces-widgets-before-after-export.png")));
}

QTEST_MAIN(TestBeforeAfterView)
#include "test_before_after_view.moc"
