#pragma once
/// \file StepStrip: the row of density thumbnails q₀ … q_K of a 2D flow.

#include <QAbstractScrollArea>
#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

class QPainter;

namespace flowscope::ui {

/// One thumbnail per step k = 0 … K of the flow (q₀ the base density, q_k after layer k),
/// side by side and scrollable, so a class sees the whole journey from the Gaussian to the
/// target at once; clicking a tile or pressing ◀/▶ selects a step (the big view follows).
class StepStrip : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit StepStrip(QWidget* parent = nullptr);

    /// count = K + 1 tiles; thumbnails beyond the new count are dropped.
    void setSteps(int count);
    int stepCount() const { return m_count; }
    void setThumbnail(int k, const QImage& image);
    /// names[i] is the kind of layer i + 1 ("planar", …); shown as tile tooltips.
    void setLayerNames(const QStringList& names);
    /// Selects tile k without emitting stepSelected.
    void setSelected(int k);
    /// The selected tile, or −1 when there are no tiles.
    int selected() const { return m_selected; }
    QString tileLabel(int k) const;
    QString tileToolTip(int k) const;
    /// Tile k's rectangle in viewport coordinates (after scrolling).
    QRect tileRect(int k) const;

    /// All tiles side by side with labels, tileSize pixels square each, on white.
    QImage renderStrip(int tileSize) const;
    /// renderStrip as PNG, or as a PDF page of the same layout, chosen by the suffix of path.
    bool exportStrip(const QString& path, int tileSize) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void stepSelected(int k);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    struct Layout {
        int tile, gap, margin, label;
    };
    Layout screenLayout() const;
    static Layout exportLayout(int tileSize);
    QSize stripSize(const Layout& layout) const;
    void paintStrip(QPainter& painter, const Layout& layout, int offsetX, bool forScreen) const;
    void selectAndEmit(int k);
    void updateScrollBar();
    void ensureTileVisible(int k);

    int m_count = 0;
    int m_selected = -1;
    QVector<QImage> m_thumbnails;
    QStringList m_layerNames;
};

}  // namespace flowscope::ui
