// DensityView: the density lands where it belongs, overlays toggle, the brush draws and erases,
// exports are valid files.
#include "widget_test_support.h"
#include "widgets/density_view.h"
#include "widgets/point_brush.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using flowscope::LayerGeometry;
using flowscope::Polyline;
using flowscope::ScalarGrid;
using flowscope::ui::DensityView;

namespace {

void sendMove(QWidget* widget, const QPoint& pos, Qt::MouseButtons buttons) {
    QMouseEvent event(QEvent::MouseMove, QPointF(pos), QPointF(widget->mapToGlobal(pos)), Qt::NoButton, buttons,
                      Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

double distance(const QPointF& a, double x, double y) { return std::hypot(a.x() - x, a.y() - y); }

std::vector<Polyline> someGridLines() {
    std::vector<Polyline> lines;
    for (int k = -3; k <= 3; ++k) {
        Polyline vertical, horizontal;
        for (int t = 0; t <= 40; ++t) {
            const double s = -4.0 + 0.2 * t;
            vertical.x.push_back(k + 0.2 * std::sin(s));
            vertical.y.push_back(s);
            horizontal.x.push_back(s);
            horizontal.y.push_back(k + 0.2 * std::sin(s));
        }
        lines.push_back(vertical);
        lines.push_back(horizontal);
    }
    return lines;
}

std::vector<Polyline> ringContours() {
    std::vector<Polyline> lines;
    for (double r : {1.6, 2.0, 2.4}) {
        Polyline circle;
        for (int t = 0; t <= 120; ++t) {
            circle.x.push_back(r * std::cos(t * 2 * M_PI / 120));
            circle.y.push_back(r * std::sin(t * 2 * M_PI / 120));
        }
        lines.push_back(circle);
    }
    return lines;
}

}  // namespace

class TestDensityView : public QObject {
    Q_OBJECT

private slots:
    void brightestPixelIsThePeak();
    void mapCoversExactlyTheGridRectangle();
    void equalAspectSurvivesResize();
    void overlaysToggle();
    void particleOverlayIsDrawnAboveTheMap();
    void layerShapeLabels_data();
    void layerShapeLabels();
    void drawModeSprinklesInsideTheBrush();
    void eraseAndClear();
    void handlesDragTheParametersTheyStandFor();
    void brushSprinklesUniformlyInItsDisc();
    void brushErasesOnlyInsideIt();
    void exportsPngAndPdf();
    void screenshots();
};

void TestDensityView::brightestPixelIsThePeak() {
    DensityView view;
    view.resize(640, 520);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int n = 40;
    view.setLogDensity(flowscope::test::gaussianLogGrid(1.0, -0.5, 0.7, n, -4.0, 4.0));
    view.setViewRange(-4, 4, -4, 4);
    view.replotNow();

    const QImage image = view.plot()->toPixmap().toImage();
    // Search inside the painted map only (the light axis background around it is brighter).
    const QRect rect = QRectF(view.dataToPixel(-4, 4), view.dataToPixel(4, -4)).toAlignedRect().adjusted(3, 3, -3, -3);
    double best = -1;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            best = std::max(best, flowscope::test::luminance(image.pixel(x, y)));
    // Centroid of the brightest plateau (colour levels are quantised).
    double sx = 0, sy = 0, count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            if (flowscope::test::luminance(image.pixel(x, y)) >= best - 0.5) {
                sx += x;
                sy += y;
                ++count;
            }
    const QPointF brightest(sx / count, sy / count);
    const QPointF expected = view.dataToPixel(1.0, -0.5);
    const double cellPixels = std::abs(view.dataToPixel(8.0 / n, 0).x() - view.dataToPixel(0, 0).x());
    QVERIFY2(cellPixels > 3, qPrintable(QString::number(cellPixels)));
    QVERIFY2(QLineF(brightest, expected).length() <= cellPixels,
             qPrintable(QStringLiteral("brightest (%1, %2), expected (%3, %4), cell %5 px")
                            .arg(brightest.x())
                            .arg(brightest.y())
                            .arg(expected.x())
                            .arg(expected.y())
                            .arg(cellPixels)));
    // The peak is yellow (the top of the viridis map), far corners are the dark bottom colour.
    const QColor peak = image.pixelColor(expected.toPoint());
    QVERIFY2(peak.red() > 200 && peak.green() > 200 && peak.blue() < 100, qPrintable(peak.name()));
    const QColor corner = image.pixelColor(view.dataToPixel(-3.8, 3.8).toPoint());
    QVERIFY2(corner.red() < 100 && corner.green() < 40 && corner.blue() > 60, qPrintable(corner.name()));
}

void TestDensityView::mapCoversExactlyTheGridRectangle() {
    DensityView view;
    view.resize(600, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // A coarse grid (cells 1 unit wide) over [0, 4] × [−1, 2], view larger than the grid.
    ScalarGrid grid;
    grid.spec.nx = 4;
    grid.spec.ny = 3;
    grid.spec.x0 = 0;
    grid.spec.x1 = 4;
    grid.spec.y0 = -1;
    grid.spec.y1 = 2;
    grid.values.assign(12, 0.0f);
    view.setLogDensity(grid);
    view.setViewRange(-1, 5, -2, 3);
    view.replotNow();
    const QImage image = view.plot()->toPixmap().toImage();
    const double pixelsPerUnit = view.dataToPixel(1, 0).x() - view.dataToPixel(0, 0).x();
    QVERIFY(pixelsPerUnit > 20);
    const double eps = 3.0 / pixelsPerUnit;  // three pixels
    const auto isBackground = [&](double x, double y) {
        const QColor c = image.pixelColor(view.dataToPixel(x, y).toPoint());
        return c.red() > 225 && c.green() > 225 && c.blue() > 225;
    };
    // Just inside each edge: painted; just outside: the axis background.
    QVERIFY(!isBackground(0 + eps, 0.5));
    QVERIFY(isBackground(0 - eps, 0.5));
    QVERIFY(!isBackground(4 - eps, 0.5));
    QVERIFY(isBackground(4 + eps, 0.5));
    QVERIFY(!isBackground(2, -1 + eps));
    QVERIFY(isBackground(2, -1 - eps));
    QVERIFY(!isBackground(2, 2 - eps));
    QVERIFY(isBackground(2, 2 + eps));
}

void TestDensityView::equalAspectSurvivesResize() {
    DensityView view;
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setViewRange(-4, 4, -3, 3);
    for (const QSize size : {QSize(900, 400), QSize(400, 800), QSize(640, 640)}) {
        view.resize(size);
        QCoreApplication::processEvents();
        view.replotNow();
        const QPointF origin = view.dataToPixel(0, 0);
        const double xUnit = view.dataToPixel(1, 0).x() - origin.x();
        const double yUnit = origin.y() - view.dataToPixel(0, 1).y();
        QVERIFY2(
            std::abs(xUnit - yUnit) < 0.01 * xUnit,
            qPrintable(QStringLiteral("%1 vs %2 at %3x%4").arg(xUnit).arg(yUnit).arg(size.width()).arg(size.height())));
        // The requested rectangle stays inside the plot.
        const QRect rect = view.plot()->axisRect()->rect();
        QVERIFY(rect.adjusted(-1, -1, 1, 1).contains(view.dataToPixel(-4, -3).toPoint()));
        QVERIFY(rect.adjusted(-1, -1, 1, 1).contains(view.dataToPixel(4, 3).toPoint()));
    }
}

void TestDensityView::overlaysToggle() {
    DensityView view;
    view.setLogDensity(flowscope::test::gaussianLogGrid(0, 0, 1, 32, -4, 4));
    view.setParticles({0.f, 0.f, 1.f, 1.f});
    view.setGridLines(someGridLines());
    view.setContours(ringContours());
    view.setDataPoints({2.f, 0.f, -2.f, 0.f});
    LayerGeometry shape;
    shape.kind = LayerGeometry::Kind::Hyperplane;
    shape.w = {1, 1};
    shape.b = 0.5;
    shape.uHat = {1, -0.5};
    view.setLayerGeometry(shape);

    const int all = view.visibleLayerCount();
    view.setShowParticles(false);
    QVERIFY(!view.showParticles());
    QCOMPARE(view.visibleLayerCount(), all - 1);
    view.setShowGridLines(false);
    QVERIFY(!view.showGridLines());
    QCOMPARE(view.visibleLayerCount(), all - 2);
    view.setShowTarget(false);  // contours and data points
    QVERIFY(!view.showTarget());
    QCOMPARE(view.visibleLayerCount(), all - 4);
    view.setShowGeometry(false);  // line, arrow and label
    QVERIFY(!view.showGeometry());
    QCOMPARE(view.visibleLayerCount(), all - 7);
    view.setShowGeometry(true);
    view.setShowParticles(true);
    view.setShowGridLines(true);
    view.setShowTarget(true);
    QCOMPARE(view.visibleLayerCount(), all);

    // A radial shape replaces the line and arrow by a circle and a centre marker.
    shape.kind = LayerGeometry::Kind::Radial;
    shape.alpha = 1.0;
    shape.beta = -0.5;
    view.setLayerGeometry(shape);
    QCOMPARE(view.visibleLayerCount(), all);
    shape.kind = LayerGeometry::Kind::None;
    view.setLayerGeometry(shape);
    QCOMPARE(view.visibleLayerCount(), all - 3);
}

void TestDensityView::particleOverlayIsDrawnAboveTheMap() {
    DensityView view;
    view.resize(600, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setLogDensity(flowscope::test::gaussianLogGrid(0, 0, 0.5, 40, -4, 4));
    view.setParticles({-3.0f, 3.0f});
    const QPoint at = view.dataToPixel(-3.0, 3.0).toPoint();
    QColor c = view.colorAtPixel(at);
    QVERIFY2(c.red() > 230 && c.green() > 230 && c.blue() > 230, qPrintable(c.name()));
    view.setShowParticles(false);
    c = view.colorAtPixel(at);
    QVERIFY2(c.red() < 120 && c.green() < 60, qPrintable(c.name()));  // the map's dark bottom colour
}

void TestDensityView::layerShapeLabels_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("beta");
    QTest::addColumn<int>("keptAxis");
    QTest::addColumn<QString>("expected");
    QTest::newRow("radial expands") << int(LayerGeometry::Kind::Radial) << 0.7 << 0 << "β > 0: expands";
    QTest::newRow("radial contracts") << int(LayerGeometry::Kind::Radial) << -0.4 << 0 << "β < 0: contracts";
    QTest::newRow("coupling z1 kept") << int(LayerGeometry::Kind::Coupling) << 0.0 << 0 << "z₁ conditions z₂";
    QTest::newRow("coupling z2 kept") << int(LayerGeometry::Kind::Coupling) << 0.0 << 1 << "z₂ conditions z₁";
}

void TestDensityView::layerShapeLabels() {
    QFETCH(int, kind);
    QFETCH(double, beta);
    QFETCH(int, keptAxis);
    QFETCH(QString, expected);
    DensityView view;
    LayerGeometry shape;
    shape.kind = static_cast<LayerGeometry::Kind>(kind);
    shape.z0 = {0.5, 0.0};
    shape.alpha = 1.2;
    shape.beta = beta;
    shape.mask = keptAxis == 0 ? std::vector<int>{1, 0} : std::vector<int>{0, 1};
    view.setLayerGeometry(shape);
    QStringList visibleTexts;
    for (int i = 0; i < view.plot()->itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(view.plot()->item(i)); text && text->visible())
            visibleTexts << text->text();
    QVERIFY2(visibleTexts.join(QLatin1Char('|')).contains(expected), qPrintable(visibleTexts.join(QLatin1Char('|'))));
}

void TestDensityView::drawModeSprinklesInsideTheBrush() {
    DensityView view;
    view.resize(600, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setViewRange(-4, 4, -4, 4);
    view.replotNow();
    view.setDrawMode(true);
    view.setBrushRadius(0.5);
    QSignalSpy spy(&view, &DensityView::drawnPointsChanged);

    QWidget* target = view.plot();
    const QPoint p1 = view.dataToPixel(1.0, 1.0).toPoint();
    const QPoint p2 = view.dataToPixel(-1.5, 0.5).toPoint();
    const QPointF c1 = view.pixelToData(p1), c2 = view.pixelToData(p2);
    QTest::mousePress(target, Qt::LeftButton, Qt::NoModifier, p1);
    const auto afterPress = view.drawnPoints();
    QVERIFY(afterPress.size() >= 2);
    sendMove(target, p2, Qt::LeftButton);
    QTest::mouseRelease(target, Qt::LeftButton, Qt::NoModifier, p2);
    const auto all = view.drawnPoints();
    QVERIFY(all.size() > afterPress.size());
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.last().at(0).toInt(), int(all.size() / 2));

    double spread = 0;
    for (std::size_t i = 0; i < all.size(); i += 2) {
        const QPointF centre = i < afterPress.size() ? c1 : c2;
        const double d = distance(centre, all[i], all[i + 1]);
        QVERIFY2(d <= 0.5 + 1e-4, qPrintable(QString::number(d)));
        spread = std::max(spread, d);
    }
    QVERIFY(spread > 0.05);  // sprinkled over the disc, not stacked on the cursor

    // Moving without a button pressed draws nothing.
    sendMove(target, view.dataToPixel(3, -3).toPoint(), Qt::NoButton);
    QCOMPARE(view.drawnPoints().size(), all.size());

    // The same strokes with the same seed give the same points.
    DensityView again;
    again.resize(600, 600);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    again.setViewRange(-4, 4, -4, 4);
    again.replotNow();
    again.setDrawMode(true);
    again.setBrushRadius(0.5);
    QTest::mousePress(again.plot(), Qt::LeftButton, Qt::NoModifier, p1);
    sendMove(again.plot(), p2, Qt::LeftButton);
    QTest::mouseRelease(again.plot(), Qt::LeftButton, Qt::NoModifier, p2);
    QCOMPARE(again.drawnPoints(), all);

    // Outside draw mode, clicks draw nothing.
    view.setDrawMode(false);
    QTest::mousePress(target, Qt::LeftButton, Qt::NoModifier, p1);
    QTest::mouseRelease(target, Qt::LeftButton, Qt::NoModifier, p1);
    QCOMPARE(view.drawnPoints().size(), all.size());
}

void TestDensityView::handlesDragTheParametersTheyStandFor() {
    using flowscope::ui::HandleKind;
    DensityView view;
    view.resize(600, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setViewRange(-4, 4, -4, 4);
    LayerGeometry planar;
    planar.kind = LayerGeometry::Kind::Hyperplane;
    planar.w = {2.0, 0.0};
    planar.b = -1.0;  // the line x = 0.5; its foot p0 = (0.5, 0)
    planar.uHat = {0.5, 0.5};
    view.setLayerGeometry(planar);
    view.replotNow();
    QVERIFY(view.handles().empty());  // manual mode off
    view.setHandlesEnabled(true);
    const auto handles = view.handles();
    QCOMPARE(handles.size(), size_t(3));
    auto at = [&](HandleKind kind) {
        for (const auto& h : handles)
            if (h.kind == kind) return h.position;
        return QPointF(qQNaN(), qQNaN());
    };
    QVERIFY(distance(at(HandleKind::PlanarOffset), 0.5, 0.0) < 1e-12);
    QVERIFY(distance(at(HandleKind::PlanarNormal), 2.5, 0.0) < 1e-12);
    QVERIFY(distance(at(HandleKind::PlanarDirection), 1.0, 0.5) < 1e-12);

    QSignalSpy dragged(&view, &DensityView::layerDragged);
    QSignalSpy started(&view, &DensityView::layerDragStarted);
    QSignalSpy probed(&view, &DensityView::pointProbed);
    QWidget* target = view.plot();
    auto dragTo = [&](QPointF from, QPointF to) {
        const QPoint a = view.dataToPixel(from.x(), from.y()).toPoint(), b = view.dataToPixel(to.x(), to.y()).toPoint();
        QTest::mousePress(target, Qt::LeftButton, Qt::NoModifier, a);
        sendMove(target, (a + b) / 2, Qt::LeftButton);
        sendMove(target, b, Qt::LeftButton);
        QTest::mouseRelease(target, Qt::LeftButton, Qt::NoModifier, b);
        const QPointF landed = view.pixelToData(b);
        return std::pair{dragged.last().at(0).value<LayerGeometry>(), landed};
    };
    // The normal's tip turns w about p0; the line keeps passing through p0.
    auto [turned, tip] = dragTo(at(HandleKind::PlanarNormal), QPointF(0.5, 2.0));
    QVERIFY(dragged.last().at(1).toBool());  // the release reports the end
    QVERIFY(std::abs(turned.w[0] - (tip.x() - 0.5)) < 1e-9 && std::abs(turned.w[1] - tip.y()) < 1e-9);
    QVERIFY(std::abs(turned.w[0] * 0.5 + turned.b) < 1e-9);
    QCOMPARE(turned.uHat, planar.uHat);
    // The foot moves the line through the drop point, w unchanged.
    auto [moved, drop] = dragTo(at(HandleKind::PlanarOffset), QPointF(1.5, 0.7));
    QCOMPARE(moved.w, planar.w);
    QVERIFY(std::abs(moved.b + 2.0 * drop.x()) < 1e-9);
    // û's tip sets û = tip − p0.
    auto [directed, uTip] = dragTo(at(HandleKind::PlanarDirection), QPointF(-1.0, -1.0));
    QVERIFY(std::abs(directed.uHat[0] - (uTip.x() - 0.5)) < 1e-9 && std::abs(directed.uHat[1] - uTip.y()) < 1e-9);
    QCOMPARE(started.count(), 3);
    QCOMPARE(probed.count(), 0);  // presses on handles drag, they do not probe

    // Radial: the ring of radius α maps to α + β/2, where the β handle sits.
    LayerGeometry radial;
    radial.kind = LayerGeometry::Kind::Radial;
    radial.z0 = {0.0, 0.0};
    radial.alpha = 1.0;
    radial.beta = 2.0;
    view.setLayerGeometry(radial);
    view.replotNow();
    QCOMPARE(view.handles().size(), size_t(3));
    auto [pulled, ring] = dragTo(QPointF(0.0, 2.0), QPointF(0.0, 0.25));
    QVERIFY(std::abs(pulled.beta - 2.0 * (std::hypot(ring.x(), ring.y()) - 1.0)) < 1e-9);
    QCOMPARE(pulled.alpha, 1.0);
    auto [widened, edge] = dragTo(QPointF(1.0, 0.0), QPointF(1.8, 0.0));
    QVERIFY(std::abs(widened.alpha - std::hypot(edge.x(), edge.y())) < 1e-9);
    QCOMPARE(widened.beta, 2.0);

    // Manual mode switched off mid-drag (training started): the drag ends where it got to,
    // reported as finished, so the editor records it.
    const QPoint grab = view.dataToPixel(0.0, 0.0).toPoint(), halfway = view.dataToPixel(0.5, -0.5).toPoint();
    QTest::mousePress(target, Qt::LeftButton, Qt::NoModifier, grab);
    sendMove(target, halfway, Qt::LeftButton);
    const int before = dragged.count();
    view.setHandlesEnabled(false);
    QCOMPARE(dragged.count(), before + 1);
    QVERIFY(dragged.last().at(1).toBool());
    const auto cut = dragged.last().at(0).value<LayerGeometry>();
    const QPointF movedData = view.pixelToData(halfway);
    QVERIFY(std::abs(cut.z0[0] - movedData.x()) < 1e-9 && std::abs(cut.z0[1] - movedData.y()) < 1e-9);
    QTest::mouseRelease(target, Qt::LeftButton, Qt::NoModifier, halfway);
    QCOMPARE(dragged.count(), before + 1);  // the release after it is not a second end
    view.setHandlesEnabled(true);

    // Away from every handle a press still probes; without manual mode every press does.
    QTest::mouseClick(target, Qt::LeftButton, Qt::NoModifier, view.dataToPixel(-3.0, -3.0).toPoint());
    QCOMPARE(probed.count(), 1);
    view.setHandlesEnabled(false);
    QTest::mouseClick(target, Qt::LeftButton, Qt::NoModifier, view.dataToPixel(0.0, 0.0).toPoint());
    QCOMPARE(probed.count(), 2);
    QCOMPARE(started.count(), 6);
}

void TestDensityView::eraseAndClear() {
    DensityView view;
    view.resize(600, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.replotNow();
    view.setDrawMode(true);
    view.setBrushRadius(0.4);
    QWidget* target = view.plot();
    const QPoint a = view.dataToPixel(-2, -2).toPoint(), b = view.dataToPixel(2, 2).toPoint();
    for (const QPoint& p : {a, b}) {
        QTest::mousePress(target, Qt::LeftButton, Qt::NoModifier, p);
        for (int k = 0; k < 5; ++k) sendMove(target, p + QPoint(k, 0), Qt::LeftButton);
        QTest::mouseRelease(target, Qt::LeftButton, Qt::NoModifier, p);
    }
    const std::size_t before = view.drawnPoints().size();
    QVERIFY(before >= 8);

    // Erase mode with the left button removes the points around a, keeps those around b.
    view.setEraseMode(true);
    view.setBrushRadius(1.0);
    QTest::mousePress(target, Qt::LeftButton, Qt::NoModifier, a);
    QTest::mouseRelease(target, Qt::LeftButton, Qt::NoModifier, a);
    const auto afterErase = view.drawnPoints();
    QVERIFY(afterErase.size() > 0);
    QVERIFY(afterErase.size() < before);
    const QPointF ca = view.pixelToData(a);
    for (std::size_t i = 0; i < afterErase.size(); i += 2)
        QVERIFY(distance(ca, afterErase[i], afterErase[i + 1]) > 1.0);

    // The right button erases even outside erase mode.
    view.setEraseMode(false);
    QTest::mousePress(target, Qt::RightButton, Qt::NoModifier, b);
    QTest::mouseRelease(target, Qt::RightButton, Qt::NoModifier, b);
    QVERIFY(view.drawnPoints().empty());

    QTest::mousePress(target, Qt::LeftButton, Qt::NoModifier, b);
    QTest::mouseRelease(target, Qt::LeftButton, Qt::NoModifier, b);
    QVERIFY(!view.drawnPoints().empty());
    QSignalSpy spy(&view, &DensityView::drawnPointsChanged);
    view.clearDrawnPoints();
    QVERIFY(view.drawnPoints().empty());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 0);
}

// The brush behind "Draw your own", without the widget: points land uniformly in the disc
// (radius ∝ √u: half of them within r/√2, the half-area radius), the same strokes give the same
// points, and erasing takes exactly the points under the brush.
void TestDensityView::brushSprinklesUniformlyInItsDisc() {
    flowscope::ui::PointBrush brush, again;
    for (auto* b : {&brush, &again}) {
        b->setRadius(0.5);
        b->setPointsPerStroke(8);
    }
    for (int stroke = 0; stroke < 500; ++stroke) {
        QVERIFY(brush.sprinkle(1.0, -2.0));
        again.sprinkle(1.0, -2.0);
    }
    const auto& pts = brush.points();
    QCOMPARE(int(pts.size()), 2 * 8 * 500);
    QCOMPARE(pts, again.points());
    int inner = 0;
    double mx = 0, my = 0;
    for (size_t i = 0; i < pts.size(); i += 2) {
        const double r = std::hypot(pts[i] - 1.0, pts[i + 1] + 2.0);
        QVERIFY2(r <= 0.5 + 1e-6, qPrintable(QString("a point %1 from the centre").arg(r)));
        inner += r < 0.5 / std::sqrt(2.0);
        mx += pts[i] - 1.0;
        my += pts[i + 1] + 2.0;
    }
    const double n = pts.size() / 2.0;
    QVERIFY2(std::abs(inner / n - 0.5) < 0.04, qPrintable(QString("%1 within the half-area radius").arg(inner / n)));
    QVERIFY(std::abs(mx / n) < 0.03 && std::abs(my / n) < 0.03);
}

void TestDensityView::brushErasesOnlyInsideIt() {
    flowscope::ui::PointBrush brush;
    brush.setRadius(0.3);
    for (int i = 0; i < 10; ++i) brush.sprinkle(0.0, 0.0);
    for (int i = 0; i < 5; ++i) brush.sprinkle(5.0, 5.0);
    QCOMPARE(int(brush.points().size()), 2 * 4 * 15);
    QVERIFY(!brush.erase(-3.0, 3.0));  // nothing there
    brush.setRadius(1.0);
    QVERIFY(brush.erase(0.0, 0.0));
    const auto& pts = brush.points();
    QCOMPARE(int(pts.size()), 2 * 4 * 5);
    for (size_t i = 0; i < pts.size(); i += 2) QVERIFY(std::hypot(pts[i] - 5.0, pts[i + 1] - 5.0) <= 0.3 + 1e-6);
    brush.clear();
    QVERIFY(brush.points().empty());
}

void TestDensityView::exportsPngAndPdf() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DensityView view;
    view.resize(500, 400);
    view.setLogDensity(flowscope::test::gaussianLogGrid(0, 0, 1, 32, -4, 4));
    view.setTitle(QStringLiteral("q₀"));
    const QString png = dir.filePath(QStringLiteral("density.png"));
    QVERIFY(view.exportImage(png, 800, 600));
    QImage image;
    QVERIFY(image.load(png));
    QCOMPARE(image.size(), QSize(800, 600));
    const QString pdf = dir.filePath(QStringLiteral("density.pdf"));
    QVERIFY(view.exportImage(pdf, 800, 600));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(4) == "%PDF");
    QVERIFY(!view.exportImage(dir.filePath(QStringLiteral("density.xyz")), 800, 600));
    QVERIFY(!view.exportImage(QStringLiteral("/nonexistent-dir/density.png"), 800, 600));
}

void TestDensityView::screenshots() {
    const QString dir = flowscope::test::screenshotDir();
    if (dir.isEmpty()) QSKIP("set FLOWSCOPE_SCREENSHOT_DIR to save screenshots");
    // A ring-like density after a planar layer, with every overlay on.
    ScalarGrid ring;
    ring.spec.nx = ring.spec.ny = 120;
    ring.spec.x0 = ring.spec.y0 = -4;
    ring.spec.x1 = ring.spec.y1 = 4;
    ring.values.resize(120 * 120);
    for (int j = 0; j < 120; ++j)
        for (int i = 0; i < 120; ++i) {
            const double x = -4 + (i + 0.5) / 15.0, y = -4 + (j + 0.5) / 15.0;
            const double r = std::hypot(x, y);
            ring.values[j * 120 + i] = static_cast<float>(-0.5 * std::pow((r - 2) / 0.4, 2) + 0.3 * x);
        }
    std::vector<float> particles;
    for (int k = 0; k < 200; ++k) {
        const double t = k * 2 * M_PI / 200;
        particles.push_back(static_cast<float>((2 + 0.3 * std::sin(7 * t)) * std::cos(t)));
        particles.push_back(static_cast<float>((2 + 0.3 * std::sin(7 * t)) * std::sin(t)));
    }
    DensityView view;
    view.resize(760, 620);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setLogDensity(ring);
    view.setParticles(particles);
    view.setGridLines(someGridLines());
    view.setContours(ringContours());
    view.setDataPoints({1.f, 1.f, -1.5f, 1.2f, 0.5f, -2.f});
    LayerGeometry shape;
    shape.kind = LayerGeometry::Kind::Hyperplane;
    shape.w = {1, 0.5};
    shape.b = -1;
    shape.uHat = {1.2, -0.6};
    view.setLayerGeometry(shape);
    view.setTitle(QStringLiteral("q₃ after layer 3 (planar)"));
    view.replotNow();
    QVERIFY(view.grab().save(dir + QStringLiteral("/widgets-density-planar.png")));

    shape.kind = LayerGeometry::Kind::Radial;
    shape.z0 = {0.5, -0.5};
    shape.alpha = 1.3;
    shape.beta = 0.8;
    view.setLayerGeometry(shape);
    view.setShowGridLines(false);
    view.setTitle(QStringLiteral("q₄ after layer 4 (radial)"));
    view.resize(900, 500);
    QCoreApplication::processEvents();
    view.replotNow();
    QVERIFY(view.grab().save(dir + QStringLiteral("/widgets-density-radial-wide.png")));

    shape.kind = LayerGeometry::Kind::Coupling;
    shape.mask = {1, 0};
    view.setLayerGeometry(shape);
    view.setTitle(QStringLiteral("q₂ after layer 2 (affine coupling)"));
    view.setShowParticles(false);
    view.setDrawMode(true);
    view.setBrushRadius(0.4);
    const QPoint p = view.dataToPixel(-2, 2).toPoint();
    QTest::mousePress(view.plot(), Qt::LeftButton, Qt::NoModifier, p);
    for (int k = 0; k < 60; ++k) sendMove(view.plot(), p + QPoint(4 * k, (k % 7) * 3), Qt::LeftButton);
    QTest::mouseRelease(view.plot(), Qt::LeftButton, Qt::NoModifier, p + QPoint(240, 0));
    view.resize(560, 720);
    QCoreApplication::processEvents();
    view.replotNow();
    QVERIFY(view.grab().save(dir + QStringLiteral("/widgets-density-coupling-draw.png")));
    QVERIFY(view.exportImage(dir + QStringLiteral("/widgets-density-export.png"), 1200, 900));
}

QTEST_MAIN(TestDensityView)
#include "test_density_view.moc"
