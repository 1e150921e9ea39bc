// The CLI's heat-map PNGs: the colours are the explorer's — matplotlib's viridis and ColorBrewer's
// RdBu (reversed, pure white in the middle), reference values typed in from matplotlib and
// ColorBrewer, not taken from the code under test — the grid's bottom row is the image's last
// row, and the diverging scale is symmetric with 0 exactly white.

#include "io/heatmap_image.h"

#include <QtTest>

#include <cmath>

using namespace flowscope;

namespace {

ScalarGrid gridOf(int nx, int ny, std::vector<float> values) {
    ScalarGrid g;
    g.spec.nx = nx;
    g.spec.ny = ny;
    g.spec.x0 = g.spec.y0 = 0;
    g.spec.x1 = nx;
    g.spec.y1 = ny;
    g.values = std::move(values);
    return g;
}

QRgb rgb(uint32_t hex) { return hex | 0xff000000u; }

}  // namespace

class TestHeatmapImage : public QObject {
    Q_OBJECT

private slots:
    void colourScalesMatchMatplotlib_data() {
        QTest::addColumn<int>("scale");
        QTest::addColumn<double>("t");
        QTest::addColumn<uint>("expected");
        // matplotlib.cm.viridis(t) rounded to 8 bits; ColorBrewer RdBu's end colours.
        QTest::newRow("viridis 0") << 0 << 0.0 << 0x440154u;
        QTest::newRow("viridis 0.3") << 0 << 0.3 << 0x355f8du;
        QTest::newRow("viridis 0.5") << 0 << 0.5 << 0x21918cu;
        QTest::newRow("viridis 0.8") << 0 << 0.8 << 0x7ad151u;
        QTest::newRow("viridis 1") << 0 << 1.0 << 0xfde725u;
        QTest::newRow("viridis NaN is the lowest") << 0 << std::nan("") << 0x440154u;
        QTest::newRow("viridis clamps above") << 0 << 7.0 << 0xfde725u;
        QTest::newRow("diverging 0") << 1 << 0.0 << 0x053061u;
        QTest::newRow("diverging ½ is white") << 1 << 0.5 << 0xffffffu;
        QTest::newRow("diverging 1") << 1 << 1.0 << 0x67001fu;
    }
    void colourScalesMatchMatplotlib() {
        QFETCH(int, scale);
        QFETCH(double, t);
        QFETCH(uint, expected);
        QCOMPARE(colorAt(scale == 0 ? ColorScale::Density : ColorScale::Diverging, t), uint32_t(expected));
    }

    void viridisGetsBrighterAllTheWay() {
        double last = -1;
        for (int k = 0; k <= 200; ++k) {
            const uint32_t c = colorAt(ColorScale::Density, k / 200.0);
            const double luma = 0.2126 * ((c >> 16) & 0xff) + 0.7152 * ((c >> 8) & 0xff) + 0.0722 * (c & 0xff);
            QVERIFY2(luma > last, qPrintable(QString("luma falls at t = %1").arg(k / 200.0)));
            last = luma;
        }
    }

    void densityImageIsUprightAndScaledToItsMaximum() {
        // Bottom row (j = 0): densities 1, ½, 0; top row: 0, 0, 1.
        const float zero = -1e30f;
        const auto img =
            heatmapImage(gridOf(3, 2, {0.0f, std::log(0.5f), zero, zero, zero, 0.0f}), ColorScale::Density);
        QCOMPARE(img.size(), QSize(3, 2));
        QCOMPARE(img.pixel(0, 1), rgb(0xfde725));  // bottom-left: the maximum
        QCOMPARE(img.pixel(1, 1), rgb(0x21918c));  // half the maximum
        QCOMPARE(img.pixel(2, 1), rgb(0x440154));  // zero density
        QCOMPARE(img.pixel(2, 0), rgb(0xfde725));  // top-right
    }

    void divergingImageIsSymmetricWithWhiteZero() {
        auto img = heatmapImage(gridOf(3, 1, {-2.0f, 0.0f, 2.0f}), ColorScale::Diverging);
        QCOMPARE(img.pixel(0, 0), rgb(0x053061));
        QCOMPARE(img.pixel(1, 0), rgb(0xffffff));
        QCOMPARE(img.pixel(2, 0), rgb(0x67001f));
        // A fixed range of 4: −2 sits at t = ¼.
        img = heatmapImage(gridOf(3, 1, {-2.0f, 0.0f, 2.0f}), ColorScale::Diverging, true, 4.0);
        QCOMPARE(img.pixel(0, 0), rgb(0x4393c3));
        QCOMPARE(img.pixel(2, 0), rgb(0xd6604d));
    }
};

QTEST_MAIN(TestHeatmapImage)
#include "test_heatmap_image.moc"
