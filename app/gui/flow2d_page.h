#pragma once

#include "gui/flow2d_types.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QWidget>

#include <functional>
#include <map>
#include <memory>

class QAction;
class QCheckBox;
class QGridLayout;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QSplitter;
class QTimer;
class QToolButton;
class QGroupBox;
class QUndoStack;

namespace flowscope::ui {
class DensityView;
class LogdetView;
class LossPlot;
class LedgerTable;
class LayerTable;
class StepStrip;
class TeachingPanel;
}  // namespace flowscope::ui

namespace flowscope {

class Flow2DWorker;
class ExportProgress;
class LayerEditor;
template <typename Worker>
class WorkerHost;

/// The "2D flows" page: a builder (target, flow, sizes, optimiser, device), transport (Train,
/// Pause, Resume, Step, Reset), the large exact-density view with overlays, the step strip with
/// animation, log-det heatmaps, the loss curve and the teaching panel. Training and every grid
/// evaluation happen on the worker thread (Flow2DWorker, hosted by WorkerHost); this page only draws values.
class Flow2DPage : public QWidget {
    Q_OBJECT
public:
    explicit Flow2DPage(QWidget* parent = nullptr);
    ~Flow2DPage() override;

    /// Builder settings, and applying them (resets the flow).
    Flow2DSettings settings() const;
    void applySettings(const Flow2DSettings& settings);
    bool applyPreset(const QString& id);

    // Transport (also the main window's actions).
    void train();
    void pause();
    void resume();
    void step();
    void reset();
    void togglePlay();
    void selectStep(int k);
    void nextStep();
    void previousStep();

    // Exports; false (and a message in the status line) on failure.
    bool exportView(const QString& path);
    bool exportStrip(const QString& path);
    bool exportLossCsv(const QString& path);
    void saveModel(const QString& path);
    /// Writes the Play sequence as an animated GIF on the worker, with a progress dialog
    /// (Cancel leaves nothing behind); animationExported reports the end.
    void exportAnimation(const Flow2DAnimationRequest& request);
    bool isExportingAnimation() const;
    /// The overlays the large view shows now (an export starts from them).
    bool showsParticles() const;
    bool showsGridLines() const;

    /// Demo files (gui/demo_file.h): the builder and view as JSON, and applying them with a
    /// model file's bytes as the starting parameters (empty: a fresh initialisation). Throws
    /// std::invalid_argument naming the first bad field.
    QJsonObject demoState() const;
    void applyDemoState(const QJsonObject& state, const QByteArray& model);
    /// The same check, returning what applies the state (a demo changes no page until every part is valid).
    std::function<void()> prepareDemoState(const QJsonObject& state, const QByteArray& model);
    /// Asks the worker for the current model file; `done` runs on this thread with the state
    /// and the bytes (empty when no flow is configured).
    void snapshotForDemo(std::function<void(const QJsonObject& state, const QByteArray& model)> done);

    /// Manual mode: the shown planar or radial layer's handles are dragged on the large view and
    /// every layer's parameters typed in a table, with undo (Ctrl+Z) and redo (Ctrl+Shift+Z).
    void setManualMode(bool on);
    bool manualMode() const;
    /// Whether a layer can be edited now (manual mode, planar or radial, not training or playing).
    bool canEditLayers() const;
    void undo();
    void redo();
    QUndoStack* undoStack() const;
    /// Manual mode's recording of drags and typed values, for a GIF: start, stop, and write the
    /// recorded frames (each the density of the step on screen) with a progress dialog.
    void setRecording(bool on);
    bool isRecording() const;
    int recordedFrames() const { return m_recordedFrames; }
    void exportRecording(const Flow2DAnimationRequest& request);
    const ui::LayerTable* layerTable() const { return m_layerTable; }

    /// The latest state, for the window's status bar and for tests.
    const Flow2DProgress& lastProgress() const { return m_progress; }
    const Flow2DView& lastView() const { return m_view; }
    /// Asks where the density at (x, y) of the selected step comes from (a click on the large
    /// view does the same); the ledger table and the probe square follow.
    void probe(double x, double y);
    const ui::LedgerTable* ledgerTable() const { return m_ledger; }
    int selectedStep() const { return m_step; }
    /// A configuration was sent and its answer has not arrived (nor failed).
    bool isConfiguring() const { return m_configuring; }
    bool isPlaying() const;
    QString statusText() const;
    ui::DensityView* densityView() const { return m_density; }
    /// The worker that trains and computes the views (for tests and `bench gui`: its signals).
    Flow2DWorker* worker() const;

    void saveState() const;
    void restoreState();
    /// Stops training and joins the worker (the window calls it on close).
    void shutdown();

signals:
    void statusChanged(const QString& text);
    /// The ledger of a probed point arrived and is on screen.
    void ledgerShown();
    void trainingStateChanged(bool running);
    void manualModeChanged(bool on);
    /// An animation export ended: bytes > 0 written, 0 cancelled, < 0 failed.
    void animationExported(const QString& path, int frames, qint64 bytes);

private:
    void buildUi();
    QWidget* buildBuilder();
    void buildDrawTools();
    QGridLayout* buildTransport();
    QWidget* buildMaps();
    QWidget* buildStepStrip();
    void connectBuilder();
    void scheduleReconfigure();
    void reconfigure();
    void requestView();
    void onConfigured(const Flow2DTargetInfo& info);
    void onProgress(const Flow2DProgress& progress);
    void onView(const Flow2DView& view);
    void onLedger(const Flow2DLedger& ledger);
    void clearProbe();
    void onFailed(const QString& message);
    void onAnimationTick();
    void updateDrawTools();
    void updateCouplingOptions();
    void updateTransport();
    void setStatus(const QString& text, bool error = false);
    QString stepTitle(int k, double t) const;
    /// A layer's kind ("planar", …, as the worker reports it) in the interface's language.
    static QString layerKindText(const QString& kind);
    /// "N(0, I)" or "U([−2, 2]²)": the base of the applied flow.
    QString baseText() const;
    /// The teaching panel's kind for step 0: "base" or "base-uniform".
    QString baseTeachingKind() const;
    /// The applied flow is planar or radial: its layers can be set by hand.
    bool handSettableFlow() const;
    void updateManualMode();
    QWidget* buildLayerBox();

    void onAnimationProgress(int done, int total);
    void onAnimationExported(const QString& path, int frames, qint64 bytes);

    void onModelSnapshot(const QString& tag, const QByteArray& model);

    std::unique_ptr<WorkerHost<Flow2DWorker>> m_host;
    std::map<QString, std::function<void(const QJsonObject&, const QByteArray&)>> m_snapshotWaiters;
    int m_snapshotSerial = 0;
    int m_pendingStep = -1;  ///< a demo's step, selected once its flow is configured
    /// A demo's flow: used as the starting parameters while the builder still shows its settings.
    Flow2DSettings m_demoSettings;
    ExportProgress* m_export = nullptr;
    // Builder.
    QComboBox* m_target = nullptr;
    QString m_csvPath;
    QComboBox* m_flow = nullptr;
    QComboBox* m_base = nullptr;
    QSpinBox* m_layers = nullptr;
    QSpinBox* m_hidden = nullptr;
    QCheckBox* m_actnorm = nullptr;
    QSpinBox* m_batch = nullptr;
    QDoubleSpinBox* m_lr = nullptr;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_device = nullptr;
    QSpinBox* m_steps = nullptr;
    QCheckBox* m_anneal = nullptr;
    QSpinBox* m_annealSteps = nullptr;
    QGroupBox* m_drawTools = nullptr;
    QSlider* m_brush = nullptr;
    QToolButton* m_erase = nullptr;
    QLabel* m_drawnCount = nullptr;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_pauseButton = nullptr;
    QPushButton* m_resumeButton = nullptr;
    QPushButton* m_stepButton = nullptr;
    QPushButton* m_resetButton = nullptr;
    QLabel* m_counter = nullptr;
    QLabel* m_stats = nullptr;
    QLabel* m_status = nullptr;
    // Views.
    ui::DensityView* m_density = nullptr;
    ui::LogdetView* m_layerLogdet = nullptr;
    ui::LogdetView* m_cumulativeLogdet = nullptr;
    ui::StepStrip* m_strip = nullptr;
    ui::LossPlot* m_loss = nullptr;
    ui::TeachingPanel* m_teaching = nullptr;
    ui::LedgerTable* m_ledger = nullptr;
    ui::LayerTable* m_layerTable = nullptr;
    QWidget* m_layerBox = nullptr;
    QToolButton* m_manualButton = nullptr;
    QToolButton* m_recordButton = nullptr;
    QToolButton* m_saveRecordingButton = nullptr;
    int m_recordedFrames = 0;
    LayerEditor* m_editor = nullptr;
    QCheckBox* m_showParticles = nullptr;
    QCheckBox* m_showGrid = nullptr;
    QCheckBox* m_showTarget = nullptr;
    QCheckBox* m_showGeometry = nullptr;
    QToolButton* m_playButton = nullptr;
    QSlider* m_speed = nullptr;
    QLabel* m_frameLabel = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QSplitter* m_centreSplitter = nullptr;
    // State.
    QTimer* m_reconfigureTimer = nullptr;
    QTimer* m_animation = nullptr;
    Flow2DSettings m_applied;
    Flow2DTargetInfo m_info;
    Flow2DProgress m_progress;
    Flow2DView m_view;
    int m_step = 0;
    double m_fraction = 0;
    int m_serial = 0;
    int m_probedStep = -1;  ///< the step whose point the ledger shows (−1: none)
    bool m_configuring = false;
    int m_configurationSerial = 0;
    bool m_blockBuilder = false;
    QString m_lastShownLayer;
};

}  // namespace flowscope
