#pragma once
/// \file LatentMapView: a 2-D latent space, decoded, with where the data lands in it.

#include <QImage>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace flowscope::ui {

/// The decoder's images over a square of the 2-D latent plane (a mosaic: the image decoded at
/// each tile's centre), faded, with the posterior means μ(x) of test images as dots coloured by
/// class and a legend; the selected image's μ is ringed. Clicking the map emits the latent point.
class LatentMapView : public QWidget {
    Q_OBJECT
public:
    explicit LatentMapView(QWidget* parent = nullptr);

    /// `mosaic` covers [x0, x1] × [y0, y1] (row 0 of the image is the top, y1).
    void setMosaic(const QImage& mosaic, double x0, double x1, double y0, double y1);
    /// xy: x, y pairs; classes[i] indexes names (−1: no class).
    void setPoints(std::vector<float> xy, std::vector<int> classes, const QStringList& names);
    void setMarker(double x, double y);
    int pointCount() const { return static_cast<int>(m_classes.size()); }
    bool hasMosaic() const { return !m_mosaic.isNull(); }
    /// The latent point under a widget pixel.
    QPointF pixelToLatent(const QPointF& pixel) const;
    QPointF latentToPixel(double x, double y) const;
    QSize sizeHint() const override { return {420, 420}; }

signals:
    void latentClicked(double x, double y);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QRectF mapRect() const;

    QImage m_mosaic;
    double m_x0 = -3, m_x1 = 3, m_y0 = -3, m_y1 = 3;
    std::vector<float> m_xy;
    std::vector<int> m_classes;
    QStringList m_names;
    bool m_hasMarker = false;
    double m_markerX = 0, m_markerY = 0;
};

/// Ten distinguishable class colours (Tableau 10).
QColor classColor(int index);

}  // namespace flowscope::ui
