#include "widgets/photo_drop_area.h"

#include "widgets/crisp_image.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSpacerItem>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>

namespace flowscope::ui {
namespace {

constexpr int kBorderInset = 3;

QColor errorColor() { return QColor(200, 30, 45); }

}  // namespace

PhotoDropArea::PhotoDropArea(QWidget* parent)
    : QFrame(parent),
      m_space(new QSpacerItem(0, 0, QSizePolicy::Minimum, QSizePolicy::Expanding)),
      m_hint(new QLabel(tr("Drop a photo here or click Open…"), this)),
      m_openButton(new QPushButton(tr("&Open…"), this)),
      m_message(new QLabel(this)) {
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);  // the dashed border is painted
    setAccessibleName(tr("Photo drop area"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 14, 14, 12);
    layout->setSpacing(6);
    layout->addSpacerItem(m_space);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_openButton->setToolTip(tr("Choose a photo of a face to encode"));
    buttons->addWidget(m_openButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);
    connect(m_openButton, &QPushButton::clicked, this, &PhotoDropArea::openRequested);
}

void PhotoDropArea::setPreview(const QImage& original, const QRect& cropRect) {
    m_original = original;
    m_cropRect = cropRect.intersected(original.rect());
    m_scaled = QImage();
    update();
}

void PhotoDropArea::clearPreview() {
    m_original = QImage();
    m_cropRect = QRect();
    m_scaled = QImage();
    update();
}

void PhotoDropArea::setMessage(const QString& text, bool error) {
    m_messageIsError = error;
    m_message->setText(text);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, error ? errorColor() : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
    m_message->setVisible(!text.isEmpty());
}

QString PhotoDropArea::message() const { return m_message->text(); }

QString PhotoDropArea::hintText() const { return m_hint->text(); }

QRect PhotoDropArea::previewSpace() const { return m_space->geometry(); }

QRect PhotoDropArea::previewRect() const {
    if (m_original.isNull()) return {};
    return fittedRect(m_original.size(), previewSpace());
}

QRect PhotoDropArea::cropRectOnScreen() const {
    const QRect preview = previewRect();
    if (preview.isEmpty() || m_cropRect.isEmpty()) return {};
    const double sx = preview.width() / double(m_original.width());
    const double sy = preview.height() / double(m_original.height());
    const int left = preview.left() + static_cast<int>(std::lround(m_cropRect.left() * sx));
    const int top = preview.top() + static_cast<int>(std::lround(m_cropRect.top() * sy));
    const int right = preview.left() + static_cast<int>(std::lround((m_cropRect.right() + 1) * sx));
    const int bottom = preview.top() + static_cast<int>(std::lround((m_cropRect.bottom() + 1) * sy));
    return QRect(QPoint(left, top), QPoint(right - 1, bottom - 1));
}

QString PhotoDropArea::localFileOf(const QMimeData* mime) {
    if (!mime || !mime->hasUrls()) return {};
    const QList<QUrl> urls = mime->urls();
    if (urls.size() != 1 || !urls.front().isLocalFile()) return {};
    const QString path = urls.front().toLocalFile();
    if (path.isEmpty() || QFileInfo(path).isDir()) return {};
    return path;
}

QSize PhotoDropArea::sizeHint() const { return QSize(320, 300); }

QSize PhotoDropArea::minimumSizeHint() const { return QSize(200, 160); }

const QImage& PhotoDropArea::scaledPreview(const QSize& devicePixels) const {
    if (m_scaled.size() != devicePixels) m_scaled = crispScaled(m_original, devicePixels);
    return m_scaled;
}

void PhotoDropArea::paintEvent(QPaintEvent* event) {
    QFrame::paintEvent(event);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF border = QRectF(rect()).adjusted(kBorderInset, kBorderInset, -kBorderInset, -kBorderInset);
    const QColor accent = palette().color(QPalette::Highlight);
    if (m_dragActive) {
        QColor fill = accent;
        fill.setAlpha(40);
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        painter.drawRoundedRect(border, 8, 8);
    }
    QPen pen(m_dragActive ? accent : palette().color(QPalette::Mid), m_dragActive ? 2.5 : 1.5, Qt::DashLine);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(border, 8, 8);

    const QRect space = previewSpace();
    if (m_original.isNull()) {
        // A tray with a downward arrow: "drop here".
        const int size = std::min({space.width(), space.height(), 72});
        if (size < 24) return;
        const QRectF box(space.center().x() - size / 2.0, space.center().y() - size / 2.0, size, size);
        QPen glyph(m_dragActive ? accent : palette().color(QPalette::Mid), std::max(2.0, size / 18.0), Qt::SolidLine,
                   Qt::RoundCap, Qt::RoundJoin);
        painter.setPen(glyph);
        QPainterPath tray;
        tray.moveTo(box.left() + 0.1 * size, box.top() + 0.6 * size);
        tray.lineTo(box.left() + 0.1 * size, box.bottom() - 0.1 * size);
        tray.lineTo(box.right() - 0.1 * size, box.bottom() - 0.1 * size);
        tray.lineTo(box.right() - 0.1 * size, box.top() + 0.6 * size);
        painter.drawPath(tray);
        QPainterPath arrow;
        arrow.moveTo(box.center().x(), box.top() + 0.08 * size);
        arrow.lineTo(box.center().x(), box.top() + 0.68 * size);
        arrow.moveTo(box.center().x() - 0.2 * size, box.top() + 0.48 * size);
        arrow.lineTo(box.center().x(), box.top() + 0.68 * size);
        arrow.lineTo(box.center().x() + 0.2 * size, box.top() + 0.48 * size);
        painter.drawPath(arrow);
        return;
    }

    const QRect preview = previewRect();
    if (preview.isEmpty()) return;
    const qreal ratio = devicePixelRatioF();
    QImage scaled = scaledPreview(QSize(static_cast<int>(std::lround(preview.width() * ratio)),
                                        static_cast<int>(std::lround(preview.height() * ratio))));
    scaled.setDevicePixelRatio(ratio);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.drawImage(preview.topLeft(), scaled);
    const QRect crop = cropRectOnScreen();
    if (crop.isEmpty()) return;
    // Dim what the model will not see, then outline the crop.
    QRegion outside(preview);
    outside -= QRegion(crop);
    painter.setClipRegion(outside);
    painter.fillRect(preview, QColor(0, 0, 0, 120));
    painter.setClipping(false);
    painter.setPen(QPen(cropColor(), 3));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(crop.adjusted(1, 1, -1, -1));
}

void PhotoDropArea::dragEnterEvent(QDragEnterEvent* event) {
    if (localFileOf(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    setDragActive(true);
}

void PhotoDropArea::dragMoveEvent(QDragMoveEvent* event) {
    if (localFileOf(event->mimeData()).isEmpty())
        event->ignore();
    else
        event->acceptProposedAction();
}

void PhotoDropArea::dragLeaveEvent(QDragLeaveEvent* event) {
    setDragActive(false);
    QFrame::dragLeaveEvent(event);
}

void PhotoDropArea::dropEvent(QDropEvent* event) {
    setDragActive(false);
    const QString path = localFileOf(event->mimeData());
    if (path.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    emit photoDropped(path);
}

void PhotoDropArea::setDragActive(bool active) {
    if (m_dragActive == active) return;
    m_dragActive = active;
    update();
}

}  // namespace flowscope::ui
