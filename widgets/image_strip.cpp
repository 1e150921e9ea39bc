#include "widgets/image_strip.h"

#include "widgets/crisp_image.h"

#include <QCursor>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>

#include <algorithm>

namespace flowscope::ui {
namespace {

constexpr int kMargin = 4;
constexpr int kGap = 6;

}  // namespace

ImageStrip::ImageStrip(QWidget* parent) : TileView(parent) {
    setMouseTracking(true);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void ImageStrip::setImages(const std::vector<QImage>& images, const QStringList& labels) {
    m_images = images;
    m_labels = labels;
    resetPointer();
    updateGeometry();
    update();
}

QImage ImageStrip::image(int index) const {
    if (index < 0 || index >= count()) return {};
    return m_images[static_cast<std::size_t>(index)];
}

QString ImageStrip::label(int index) const {
    if (index < 0 || index >= count() || index >= m_labels.size()) return {};
    return m_labels[index];
}

ImageStrip::Layout ImageStrip::screenLayout() const {
    const int n = std::max(count(), 1);
    const int label = fontMetrics().height() + 4;
    const int byWidth = (width() - 2 * kMargin - (n - 1) * kGap) / n;
    const int byHeight = height() - 2 * kMargin - label;
    const int tile = std::max(1, std::min(byWidth, byHeight));
    const int used = n * tile + (n - 1) * kGap;
    // Centred in any spare room (a heightForWidth layout leaves none vertically).
    const int top = std::max(kMargin, (height() - tile - label) / 2);
    return Layout{std::max(kMargin, (width() - used) / 2), top, tile, kGap, label};
}

QRect ImageStrip::tileRect(const Layout& layout, int index) const {
    return QRect(layout.left + index * (layout.tile + layout.gap), layout.top, layout.tile, layout.tile);
}

QRect ImageStrip::tileRect(int index) const {
    if (index < 0 || index >= count()) return {};
    return tileRect(screenLayout(), index);
}

int ImageStrip::indexAt(const QPoint& position) const {
    const Layout layout = screenLayout();
    for (int i = 0; i < count(); ++i)
        if (tileRect(layout, i).adjusted(0, 0, 0, layout.label).contains(position)) return i;
    return -1;
}

void ImageStrip::paintStrip(QPainter& painter, const Layout& layout, const QFont& labelFont, const QColor& text,
                            const QColor& emptyTile, bool forScreen) const {
    painter.setFont(labelFont);
    const QFontMetrics metrics(labelFont);
    const QColor accent = palette().color(QPalette::Highlight);
    for (int i = 0; i < count(); ++i) {
        const QRect tile = tileRect(layout, i);
        const QImage& image = m_images[static_cast<std::size_t>(i)];
        if (image.isNull())
            painter.fillRect(tile, emptyTile);
        else
            drawCrisp(painter, tile, image);
        const bool hovered = forScreen && i == hoveredIndex();
        if (hovered) {
            painter.setPen(QPen(accent, 3));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(tile.adjusted(1, 1, -2, -2));
        }
        const QRect labelRect(tile.left() - layout.gap / 2, tile.bottom() + 1, tile.width() + layout.gap, layout.label);
        painter.setPen(hovered ? accent : text);
        painter.drawText(labelRect, Qt::AlignCenter, metrics.elidedText(label(i), Qt::ElideRight, labelRect.width()));
    }
}

QImage ImageStrip::renderStrip(int tileSize) const {
    if (m_images.empty()) return {};
    const int tile = std::max(tileSize, 8);
    const int gap = std::max(4, tile / 10);
    QFont labelFont = font();
    labelFont.setPixelSize(std::max(11, tile / 7));
    const Layout layout{gap, gap, tile, gap, QFontMetrics(labelFont).height() + gap / 2};
    QImage image(2 * gap + count() * tile + (count() - 1) * gap, 2 * gap + tile + layout.label, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paintStrip(painter, layout, labelFont, Qt::black, QColor(225, 225, 225), false);
    return image;
}

int ImageStrip::heightForWidth(int width) const {
    const int n = std::max(count(), 1);
    const int tile = std::max(1, (width - 2 * kMargin - (n - 1) * kGap) / n);
    return 2 * kMargin + tile + fontMetrics().height() + 4;
}

QSize ImageStrip::sizeHint() const { return QSize(560, heightForWidth(560)); }

QSize ImageStrip::minimumSizeHint() const { return QSize(120, 48); }

void ImageStrip::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    QFont labelFont = font();
    labelFont.setPointSizeF(font().pointSizeF() * 0.9);
    paintStrip(painter, screenLayout(), labelFont, palette().color(QPalette::Text), palette().color(QPalette::Mid),
               true);
}

}  // namespace flowscope::ui
