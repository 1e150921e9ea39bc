// PhotoDropArea: a local image file dropped is reported, remote URLs and folders are refused, the
// preview outlines the centre crop, messages and the Open… button.
#include "face_test_images.h"
#include "widget_test_support.h"
#include "widgets/photo_drop_area.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using flowscope::ui::PhotoDropArea;
namespace t = flowscope::test;

namespace {

/// Sends a drag enter with mime over the centre of area; whether the area accepted it.
bool sendDragEnter(PhotoDropArea& area, QMimeData& mime) {
    QDragEnterEvent enter(area.rect().center(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    enter.setAccepted(false);
    QApplication::sendEvent(&area, &enter);
    return enter.isAccepted();
}

bool sendDrop(PhotoDropArea& area, QMimeData& mime) {
    QDropEvent drop(QPointF(area.rect().center()), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    drop.setAccepted(false);
    QApplication::sendEvent(&area, &drop);
    return drop.isAccepted();
}

QLabel* labelWithText(QWidget& widget, const QString& text) {
    for (QLabel* label : widget.findChildren<QLabel*>())
        if (label->text() == text) return label;
    return nullptr;
}

const QColor kPhotoColor(40, 90, 220);

}  // namespace

class TestPhotoDropArea : public QObject {
    Q_OBJECT

private slots:
    void dropOfALocalFile();
    void refusesWhatIsNotOneLocalFile_data();
    void refusesWhatIsNotOneLocalFile();
    void openButtonAsksForTheDialog();
    void previewOutlinesTheCrop();
    void messages();
    void dashedBorderAndHint();
    void screenshots();
};

void TestPhotoDropArea::dropOfALocalFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("me.png"));
    QVERIFY(t::cartoonFace(3, 64).save(path));
    PhotoDropArea area;
    area.resize(320, 300);
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QVERIFY(area.acceptDrops());
    QSignalSpy spy(&area, &PhotoDropArea::photoDropped);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QVERIFY(sendDragEnter(area, mime));
    QVERIFY(area.isDragActive());
    QCOMPARE(spy.count(), 0);
    QVERIFY(sendDrop(area, mime));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), path);
    QVERIFY(!area.isDragActive());
}

void TestPhotoDropArea::refusesWhatIsNotOneLocalFile_data() {
    QTest::addColumn<QList<QUrl>>("urls");
    QTest::addColumn<QString>("text");
    QTest::newRow("http") << QList<QUrl>{QUrl(QStringLiteral("http://example.com/face.jpg"))} << QString();
    QTest::newRow("https") << QList<QUrl>{QUrl(QStringLiteral("https://example.com/face.png"))} << QString();
    QTest::newRow("folder") << QList<QUrl>{QUrl::fromLocalFile(QDir::tempPath())} << QString();
    QTest::newRow("two files") << QList<QUrl>{QUrl::fromLocalFile(QStringLiteral("/tmp/a.png")),
                                              QUrl::fromLocalFile(QStringLiteral("/tmp/b.png"))}
                               << QString();
    QTest::newRow("text") << QList<QUrl>{} << QStringLiteral("/tmp/a.png");
}

void TestPhotoDropArea::refusesWhatIsNotOneLocalFile() {
    QFETCH(QList<QUrl>, urls);
    QFETCH(QString, text);
    PhotoDropArea area;
    area.resize(320, 300);
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QSignalSpy spy(&area, &PhotoDropArea::photoDropped);
    QMimeData mime;
    if (!urls.isEmpty()) mime.setUrls(urls);
    if (!text.isEmpty()) mime.setText(text);
    QVERIFY(!sendDragEnter(area, mime));
    QVERIFY(!area.isDragActive());
    QVERIFY(!sendDrop(area, mime));
    QCOMPARE(spy.count(), 0);
    QVERIFY(PhotoDropArea::localFileOf(&mime).isEmpty());
}

void TestPhotoDropArea::openButtonAsksForTheDialog() {
    PhotoDropArea area;
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QSignalSpy spy(&area, &PhotoDropArea::openRequested);
    auto* button = area.findChild<QPushButton*>();
    QVERIFY(button);
    QCOMPARE(button->text().remove(QLatin1Char('&')), QStringLiteral("Open…"));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
}

void TestPhotoDropArea::previewOutlinesTheCrop() {
    PhotoDropArea area;
    area.resize(360, 340);
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    const QColor crop = PhotoDropArea::cropColor();
    QCOMPARE(t::countColor(area.grab().toImage(), crop), 0);
    QVERIFY(area.previewRect().isEmpty());

    // A landscape photo 400 × 200; the centre square 200 × 200 is encoded.
    const QImage photo = t::solidImage(kPhotoColor, 400).copy(0, 0, 400, 200);
    area.setPreview(photo, QRect(100, 0, 200, 200));
    QVERIFY(area.hasPreview());
    QCOMPARE(area.cropRect(), QRect(100, 0, 200, 200));
    const QRect preview = area.previewRect();
    QVERIFY(area.rect().contains(preview));
    QVERIFY(preview.width() > 200);
    QVERIFY(std::abs(preview.width() - 2 * preview.height()) <= 1);  // aspect ratio kept
    const QRect onScreen = area.cropRectOnScreen();
    QVERIFY(preview.contains(onScreen));
    QVERIFY(std::abs(onScreen.center().x() - preview.center().x()) <= 1);
    QVERIFY(std::abs(onScreen.width() - preview.width() / 2) <= 1);

    const QImage shot = area.grab().toImage();
    QVERIFY(t::countColor(shot, crop) > 2 * onScreen.height());
    // The outline sits on the crop's left edge; inside is the photo, outside is dimmed.
    QVERIFY(t::sameRgb(shot.pixelColor(onScreen.left() + 1, onScreen.center().y()), crop));
    QVERIFY(t::sameRgb(shot.pixelColor(onScreen.right() - 1, onScreen.center().y()), crop));
    QVERIFY(t::sameRgb(shot.pixelColor(onScreen.center()), kPhotoColor));
    const QColor outside = shot.pixelColor(preview.left() + 5, preview.center().y());
    QVERIFY2(outside.blue() < kPhotoColor.blue() * 0.7 && outside.blue() > 20, qPrintable(outside.name()));

    area.clearPreview();
    QVERIFY(!area.hasPreview());
    QCOMPARE(t::countColor(area.grab().toImage(), crop), 0);
}

void TestPhotoDropArea::messages() {
    PhotoDropArea area;
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    const QString bad = QStringLiteral("'x.jpg' is not an image FlowScope can read");
    area.setMessage(bad, true);
    QCOMPARE(area.message(), bad);
    QVERIFY(area.messageIsError());
    QLabel* label = labelWithText(area, bad);
    QVERIFY(label);
    QVERIFY(label->isVisible());
    const QColor red = label->palette().color(QPalette::WindowText);
    QVERIFY2(red.red() > 150 && red.green() < 80 && red.blue() < 80, qPrintable(red.name()));

    area.setMessage(QStringLiteral("Encoding…"));
    QVERIFY(!area.messageIsError());
    QCOMPARE(label->text(), QStringLiteral("Encoding…"));
    QCOMPARE(label->palette().color(QPalette::WindowText), area.palette().color(QPalette::WindowText));
    area.setMessage(QString());
    QVERIFY(!label->isVisible());
}

void TestPhotoDropArea::dashedBorderAndHint() {
    PhotoDropArea area;
    area.resize(320, 300);
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QCOMPARE(area.hintText(), QStringLiteral("Drop a photo here or click Open…"));
    QLabel* hint = labelWithText(area, area.hintText());
    QVERIFY(hint && hint->isVisible());
    // Along the top edge, the border alternates between dashes and gaps.
    const QImage shot = area.grab().toImage();
    const QColor background = shot.pixelColor(area.width() / 2, 1);
    int dash = 0, gap = 0, changes = 0;
    bool previous = false;
    for (int x = 40; x < area.width() - 40; ++x) {
        const QColor c = shot.pixelColor(x, 3);
        const bool onDash = !t::nearColor(c, background, 12);
        (onDash ? dash : gap)++;
        if (x > 40 && onDash != previous) ++changes;
        previous = onDash;
    }
    QVERIFY2(dash > 20 && gap > 20 && changes > 10,
             qPrintable(QStringLiteral("%1 %2 %3").arg(dash).arg(gap).arg(changes)));
}

void TestPhotoDropArea::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    PhotoDropArea empty;
    empty.resize(340, 300);
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    QVERIFY(empty.grab().save(dir + QStringLiteral("/faces-widgets-photo-drop-empty.png")));

    PhotoDropArea area;
    area.resize(340, 320);
    QImage photo(480, 320, QImage::Format_RGB32);
    photo.fill(QColor(180, 200, 220));
    {
        QPainter painter(&photo);
        painter.drawImage(QRect(80, 0, 320, 320), t::cartoonFace(7, 256));
    }
    area.setPreview(photo, QRect(80, 0, 320, 320));
    area.setMessage(QStringLiteral("Encoding…"));
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QVERIFY(area.grab().save(dir + QStringLiteral("/faces-widgets-photo-drop-preview.png")));
    area.clearPreview();
    area.setMessage(QStringLiteral("'notes.txt' is not an image FlowScope can read"), true);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/face.jpg"))});
    QVERIFY(sendDragEnter(area, mime));
    QVERIFY(area.grab().save(dir + QStringLiteral("/faces-widgets-photo-drop-error.png")));
}

QTEST_MAIN(TestPhotoDropArea)
#include "test_photo_drop_area.moc"
