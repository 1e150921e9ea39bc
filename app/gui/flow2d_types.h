#pragma once
/// \file Values that cross between the 2D page (GUI thread) and its worker: settings in,
/// progress and view data out. Plain types only (no tensors), registered as Qt metatypes.

#include "types/density_ledger.h"
#include "types/flow_config.h"
#include "types/layer_geometry.h"
#include "types/plane.h"
#include "types/train_config.h"

#include <QByteArray>
#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

namespace flowscope {

/// Everything the builder panel sets, as the core's own configs. Changing any of it resets the flow.
struct Flow2DSettings {
    QString target = "U1";           ///< U1…U4, a data set name, "drawn", or a CSV path
    std::vector<float> drawnPoints;  ///< xy pairs when target == "drawn"
    /// Kind, K, conditioner width, ActNorm, initialisation seed.
    FlowConfig model = {FlowKind::Planar, /*layers=*/32};
    /// Steps (Train continues a finished run by as many), batch, learning rate, annealing (T = 0:
    /// 0.8 × steps), device. Its seed is unused: the page has one Seed box, the model's, and the
    /// worker trains with it.
    TrainConfig training;
    /// A model file's bytes (a demo file's trained or hand-set flow) to start from instead of a
    /// fresh initialisation; it must have the architecture above. Not a builder setting, so not
    /// compared.
    QByteArray initialModel;
    /// Planar or radial parameters set by hand for layers 1…n (a Figure 1 preset's), applied
    /// after the initialisation or `initialModel`. Not a builder setting either.
    std::vector<LayerGeometry> handSetLayers;
    /// The page's count of configurations, echoed in Flow2DTargetInfo: when two are in flight,
    /// only the newest one's answer counts. Not compared.
    int configuration = 0;

    bool operator==(const Flow2DSettings& o) const {
        return target == o.target && drawnPoints == o.drawnPoints && model == o.model && training == o.training;
    }
    bool operator!=(const Flow2DSettings& o) const { return !(*this == o); }
};

/// What the large view should show: step k, or the frame between k and k+1 at fraction t.
struct Flow2DViewRequest {
    int step = 0;
    double fraction = 0.0;
    int resolution = 192;  ///< cells per side of the large view's grid
    int particles = 1500;
    bool gridLines = true;
    bool layerLogdets = true;
    int serial = 0;  ///< echoed back, so the page can drop stale answers
};

/// Manual mode: layer `layer` (1…K) takes these parameters (constrained by the worker, which
/// answers with a view whose `shape` is what the layer now holds).
struct Flow2DLayerEdit {
    int layer = 1;
    LayerGeometry geometry;
    bool finished = false;  ///< the drag or edit is over: refresh everything (thumbnails, KL)
};

/// "Where does the density at (x, y) of step k come from?" — a click on the large view.
struct Flow2DLedgerRequest {
    int step = 0;
    double x = 0, y = 0;
    double square = 0.05;  ///< side of the probe square, in data units
};

/// The worker's answer: the ledger of that point (types/density_ledger.h).
struct Flow2DLedger {
    int step = 0;
    double x = 0, y = 0;
    DensityLedger ledger;
};

/// File → Export animation: the Play sequence z_0 → z_K as an animated GIF.
struct Flow2DAnimationRequest {
    QString path;
    int frames = 129;
    int size = 512;
    double fps = 25;
    double holdSeconds = 1.5;  ///< the last frame's extra time before the loop restarts
    bool particles = false, gridLines = false, label = true;
    /// Set from the GUI thread to stop an export half-way (nothing is written then).
    std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
};

/// One training report (≤ ~30 per second).
struct Flow2DProgress {
    qint64 step = 0;
    qint64 totalSteps = 0;
    double loss = 0;
    double beta = 1;
    double kl = qQNaN();
    double ess = qQNaN();
    double nll = qQNaN();
    bool running = false;
    qint64 rolledBack = 0;
    double stepsPerSecond = 0;
    QString event;  ///< e.g. a rollback notice
};

/// Data for the views, computed on the worker.
struct Flow2DView {
    int serial = 0;
    int step = 0;
    double fraction = 0;
    int layers = 0;
    QStringList layerKinds;                      ///< "planar", … for layers 1..K
    ScalarGrid logDensity;                       ///< the frame's log density
    ScalarGrid layerLogdet;                      ///< log|det J| of the layer ending at this step, over its input domain
    ScalarGrid cumulativeLogdet;                 ///< Σ log|det| up to this step, over z_k
    std::vector<float> particles;                ///< xy pairs at this frame
    std::vector<Polyline> gridLines;             ///< warped coordinate grid at this frame
    LayerGeometry shape;                         ///< geometry of the layer shown
    std::vector<LayerGeometry> layerGeometries;  ///< every layer's, in order (manual mode's table)
    std::vector<std::pair<int, QImage>> thumbnails;  ///< refreshed tiles of the step strip
};

/// Target-dependent overlays, sent once per (re)configuration.
struct Flow2DTargetInfo {
    int configuration = 0;  ///< Flow2DSettings::configuration of the settings it answers
    QString name;
    bool isEnergy = true;
    double bounds[4] = {-4, 4, -4, 4};
    std::vector<Polyline> contours;  ///< energies
    std::vector<float> dataPoints;   ///< data sets (a sample) and drawn points
    QStringList warnings;            ///< e.g. skipped CSV lines
};

}  // namespace flowscope

Q_DECLARE_METATYPE(flowscope::Flow2DSettings)
Q_DECLARE_METATYPE(flowscope::Flow2DViewRequest)
Q_DECLARE_METATYPE(flowscope::Flow2DProgress)
Q_DECLARE_METATYPE(flowscope::Flow2DView)
Q_DECLARE_METATYPE(flowscope::Flow2DTargetInfo)
Q_DECLARE_METATYPE(flowscope::Flow2DLedgerRequest)
Q_DECLARE_METATYPE(flowscope::Flow2DLedger)
Q_DECLARE_METATYPE(flowscope::Flow2DLayerEdit)
Q_DECLARE_METATYPE(flowscope::Flow2DAnimationRequest)
