#pragma once
/// \file ImageStrip: a labelled row of images (an interpolation between two faces).

#include "widgets/tile_view.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <vector>

namespace flowscope::ui {

/// A row of square tiles that fills the width, each with a small label under it, e.g. the mix
/// of two faces decode((1 − t)·z_A + t·z_B) for t = 0, 0.25, …, 1. Small images are enlarged
/// nearest neighbour (crisp pixels). The tile under the mouse is highlighted; a click emits
/// imageClicked.
class ImageStrip : public TileView {
    Q_OBJECT
public:
    explicit ImageStrip(QWidget* parent = nullptr);

    /// labels[i] goes under image i (missing labels are empty).
    void setImages(const std::vector<QImage>& images, const QStringList& labels = {});
    int count() const { return static_cast<int>(m_images.size()); }
    QImage image(int index) const;
    QString label(int index) const;

    QRect tileRect(int index) const override;
    /// The tile (or its label) at a widget position, or −1.
    int indexAt(const QPoint& position) const override;

    /// All tiles in a row, tileSize pixels square each, labels under them, on white; a null image
    /// when there are none.
    QImage renderStrip(int tileSize) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Layout {
        int left, top, tile, gap, label;
    };
    Layout screenLayout() const;
    QRect tileRect(const Layout& layout, int index) const;
    void paintStrip(QPainter& painter, const Layout& layout, const QFont& labelFont, const QColor& text,
                    const QColor& emptyTile, bool forScreen) const;

    std::vector<QImage> m_images;
    QStringList m_labels;
};

}  // namespace flowscope::ui
