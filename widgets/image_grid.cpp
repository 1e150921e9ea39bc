#include "widgets/image_grid.h"

#include "widgets/crisp_image.h"

#include <QCursor>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace flowscope::ui {
namespace {

int exportGap(int tileSize) { return std::max(2, tileSize / 32); }

}  // namespace

ImageGrid::ImageGrid(QWidget* parent)
    : TileView(parent), m_placeholder(tr("No images yet")), m_tileToolTip(tr("Click to edit this face")) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void ImageGrid::setImages(const std::vector<QImage>& images) {
    m_images = images;
    m_current = m_images.empty() ? -1 : std::clamp(m_current, 0, count() - 1);
    resetPointer();
    updateGeometry();
    update();
}

void ImageGrid::setImage(int index, const QImage& image) {
    if (index < 0 || index >= count()) return;
    m_images[static_cast<std::size_t>(index)] = image;
    update(tileRect(index));
}

QImage ImageGrid::image(int index) const {
    if (index < 0 || index >= count()) return {};
    return m_images[static_cast<std::size_t>(index)];
}

void ImageGrid::setColumns(int columns) {
    m_columns = std::max(columns, 0);
    updateGeometry();
    update();
}

int ImageGrid::effectiveColumns() const {
    if (m_columns > 0) return m_columns;
    return std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count())))));
}

int ImageGrid::rowCount() const {
    const int columns = effectiveColumns();
    return (count() + columns - 1) / columns;
}

void ImageGrid::setPlaceholder(const QString& text) {
    m_placeholder = text;
    if (m_images.empty()) update();
}

void ImageGrid::setTileToolTip(const QString& text) { m_tileToolTip = text; }

int ImageGrid::tileSize() const {
    const int columns = effectiveColumns();
    const int rows = std::max(rowCount(), 1);
    const int byWidth = (width() - 2 * kMargin - (columns - 1) * kGap) / columns;
    const int byHeight = (height() - 2 * kMargin - (rows - 1) * kGap) / rows;
    return std::max(1, std::min(byWidth, byHeight));
}

QPoint ImageGrid::gridOrigin() const {
    // Centred horizontally (the leftover of the integer tile size, or the room a tall grid
    // leaves), at the top vertically so a heightForWidth layout has no band above.
    const int columns = std::min(effectiveColumns(), std::max(count(), 1));
    const int used = columns * tileSize() + (columns - 1) * kGap;
    return QPoint(std::max(kMargin, (width() - used) / 2), kMargin);
}

QRect ImageGrid::tileRect(int index) const {
    if (index < 0 || index >= count()) return {};
    const int columns = effectiveColumns();
    const int tile = tileSize();
    const QPoint origin = gridOrigin();
    return QRect(origin.x() + (index % columns) * (tile + kGap), origin.y() + (index / columns) * (tile + kGap), tile,
                 tile);
}

int ImageGrid::indexAt(const QPoint& position) const {
    for (int i = 0; i < count(); ++i)
        if (tileRect(i).contains(position)) return i;
    return -1;
}

QImage ImageGrid::renderGrid(int tileSize) const {
    if (m_images.empty()) return {};
    const int tile = std::max(tileSize, 1);
    const int gap = exportGap(tile);
    const int columns = std::min(effectiveColumns(), count());
    const int rows = rowCount();
    QImage result(2 * gap + columns * tile + (columns - 1) * gap, 2 * gap + rows * tile + (rows - 1) * gap,
                  QImage::Format_RGB32);
    result.fill(Qt::white);
    QPainter painter(&result);
    for (int i = 0; i < count(); ++i) {
        const QRect rect(gap + (i % columns) * (tile + gap), gap + (i / columns) * (tile + gap), tile, tile);
        drawCrisp(painter, rect, m_images[static_cast<std::size_t>(i)]);
    }
    return result;
}

int ImageGrid::heightForWidth(int width) const {
    const int columns = effectiveColumns();
    const int rows = std::max(rowCount(), 1);
    const int tile = std::max(1, (width - 2 * kMargin - (columns - 1) * kGap) / columns);
    return 2 * kMargin + rows * tile + (rows - 1) * kGap;
}

QSize ImageGrid::sizeHint() const { return QSize(480, heightForWidth(480)); }

QSize ImageGrid::minimumSizeHint() const { return QSize(96, 96); }

void ImageGrid::paintEvent(QPaintEvent* event) {
    QPainter painter(this);
    painter.fillRect(event->rect(), palette().color(QPalette::Base));
    if (m_images.empty()) {
        QFont font = painter.font();
        font.setPointSizeF(font.pointSizeF() * 1.25);
        painter.setFont(font);
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const QColor accent = palette().color(QPalette::Highlight);
    for (int i = 0; i < count(); ++i) {
        const QRect tile = tileRect(i);
        if (!tile.intersects(event->rect())) continue;
        const QImage& image = m_images[static_cast<std::size_t>(i)];
        if (image.isNull())
            painter.fillRect(tile, palette().color(QPalette::Mid));
        else
            drawCrisp(painter, tile, image);
        if (i == hoveredIndex()) {
            painter.fillRect(tile, QColor(255, 255, 255, 36));
            painter.setPen(QPen(accent, 3));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(tile.adjusted(1, 1, -2, -2));
        }
        if (i == m_current && hasFocus()) {
            painter.setPen(QPen(palette().color(QPalette::Text), 1, Qt::DashLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(tile.adjusted(4, 4, -5, -5));
        }
    }
}

void ImageGrid::tileClicked(int index) {
    if (m_current != index) {
        update(tileRect(m_current));
        m_current = index;
        update(tileRect(m_current));
    }
    emit imageClicked(index);
}

void ImageGrid::keyPressEvent(QKeyEvent* event) {
    if (m_images.empty()) return QWidget::keyPressEvent(event);
    const int columns = effectiveColumns();
    int next = m_current;
    switch (event->key()) {
        case Qt::Key_Left:
            next = m_current - 1;
            break;
        case Qt::Key_Right:
            next = m_current + 1;
            break;
        case Qt::Key_Up:
            next = m_current - columns;
            break;
        case Qt::Key_Down:
            next = m_current + columns;
            break;
        case Qt::Key_Home:
            next = 0;
            break;
        case Qt::Key_End:
            next = count() - 1;
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Space:
            emit imageClicked(m_current);
            return;
        default:
            return QWidget::keyPressEvent(event);
    }
    if (next < 0 || next >= count()) return;
    update(tileRect(m_current));
    m_current = next;
    update(tileRect(m_current));
}

bool ImageGrid::event(QEvent* event) {
    switch (event->type()) {
        case QEvent::ToolTip: {
            const auto* help = static_cast<QHelpEvent*>(event);
            const int index = indexAt(help->pos());
            if (index >= 0 && !m_tileToolTip.isEmpty()) {
                QToolTip::showText(help->globalPos(), m_tileToolTip, this, tileRect(index));
            } else {
                QToolTip::hideText();
                event->ignore();
            }
            return true;
        }
        case QEvent::FocusIn:
        case QEvent::FocusOut:
            update(tileRect(m_current));
            break;
        default:
            break;
    }
    return QWidget::event(event);
}

}  // namespace flowscope::ui
