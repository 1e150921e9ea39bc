// Animated GIFs for slides: the palette quantizer is exact on colour-mapped images and close on
// photographs of smooth gradients; the encoder's files decode with Qt's own GIF reader (an
// independent decoder) with the frames, size, delays and looping written; the Play sequence
// renders the exact step densities at its first and last frames.

#include "analysis/density_analysis.h"
#include "io/flow_animation.h"
#include "io/gif_encoder.h"
#include "io/heatmap_image.h"
#include "io/palette_quantizer.h"
#include "common/test_support.h"

#include <QBuffer>
#include <QImageReader>
#include <QtTest>

#include <cmath>

using namespace flowscope;
using flowscope::test::perturbedFlowModel;
using flowscope::test::squareGrid;

namespace {

QImage gradient(int w, int h) {  // ~w·h distinct colours
    QImage image(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) image.setPixel(x, y, qRgb(x * 255 / (w - 1), y * 255 / (h - 1), (x + y) % 256));
    return image;
}

QImage expand(const IndexedImage& indexed) {
    QImage image(indexed.width, indexed.height, QImage::Format_RGB32);
    for (int y = 0; y < indexed.height; ++y)
        for (int x = 0; x < indexed.width; ++x)
            image.setPixel(x, y, indexed.palette[indexed.indices[static_cast<size_t>(y) * indexed.width + x]]);
    return image;
}

struct Difference {
    double mean = 0;
    int max = 0;
};
Difference difference(const QImage& a, const QImage& b) {
    Difference d;
    const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
    for (int j = 0; j < x.height(); ++j)
        for (int i = 0; i < x.width(); ++i) {
            const QRgb p = x.pixel(i, j), q = y.pixel(i, j);
            for (int c :
                 {std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q))}) {
                d.mean += c;
                d.max = std::max(d.max, c);
            }
        }
    d.mean /= 3.0 * x.width() * x.height();
    return d;
}

std::vector<QImage> decodeAll(const std::string& bytes, std::vector<int>* delays = nullptr, int* loops = nullptr) {
    QByteArray data(bytes.data(), static_cast<qsizetype>(bytes.size()));
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "gif");
    std::vector<QImage> frames;
    QImage frame;
    while (reader.read(&frame)) {
        frames.push_back(frame);
        if (delays) delays->push_back(reader.nextImageDelay());
    }
    if (loops) *loops = reader.loopCount();
    return frames;
}

}  // namespace

class TestGifExport : public QObject {
    Q_OBJECT

private slots:
    void fewColoursAreKeptExactly() {
        QImage image(64, 48, QImage::Format_RGB32);  // 200 distinct colours
        for (int y = 0; y < 48; ++y)
            for (int x = 0; x < 64; ++x) image.setPixel(x, y, qRgb((x * y) % 200, 255 - (x * y) % 200, 77));
        const IndexedImage indexed = quantizeImage(image);
        QCOMPARE(indexed.palette.size(), size_t(200));
        QCOMPARE(expand(indexed), image);
    }

    void aDensityHeatmapStaysCloseToItsColours() {
        ScalarGrid g;
        g.spec = squareGrid(256, 3.0);
        for (int64_t j = 0; j < 256; ++j)
            for (int64_t i = 0; i < 256; ++i)
                g.values.push_back(-0.5f * float(g.spec.x(i) * g.spec.x(i) + 2 * g.spec.y(j) * g.spec.y(j)));
        const QImage heat = heatmapImage(g, ColorScale::Density);
        const Difference d = difference(expand(quantizeImage(heat)), heat);
        qInfo("heatmap: mean %.2f, max %d levels", d.mean, d.max);
        // Viridis is a curve through colour space, so 256 boxes along it leave a level or two.
        QVERIFY2(d.mean < 1.5 && d.max <= 8, qPrintable(QString("mean %1 max %2").arg(d.mean).arg(d.max)));
    }

    void manyColoursComeClose() {
        const QImage image = gradient(256, 256);
        const IndexedImage indexed = quantizeImage(image);
        QCOMPARE(indexed.palette.size(), size_t(256));
        const Difference d = difference(expand(indexed), image);
        // 256 colours for a cube of 65536: a median cut leaves boxes ~40 levels wide on the
        // longest axis at worst (256^(1/3) ≈ 6.3 boxes an axis), so a channel is off by ≤ ~20
        // typically; uniform 6×6×6 quantisation would be off by 12.75 on average.
        QVERIFY2(d.mean < 8 && d.max <= 48, qPrintable(QString("mean %1 max %2").arg(d.mean).arg(d.max)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, quantizeImage(image, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, quantizeImage(QImage(), 16));
    }

    void framesDecodeWithTheirDelaysAndLoop() {
        std::vector<QImage> sources;
        for (int f = 0; f < 5; ++f) {
            QImage image(40, 30, QImage::Format_RGB32);
            image.fill(qRgb(50 * f, 255 - 40 * f, 7));
            for (int x = 0; x < 40; ++x) image.setPixel(x, (x + 3 * f) % 30, qRgb(255, 255, 255));
            sources.push_back(image);
        }
        GifEncoder encoder(40, 30);
        for (int f = 0; f < 5; ++f) encoder.addFrame(sources[f], f == 4 ? 1000 : 40);
        QCOMPARE(encoder.frames(), 5);
        const std::string bytes = encoder.finish();
        QCOMPARE(bytes.substr(0, 6), std::string("GIF89a"));
        std::vector<int> delays;
        int loops = 0;
        const auto frames = decodeAll(bytes, &delays, &loops);
        QCOMPARE(frames.size(), size_t(5));
        for (int f = 0; f < 5; ++f) {
            QCOMPARE(frames[f].size(), QSize(40, 30));
            QCOMPARE(frames[f].convertToFormat(QImage::Format_RGB32), sources[f]);
        }
        QCOMPARE(delays[0], 40);
        QCOMPARE(delays[4], 1000);
        QCOMPARE(loops, -1);  // forever
        QVERIFY_THROWS_EXCEPTION(std::logic_error, encoder.addFrame(sources[0], 40));
    }

    void aFrameOfAnotherSizeIsScaled() {
        GifEncoder encoder(20, 20);
        QImage big(80, 40, QImage::Format_RGB32);
        big.fill(qRgb(10, 200, 30));
        encoder.addFrame(big, 100);
        const auto frames = decodeAll(encoder.finish());
        QCOMPARE(frames.size(), size_t(1));
        QCOMPARE(frames[0].size(), QSize(20, 20));
        QCOMPARE(frames[0].pixel(10, 10), qRgb(10, 200, 30));
    }

    void badSizesAndRatesAreRefused() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GifEncoder(0, 10));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GifEncoder(10, 5000));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gifDelayMs(0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gifDelayMs(51));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, GifEncoder(4, 4).finish());
        QCOMPARE(gifDelayMs(25), 40);
    }

    void framePositionsCoverTheLayersEvenly() {
        auto p = framePosition(0, 9, 4);
        QCOMPARE(p.k, size_t(0));
        QCOMPARE(p.t, 0.0);
        p = framePosition(3, 9, 4);  // 1.5 layers in
        QCOMPARE(p.k, size_t(1));
        QCOMPARE(p.t, 0.5);
        p = framePosition(8, 9, 4);
        QCOMPARE(p.k, size_t(4));
        QCOMPARE(p.t, 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, framePosition(9, 9, 4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, framePosition(0, 1, 4));
    }

    void thePlaySequenceShowsTheExactStepDensities() {
        auto model = perturbedFlowModel("planar", 3, 5, 0.8);
        model->eval();
        FlowAnimationOptions o;
        o.frames = 7;
        o.size = 48;
        o.label = false;
        o.bounds = squareGrid(48, 3.5);
        std::vector<QImage> frames;
        renderFlowAnimation(*model, o, [&](int i, const QImage& frame) {
            if (static_cast<int>(frames.size()) != i) return false;
            frames.push_back(frame);
            return true;
        });
        QCOMPARE(frames.size(), size_t(7));
        const GridSpec grid = squareGrid(48, 3.5);
        QCOMPARE(frames.front(), heatmapImage(stepLogDensity(*model, 0, grid), ColorScale::Density));
        QCOMPARE(frames.back(), heatmapImage(stepLogDensity(*model, 3, grid), ColorScale::Density));
        // An in-between frame differs from both neighbouring steps.
        QVERIFY(frames[3] != frames.front() && frames[3] != frames.back());

        // Overlays draw on top; a sink returning false stops the rendering.
        o.particles = o.gridLines = o.label = true;
        int seen = 0;
        QImage overlaid;
        renderFlowAnimation(*model, o, [&](int, const QImage& frame) {
            overlaid = frame;
            return ++seen < 2;
        });
        QCOMPARE(seen, 2);
        QVERIFY(difference(overlaid, frames[1]).mean > 1.0);
        o.frames = 1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 renderFlowAnimation(*model, o, [](int, const QImage&) { return true; }));
    }
};

QTEST_MAIN(TestGifExport)
#include "test_gif_export.moc"
