#pragma once
/// \file TileView: the base of the widgets made of clickable image tiles.

#include <QPoint>
#include <QRect>
#include <QWidget>

namespace flowscope::ui {

/// Tiles the mouse can point at: the tile under the mouse is highlighted (with a pointing-hand
/// cursor), and a press and release on the same tile with the left button is a click. ImageGrid
/// and ImageStrip build on it; they lay the tiles out and paint them.
class TileView : public QWidget {
    Q_OBJECT
public:
    /// Tile index's rectangle in widget coordinates (empty when out of range).
    virtual QRect tileRect(int index) const = 0;
    /// The tile at a widget position, or −1.
    virtual int indexAt(const QPoint& position) const = 0;
    /// The tile under the mouse, or −1.
    int hoveredIndex() const { return m_hovered; }

signals:
    void imageClicked(int index);

protected:
    explicit TileView(QWidget* parent) : QWidget(parent) {}

    /// A click on tile `index`; emits imageClicked (ImageGrid first makes it current).
    virtual void tileClicked(int index) { emit imageClicked(index); }
    /// After the tiles change: forgets a press and hovers what is under the mouse now.
    void resetPointer();

    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void setHovered(int index);

    int m_hovered = -1;
    int m_pressed = -1;
};

}  // namespace flowscope::ui
