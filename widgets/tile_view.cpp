#include "widgets/tile_view.h"

#include <QCursor>
#include <QMouseEvent>

namespace flowscope::ui {

void TileView::resetPointer() {
    m_pressed = -1;
    setHovered(underMouse() ? indexAt(mapFromGlobal(QCursor::pos())) : -1);
}

void TileView::mouseMoveEvent(QMouseEvent* event) {
    setHovered(indexAt(event->position().toPoint()));
    QWidget::mouseMoveEvent(event);
}

void TileView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    m_pressed = indexAt(event->position().toPoint());
    event->accept();
}

void TileView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mouseReleaseEvent(event);
    const int index = indexAt(event->position().toPoint());
    const bool clicked = index >= 0 && index == m_pressed;
    m_pressed = -1;
    event->accept();
    if (clicked) tileClicked(index);
}

void TileView::leaveEvent(QEvent* event) {
    setHovered(-1);
    QWidget::leaveEvent(event);
}

void TileView::setHovered(int index) {
    if (index == m_hovered) return;
    // The highlight may reach past the tile (a label under it): repaint the whole view.
    m_hovered = index;
    update();
    if (index >= 0)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
}

}  // namespace flowscope::ui
