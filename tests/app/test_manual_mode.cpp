// Manual mode on the 2D page, as a lecturer uses it on the offscreen platform: a Figure 1 preset
// opens with its hand-set layers; dragging a handle with synthesised mouse events moves the
// parameters it stands for and never breaks invertibility (û snaps to wᵀû = −1 + 1e-3, β to
// −α(1 − 1e-3)); typed values do the same; undo and redo walk back and forth; a demo file keeps
// the hand-set flow.

#include "flow2d_test_support.h"
#include "gui/flow2d_page.h"
#include "gui/flow2d_worker.h"
#include "gui/main_window.h"
#include "gui/presets.h"
#include "widgets/density_view.h"
#include "widgets/layer_table.h"

#include <QImageReader>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

using namespace flowscope;
using flowscope::test::integral;
using flowscope::test::waitConfigured;

namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) { return a[0] * b[0] + a[1] * b[1]; }

bool near(const LayerGeometry& a, const LayerGeometry& b, double tol) {
    if (a.kind != b.kind) return false;
    if (a.kind == LayerGeometry::Kind::Hyperplane)
        return std::abs(a.w[0] - b.w[0]) < tol && std::abs(a.w[1] - b.w[1]) < tol && std::abs(a.b - b.b) < tol &&
               std::abs(a.uHat[0] - b.uHat[0]) < tol && std::abs(a.uHat[1] - b.uHat[1]) < tol;
    return std::abs(a.z0[0] - b.z0[0]) < tol && std::abs(a.z0[1] - b.z0[1]) < tol &&
           std::abs(a.alpha - b.alpha) < tol && std::abs(a.beta - b.beta) < tol;
}

QString describe(const LayerGeometry& g) {
    if (g.kind == LayerGeometry::Kind::Hyperplane)
        return QString("w (%1, %2) b %3 û (%4, %5)").arg(g.w[0]).arg(g.w[1]).arg(g.b).arg(g.uHat[0]).arg(g.uHat[1]);
    return QString("z0 (%1, %2) α %3 β %4").arg(g.z0[0]).arg(g.z0[1]).arg(g.alpha).arg(g.beta);
}

}  // namespace

class TestManualMode : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QCustomPlot* plotOf(Flow2DPage* page) { return page->densityView()->findChild<QCustomPlot*>(); }

    /// Drags from data point `from` to `to` in three moves, as a hand would.
    static void drag(Flow2DPage* page, QPointF from, QPointF to) {
        auto* view = page->densityView();
        auto* plot = plotOf(page);
        auto pixel = [&](QPointF d) { return view->dataToPixel(d.x(), d.y()) - QPointF(plot->pos()); };
        auto send = [&](QEvent::Type type, QPointF p, Qt::MouseButton button, Qt::MouseButtons held) {
            QMouseEvent e(type, p, plot->mapToGlobal(p), button, held, Qt::NoModifier);
            QApplication::sendEvent(plot, &e);
        };
        send(QEvent::MouseButtonPress, pixel(from), Qt::LeftButton, Qt::LeftButton);
        for (double t : {0.3, 0.7, 1.0}) {
            send(QEvent::MouseMove, pixel(from + t * (to - from)), Qt::NoButton, Qt::LeftButton);
            QTest::qWait(15);
        }
        send(QEvent::MouseButtonRelease, pixel(to), Qt::LeftButton, Qt::NoButton);
    }

    static QPointF handle(Flow2DPage* page, ui::HandleKind kind) {
        for (const auto& h : page->densityView()->handles())
            if (h.kind == kind) return h.position;
        return QPointF(qQNaN(), qQNaN());
    }

    /// Waits until layer k (1…K) of the newest view satisfies `ok`.
    template <typename Ok>
    static bool waitLayer(Flow2DPage* page, int k, Ok ok, int ms = 10000) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            QTest::qWait(20);
            const auto& layers = page->lastView().layerGeometries;
            if (static_cast<int>(layers.size()) >= k && ok(layers[static_cast<size_t>(k - 1)])) return true;
        }
        return false;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void figureOnePresetsOpenWithTheirLayers() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        auto* page = window.flow2dPage();
        for (const char* id : {"fig1-gaussian-planar-10", "fig1-uniform-radial-2"}) {
            QVERIFY(page->applyPreset(id));
            QVERIFY(waitConfigured(page));
            QVERIFY(page->manualMode());
            const auto preset = *findPreset(id);
            QVERIFY(waitLayer(page, 1,
                              [&](const LayerGeometry& g) { return near(g, preset.settings.handSetLayers[0], 1e-5); }));
            const auto& layers = page->lastView().layerGeometries;
            QCOMPARE(layers.size(), preset.settings.handSetLayers.size());
            for (size_t i = 0; i < layers.size(); ++i)
                QVERIFY2(near(layers[i], preset.settings.handSetLayers[i], 1e-5), qPrintable(describe(layers[i])));
            QCOMPARE(page->layerTable()->rowCount(), static_cast<int>(layers.size()));
        }
        // The final density of the Gaussian K = 10 preset is exact: its mass on the view is the
        // fraction of base samples the layers leave inside [−4, 4]² (0.981 by Monte Carlo with
        // 2·10⁵ samples of the same maps, outside this code).
        QVERIFY(page->applyPreset("fig1-gaussian-planar-10"));
        QVERIFY(waitConfigured(page));
        QTRY_VERIFY_WITH_TIMEOUT(page->lastView().step == 10, 10000);
        const double mass = integral(page->lastView().logDensity);
        QVERIFY2(std::abs(mass - 0.981) < 0.004, qPrintable(QString::number(mass)));
        // The uniform base's square: q0 = 1/16 inside, zero outside.
        QVERIFY(page->applyPreset("fig1-uniform-planar-1"));
        QVERIFY(waitConfigured(page));
        page->selectStep(0);
        QTRY_VERIFY_WITH_TIMEOUT(page->lastView().step == 0, 10000);
        const ScalarGrid& g = page->lastView().logDensity;
        QVERIFY(std::abs(g.at(g.spec.nx / 2, g.spec.ny / 2) + std::log(16.0)) < 1e-5);
        QVERIFY(std::isinf(g.at(0, 0)) && g.at(0, 0) < 0);
        QVERIFY(std::abs(integral(g) - 1.0) < 0.02);
    }

    void draggingPlanarHandlesKeepsTheLayerInvertible() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        auto* page = window.flow2dPage();
        QVERIFY(page->applyPreset("fig1-gaussian-planar-2"));
        QVERIFY(waitConfigured(page));
        page->selectStep(1);
        QTRY_VERIFY_WITH_TIMEOUT(page->lastView().step == 1 && !page->densityView()->handles().empty(), 10000);
        const LayerGeometry start = page->lastView().layerGeometries[0];

        // û dragged deep into the forbidden side (wᵀû = −3): it snaps back onto wᵀû = −1 + 1e-3,
        // moved along w only.
        const QPointF p0 = handle(page, ui::HandleKind::PlanarOffset);
        const double ww = dot(start.w, start.w);
        const QPointF forbidden = p0 + QPointF(-3.0 * start.w[0] / ww, -3.0 * start.w[1] / ww);
        drag(page, handle(page, ui::HandleKind::PlanarDirection), forbidden);
        // û − (drop point − p0) is parallel to w (the drag's earlier moves snap elsewhere: wait
        // for the last one).
        auto snappedFromDrop = [&](const LayerGeometry& g) {
            const double d0 = g.uHat[0] - (forbidden.x() - p0.x()), d1 = g.uHat[1] - (forbidden.y() - p0.y());
            return std::abs(dot(g.w, g.uHat) + 0.999) < 1e-4 && std::abs(d0 * start.w[1] - d1 * start.w[0]) < 0.02 &&
                   d0 * start.w[0] + d1 * start.w[1] > 0;
        };
        QVERIFY2(waitLayer(page, 1, snappedFromDrop), qPrintable(describe(page->lastView().layerGeometries[0])));
        const LayerGeometry snapped = page->lastView().layerGeometries[0];
        QVERIFY2(std::abs(snapped.w[0] - start.w[0]) < 1e-6 && std::abs(snapped.b - start.b) < 1e-6,
                 qPrintable(describe(snapped)));
        QCOMPARE(page->layerTable()->cellText(0, 6), QString("-0.999"));
        QTRY_VERIFY_WITH_TIMEOUT(page->lastView().step == 1 && std::isfinite(integral(page->lastView().logDensity)),
                                 5000);

        // The normal's tip turns w about the foot p0: the line keeps passing through p0.
        const QPointF target = p0 + QPointF(0.0, 1.5);
        drag(page, handle(page, ui::HandleKind::PlanarNormal), target);
        QVERIFY(waitLayer(page, 1, [&](const LayerGeometry& g) { return std::abs(g.w[1] - 1.5) < 0.02; }));
        const LayerGeometry turned = page->lastView().layerGeometries[0];
        QVERIFY2(std::abs(turned.w[0]) < 0.02, qPrintable(describe(turned)));
        QVERIFY(std::abs(turned.w[0] * p0.x() + turned.w[1] * p0.y() + turned.b) < 0.02);
        QCOMPARE(page->undoStack()->count(), 2);

        // Undo twice: the preset's layer, exactly; redo: the turned one.
        page->undo();
        page->undo();
        QVERIFY(waitLayer(page, 1, [&](const LayerGeometry& g) { return near(g, start, 1e-5); }));
        page->redo();
        QVERIFY(waitLayer(page, 1, [&](const LayerGeometry& g) { return near(g, snapped, 1e-5); }));
        page->redo();
        QVERIFY(waitLayer(page, 1, [&](const LayerGeometry& g) { return near(g, turned, 1e-5); }));
        // Layer 2 never moved.
        QVERIFY(near(page->lastView().layerGeometries[1], figureOneLayers(FlowKind::Planar, 2)[1], 1e-5));
    }

    void draggingRadialHandlesKeepsBetaAboveMinusAlpha() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        auto* page = window.flow2dPage();
        QVERIFY(page->applyPreset("fig1-uniform-radial-1"));
        QVERIFY(waitConfigured(page));
        QTRY_VERIFY_WITH_TIMEOUT(page->lastView().step == 1 && !page->densityView()->handles().empty(), 10000);
        const LayerGeometry start = page->lastView().layerGeometries[0];
        const QPointF centre(start.z0[0], start.z0[1]);
        // The β handle pulled onto the centre asks for β = −2α: it stops at −α(1 − 1e-3).
        drag(page, handle(page, ui::HandleKind::RadialBeta), centre + QPointF(0.0, 0.01));
        QVERIFY(waitLayer(page, 1,
                          [&](const LayerGeometry& g) { return std::abs(g.beta + start.alpha * (1 - 1e-3)) < 1e-4; }));
        // The centre follows the mouse; α and β stay.
        drag(page, handle(page, ui::HandleKind::RadialCentre), centre + QPointF(-1.0, 0.5));
        QVERIFY(waitLayer(page, 1, [&](const LayerGeometry& g) {
            return std::abs(g.z0[0] - (start.z0[0] - 1.0)) < 0.02 && std::abs(g.z0[1] - (start.z0[1] + 0.5)) < 0.02;
        }));
        QVERIFY(std::abs(page->lastView().layerGeometries[0].alpha - start.alpha) < 1e-5);
        // The density stays exact: mass 1 on the view for a layer that contracts as far as it can.
        QTest::qWait(300);
        QVERIFY2(std::abs(integral(page->lastView().logDensity) - 1.0) < 0.02,
                 qPrintable(QString::number(integral(page->lastView().logDensity))));
    }

    void typedValuesAndTheirUndo() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        auto* page = window.flow2dPage();
        QVERIFY(page->applyPreset("fig1-gaussian-planar-2"));
        QVERIFY(waitConfigured(page));
        QTRY_VERIFY_WITH_TIMEOUT(page->layerTable()->rowCount() == 2, 10000);
        const LayerGeometry start = page->lastView().layerGeometries[1];
        auto* table = const_cast<ui::LayerTable*>(page->layerTable());
        table->editCell(1, 3, "0.75");  // layer 2's b
        QVERIFY(waitLayer(page, 2, [](const LayerGeometry& g) { return std::abs(g.b - 0.75) < 1e-6; }));
        table->editCell(1, 3, "abc");  // not a number: the cell goes back, nothing is sent
        QCOMPARE(table->cellText(1, 3), QString("0.750"));
        QCOMPARE(page->undoStack()->count(), 1);
        page->undo();
        QVERIFY(waitLayer(page, 2, [&](const LayerGeometry& g) { return near(g, start, 1e-5); }));

        // While training runs, layers cannot be dragged or typed.
        page->train();
        QTRY_VERIFY_WITH_TIMEOUT(page->lastProgress().running, 10000);
        QVERIFY(!page->canEditLayers());
        QVERIFY(page->densityView()->handles().empty());
        page->pause();
        QTRY_VERIFY_WITH_TIMEOUT(!page->lastProgress().running, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(page->canEditLayers(), 5000);
    }

    /// Record → change layer 2 twice → stop → Save recording: a GIF of the three states.
    void recordsChangesIntoAGif() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        auto* page = window.flow2dPage();
        QVERIFY(page->applyPreset("fig1-gaussian-radial-2"));
        QVERIFY(waitConfigured(page));
        auto* table = const_cast<ui::LayerTable*>(page->layerTable());
        QTRY_VERIFY_WITH_TIMEOUT(table->rowCount() == 2, 10000);
        page->setRecording(true);
        QTRY_COMPARE_WITH_TIMEOUT(page->recordedFrames(), 1, 10000);
        table->editCell(1, 3, "1.5");  // α
        QVERIFY(waitLayer(page, 2, [](const LayerGeometry& g) { return std::abs(g.alpha - 1.5) < 1e-6; }));
        table->editCell(1, 4, "-3");  // β below −α: snaps to −α(1 − 1e-3)
        QVERIFY(waitLayer(page, 2, [](const LayerGeometry& g) { return std::abs(g.beta + 1.5 * (1 - 1e-3)) < 1e-5; }));
        QTRY_COMPARE_WITH_TIMEOUT(page->recordedFrames(), 3, 10000);
        page->setRecording(false);
        QTest::qWait(100);
        QTemporaryDir dir;
        Flow2DAnimationRequest r;
        r.path = dir.filePath("drag.gif");
        r.size = 96;
        QSignalSpy done(page, &Flow2DPage::animationExported);
        page->exportRecording(r);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
        QCOMPARE(done.front().at(1).toInt(), 3);
        QImageReader gif(r.path, "gif");
        QCOMPARE(gif.imageCount(), 3);
        QCOMPARE(gif.size(), QSize(96, 96));
        QImage first, last;
        QVERIFY(gif.read(&first));
        gif.read(&last);
        QVERIFY(gif.read(&last));
        QVERIFY(first != last);  // the layer changed between them
        // The export replays on the live flow and puts its parameters back.
        QVERIFY(std::abs(page->lastView().layerGeometries[1].alpha - 1.5) < 1e-6);
        page->selectStep(1);
        QVERIFY(waitLayer(page, 2, [](const LayerGeometry& g) { return std::abs(g.alpha - 1.5) < 1e-6; }));
    }

    void demoFilesKeepHandSetLayers() {
        const QString path = m_dir.filePath("figure1.flowscope");
        std::vector<LayerGeometry> saved;
        {
            MainWindow window;
            window.show();
            auto* page = window.flow2dPage();
            QVERIFY(page->applyPreset("fig1-uniform-planar-2"));
            QVERIFY(waitConfigured(page));
            auto* table = const_cast<ui::LayerTable*>(page->layerTable());
            QTRY_VERIFY_WITH_TIMEOUT(table->rowCount() == 2, 10000);
            table->editCell(0, 1, "-1.25");  // layer 1's w₁
            QVERIFY(waitLayer(page, 1, [](const LayerGeometry& g) { return std::abs(g.w[0] + 1.25) < 1e-6; }));
            saved = page->lastView().layerGeometries;
            QSignalSpy done(&window, &MainWindow::demoSaved);
            window.saveDemo(path);
            QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
            window.close();
        }
        MainWindow window;
        window.show();
        auto* page = window.flow2dPage();
        QVERIFY(page->applyPreset("fig3-u1-planar-2"));
        QVERIFY(waitConfigured(page));
        QVERIFY(!page->manualMode());
        QString error;
        QVERIFY2(window.openDemo(path, &error, true), qPrintable(error));
        QVERIFY(page->manualMode());
        QCOMPARE(page->settings().model.base, BaseKind::Uniform);
        QVERIFY(waitLayer(page, 1, [&](const LayerGeometry& g) { return near(g, saved[0], 1e-6); }));
        QVERIFY(near(page->lastView().layerGeometries[1], saved[1], 1e-6));
    }
};

QTEST_MAIN(TestManualMode)
#include "test_manual_mode.moc"
