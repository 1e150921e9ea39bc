#pragma once
/// \file ImageGrid: a grid of face samples to pick one from.

#include "widgets/tile_view.h"

#include <QImage>
#include <QString>

#include <vector>

namespace flowscope::ui {

/// N images (the Glow samples at the current temperature) in a grid of square tiles that fills
/// the widget; small images are enlarged nearest neighbour so their pixels stay crisp, large ones
/// shrink smoothly. The tile under the mouse is highlighted and a click (or Enter on the tile
/// chosen with the arrow keys) emits imageClicked. Shows a placeholder text while empty.
class ImageGrid : public TileView {
    Q_OBJECT
public:
    explicit ImageGrid(QWidget* parent = nullptr);

    /// Replaces all images; the count may change.
    void setImages(const std::vector<QImage>& images);
    /// Replaces image index (0 ≤ index < count()); ignored otherwise.
    void setImage(int index, const QImage& image);
    /// A null image when index is out of range.
    QImage image(int index) const;
    int count() const { return static_cast<int>(m_images.size()); }

    /// Number of columns; 0 (the default) chooses ⌈√count⌉, a near-square grid.
    void setColumns(int columns);
    int columns() const { return m_columns; }
    /// The columns actually used for the current count (at least 1).
    int effectiveColumns() const;
    int rowCount() const;

    /// Text shown while there are no images ("Loading the model…").
    void setPlaceholder(const QString& text);
    QString placeholder() const { return m_placeholder; }
    /// Tooltip over a tile; "Click to edit this face" by default.
    void setTileToolTip(const QString& text);
    QString tileToolTip() const { return m_tileToolTip; }

    QRect tileRect(int index) const override;
    /// The tile at a widget position, or −1.
    int indexAt(const QPoint& position) const override;
    /// The tile the arrow keys are on (−1 when empty).
    int currentIndex() const { return m_current; }

    /// All images in the same columns, tileSize pixels square each, small white gaps, on white;
    /// a null image when there are none.
    QImage renderGrid(int tileSize) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;
    void tileClicked(int index) override;

private:
    static constexpr int kMargin = 4;
    static constexpr int kGap = 4;
    int tileSize() const;
    QPoint gridOrigin() const;

    std::vector<QImage> m_images;
    int m_columns = 0;
    int m_current = -1;
    QString m_placeholder;
    QString m_tileToolTip;
};

}  // namespace flowscope::ui
