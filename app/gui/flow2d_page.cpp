#include "gui/flow2d_page.h"

#include "gui/flow2d_worker.h"
#include "gui/worker_host.h"
#include "gui/eta_text.h"
#include "gui/export_progress.h"
#include "gui/json_fields.h"
#include "gui/layer_editor.h"
#include "gui/presets.h"
#include "widgets/density_view.h"
#include "widgets/layer_table.h"
#include "widgets/ledger_table.h"
#include "widgets/logdet_view.h"
#include "widgets/loss_plot.h"
#include "widgets/step_strip.h"
#include "widgets/teaching_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QJsonArray>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QUndoStack>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

namespace flowscope {

namespace {

// The flow kinds' menu labels (types/flow_config.h), for lupdate; shown through translate("FlowKind", …).
[[maybe_unused]] const char* const kFlowKindLabels[] = {QT_TRANSLATE_NOOP("FlowKind", "Planar"),
                                                        QT_TRANSLATE_NOOP("FlowKind", "Radial"),
                                                        QT_TRANSLATE_NOOP("FlowKind", "Affine coupling (RealNVP)"),
                                                        QT_TRANSLATE_NOOP("FlowKind", "Additive coupling (NICE)")};

// The large view's grid follows its size on screen (a projector's full-screen view gets 512
// cells a side, `bench 2d`'s play_frame measures that), never below 200.
constexpr int kMinViewResolution = 200;
constexpr int kMaxViewResolution = 512;
const char* const kCsvItem = "csv";

QString formatNumber(double v, int precision = 4) {
    return std::isfinite(v) ? QString::number(v, 'f', precision) : QStringLiteral("–");
}

}  // namespace

Flow2DPage::Flow2DPage(QWidget* parent) : QWidget(parent) {
    m_host = std::make_unique<WorkerHost<Flow2DWorker>>(QStringLiteral("flowscope-2d-worker"));
    m_reconfigureTimer = new QTimer(this);
    m_reconfigureTimer->setSingleShot(true);
    m_reconfigureTimer->setInterval(250);  // settle spin-box typing before rebuilding the flow
    m_animation = new QTimer(this);
    m_animation->setInterval(33);
    m_export = new ExportProgress(this);
    m_editor = new LayerEditor(
        [this](const Flow2DLayerEdit& edit, bool coalesce) {
            if (coalesce)
                m_host->postNewest(&Flow2DWorker::postLayerEdit, edit, &Flow2DWorker::serveLayerEdit);
            else
                m_host->post([edit](Flow2DWorker& w) { w.applyLayerEdit(edit); });
        },
        this);
    buildUi();
    connectBuilder();
    connect(m_reconfigureTimer, &QTimer::timeout, this, &Flow2DPage::reconfigure);
    connect(m_animation, &QTimer::timeout, this, &Flow2DPage::onAnimationTick);
    Flow2DWorker* w = m_host->worker();
    connect(w, &Flow2DWorker::configured, this, &Flow2DPage::onConfigured);
    connect(w, &Flow2DWorker::progress, this, &Flow2DPage::onProgress);
    connect(w, &Flow2DWorker::viewReady, this, &Flow2DPage::onView);
    connect(w, &Flow2DWorker::ledgerReady, this, &Flow2DPage::onLedger);
    connect(w, &Flow2DWorker::failed, this, &Flow2DPage::onFailed);
    connect(w, &Flow2DWorker::animationProgress, this, &Flow2DPage::onAnimationProgress);
    connect(w, &Flow2DWorker::animationExported, this, &Flow2DPage::onAnimationExported);
    connect(w, &Flow2DWorker::modelSnapshot, this, &Flow2DPage::onModelSnapshot);
    connect(w, &Flow2DWorker::recordingChanged, this, [this](bool recording, int frames) {
        m_recordedFrames = frames;
        if (!recording && m_recordButton->isChecked()) {
            const QSignalBlocker block(m_recordButton);  // the worker stopped (a new flow, or full)
            m_recordButton->setChecked(false);
        }
        m_recordButton->setText(recording ? tr("● Recording (%1)").arg(frames) : tr("Record"));
        m_saveRecordingButton->setEnabled(!recording && frames >= 2);
    });
    connect(w, &Flow2DWorker::saved, this,
            [this](const QString& path) { setStatus(tr("Saved the model to %1").arg(path)); });
}

Flow2DPage::~Flow2DPage() { shutdown(); }

Flow2DWorker* Flow2DPage::worker() const { return m_host->worker(); }

void Flow2DPage::shutdown() {
    m_animation->stop();
    m_reconfigureTimer->stop();
    m_host->shutdown();
}

void Flow2DPage::buildUi() {
    QWidget* builder = buildBuilder();
    QWidget* maps = buildMaps();
    QWidget* strip = buildStepStrip();
    m_centreSplitter = new QSplitter(Qt::Vertical);
    m_centreSplitter->addWidget(maps);
    m_centreSplitter->addWidget(strip);
    m_centreSplitter->addWidget(m_loss);
    m_centreSplitter->setStretchFactor(0, 5);
    m_centreSplitter->setStretchFactor(1, 1);
    m_centreSplitter->setStretchFactor(2, 2);

    m_mainSplitter = new QSplitter(Qt::Horizontal);
    m_mainSplitter->addWidget(builder);
    m_mainSplitter->addWidget(m_centreSplitter);
    auto* ledgerBox = new QGroupBox(tr("Where the density comes from"));
    auto* ledgerLayout = new QVBoxLayout(ledgerBox);
    ledgerLayout->setContentsMargins(4, 4, 4, 4);
    ledgerLayout->addWidget(m_ledger);
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(m_teaching);
    right->addWidget(ledgerBox);
    right->addWidget(buildLayerBox());
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setStretchFactor(2, 2);
    m_mainSplitter->addWidget(right);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setStretchFactor(2, 0);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_mainSplitter);

    connect(m_density, &ui::DensityView::drawnPointsChanged, this, [this](int count) {
        m_drawnCount->setText(tr("%n point(s)", nullptr, count));
        if (settings().target == "drawn") updateTransport();
    });
    connect(m_brush, &QSlider::valueChanged, this, [this](int v) { m_density->setBrushRadius(0.05 * v); });
    connect(m_erase, &QToolButton::toggled, m_density, &ui::DensityView::setEraseMode);
    m_density->setBrushRadius(0.05 * m_brush->value());

    // Manual mode: a drag of the shown layer's handles, or a typed value, edits that layer.
    connect(m_density, &ui::DensityView::layerDragStarted, this,
            [this](const LayerGeometry& before) { m_editor->beginDrag(m_view.step, before); });
    connect(m_density, &ui::DensityView::layerDragged, this, [this](const LayerGeometry& g, bool finished) {
        if (finished)
            m_editor->endDrag(g);
        else
            m_editor->drag(g);
    });
    connect(m_layerTable, &ui::LayerTable::layerEdited, this, [this](int layer, const LayerGeometry& g) {
        if (!canEditLayers() || layer < 1 || layer > static_cast<int>(m_view.layerGeometries.size())) return;
        m_editor->edit(layer, m_view.layerGeometries[static_cast<size_t>(layer - 1)], g);
    });
}

QWidget* Flow2DPage::buildLayerBox() {
    m_layerTable = new ui::LayerTable;
    m_layerBox = new QGroupBox(tr("Layers set by hand"));
    auto* layout = new QVBoxLayout(m_layerBox);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* recording = new QHBoxLayout;  // the buttons come from buildMaps
    recording->addWidget(m_recordButton);
    recording->addWidget(m_saveRecordingButton);
    recording->addStretch(1);
    layout->addLayout(recording);
    layout->addWidget(m_layerTable);
    m_layerBox->setVisible(false);
    return m_layerBox;
}

QWidget* Flow2DPage::buildBuilder() {
    // Target, flow and optimiser settings, the draw tools, transport and the counters (left).
    auto* builder = new QWidget;
    auto* form = new QFormLayout;
    m_target = new QComboBox;
    for (const char* e : {"U1", "U2", "U3", "U4"}) m_target->addItem(tr("Energy %1").arg(e), e);
    m_target->addItem(tr("Two moons"), "moons");
    m_target->addItem(tr("Concentric circles"), "circles");
    m_target->addItem(tr("8 Gaussians"), "8gaussians");
    m_target->addItem(tr("Checkerboard"), "checkerboard");
    m_target->addItem(tr("Pinwheel"), "pinwheel");
    m_target->addItem(tr("Two spirals"), "spirals");
    m_target->addItem(tr("Points I draw"), "drawn");
    m_target->addItem(tr("Points from a CSV file…"), kCsvItem);
    m_target->setToolTip(
        tr("Energies are fitted by reverse KL (sampling from the flow); data sets by maximum likelihood."));
    form->addRow(tr("Target"), m_target);
    m_flow = new QComboBox;
    for (const auto& kind : kFlowKinds)
        m_flow->addItem(QCoreApplication::translate("FlowKind", kind.label), QString::fromUtf8(kind.name));
    form->addRow(tr("Flow"), m_flow);
    m_base = new QComboBox;
    // The builder offers two of kBaseKinds (the learned diagonal Gaussian is the CLI's).
    m_base->addItem(tr("Gaussian N(0, I)"), QString::fromUtf8(kindName(kBaseKinds, BaseKind::Standard)));
    m_base->addItem(tr("Uniform on [−2, 2]²"), QString::fromUtf8(kindName(kBaseKinds, BaseKind::Uniform)));
    m_base->setToolTip(
        tr("The base density q0 that the layers transform (Rezende & Mohamed's Figure 1 shows "
           "both). A uniform base gives zero density outside its square, so it fits energies "
           "and hand-set layers, not data sets."));
    form->addRow(tr("Base"), m_base);
    m_layers = new QSpinBox;
    m_layers->setRange(1, 128);
    m_layers->setToolTip(tr("Number of layers K"));
    form->addRow(tr("Layers K"), m_layers);
    m_hidden = new QSpinBox;
    m_hidden->setRange(4, 512);
    m_hidden->setToolTip(tr("Width of the coupling layers' conditioner networks"));
    form->addRow(tr("Hidden width"), m_hidden);
    m_actnorm = new QCheckBox(tr("ActNorm before each coupling"));
    m_actnorm->setToolTip(
        tr("Glow's per-dimension scale and shift, initialised from the first batch "
           "(zero mean, unit variance); coupling flows only"));
    form->addRow(m_actnorm);
    m_batch = new QSpinBox;
    m_batch->setRange(8, 8192);
    form->addRow(tr("Batch"), m_batch);
    m_lr = new QDoubleSpinBox;
    m_lr->setDecimals(5);
    m_lr->setRange(1e-5, 0.1);
    m_lr->setSingleStep(1e-4);
    form->addRow(tr("Learning rate"), m_lr);
    m_seed = new QSpinBox;
    m_seed->setRange(0, 1'000'000);
    form->addRow(tr("Seed"), m_seed);
    m_device = new QComboBox;
    m_device->addItem(tr("Auto (CPU for 2D)"), "auto");
    m_device->addItem(tr("CPU"), "cpu");
    m_device->addItem(tr("CUDA"), "cuda");
    form->addRow(tr("Device"), m_device);
    m_steps = new QSpinBox;
    m_steps->setRange(10, 1'000'000);
    m_steps->setSingleStep(500);
    form->addRow(tr("Steps"), m_steps);
    m_anneal = new QCheckBox(tr("Anneal β"));
    m_anneal->setToolTip(
        tr("Rezende & Mohamed §6.1: minimise E[log q + β_t U] with β_t = min(1, 0.01 + t/T). "
           "Without it, reverse KL locks onto one of U1's two modes."));
    m_annealSteps = new QSpinBox;
    m_annealSteps->setRange(0, 1'000'000);
    m_annealSteps->setSpecialValueText(tr("0.8 × steps"));
    m_annealSteps->setSingleStep(500);
    auto* annealRow = new QHBoxLayout;
    annealRow->addWidget(m_anneal);
    annealRow->addWidget(new QLabel(tr("T")));
    annealRow->addWidget(m_annealSteps, 1);
    form->addRow(annealRow);

    buildDrawTools();
    QGridLayout* transport = buildTransport();

    m_counter = new QLabel;
    m_counter->setTextFormat(Qt::RichText);
    m_stats = new QLabel;
    m_stats->setTextFormat(Qt::RichText);
    m_status = new QLabel;
    m_status->setWordWrap(true);

    auto* builderLayout = new QVBoxLayout(builder);
    builderLayout->addLayout(form);
    builderLayout->addWidget(m_drawTools);
    builderLayout->addLayout(transport);
    builderLayout->addWidget(m_counter);
    builderLayout->addWidget(m_stats);
    builderLayout->addWidget(m_status);
    builderLayout->addStretch(1);
    auto* builderScroll = new QScrollArea;
    builderScroll->setWidget(builder);
    builderScroll->setWidgetResizable(true);
    builderScroll->setMinimumWidth(250);
    return builderScroll;
}

void Flow2DPage::buildDrawTools() {
    // Brush, eraser and Clear for "Points I draw" (shown only for that target).
    m_drawTools = new QGroupBox(tr("Draw"));
    auto* drawLayout = new QFormLayout(m_drawTools);
    m_brush = new QSlider(Qt::Horizontal);
    m_brush->setRange(1, 20);
    m_brush->setValue(4);
    m_brush->setToolTip(tr("Brush radius"));
    drawLayout->addRow(tr("Brush"), m_brush);
    m_erase = new QToolButton;
    m_erase->setText(tr("Erase"));
    m_erase->setCheckable(true);
    m_erase->setToolTip(tr("Erase points (the right mouse button erases too)"));
    auto* clear = new QPushButton(tr("Clear"));
    m_drawnCount = new QLabel;
    auto* drawRow = new QHBoxLayout;
    drawRow->addWidget(m_erase);
    drawRow->addWidget(clear);
    drawRow->addWidget(m_drawnCount, 1);
    drawLayout->addRow(drawRow);
    connect(clear, &QPushButton::clicked, this, [this] { m_density->clearDrawnPoints(); });
}

QGridLayout* Flow2DPage::buildTransport() {
    // Train / Pause / Resume / Step / Reset, with their shortcuts in the tooltips.
    m_trainButton = new QPushButton(tr("Train"));
    m_pauseButton = new QPushButton(tr("Pause"));
    m_resumeButton = new QPushButton(tr("Resume"));
    m_stepButton = new QPushButton(tr("Step"));
    m_resetButton = new QPushButton(tr("Reset"));
    m_trainButton->setToolTip(tr("Train from the current parameters (Ctrl+Return)"));
    m_pauseButton->setToolTip(tr("Pause training (Space)"));
    m_resumeButton->setToolTip(tr("Resume training (Space)"));
    m_stepButton->setToolTip(tr("One optimiser step (Ctrl+.)"));
    m_resetButton->setToolTip(tr("New random initialisation with the current settings (Ctrl+R)"));
    connect(m_trainButton, &QPushButton::clicked, this, &Flow2DPage::train);
    connect(m_pauseButton, &QPushButton::clicked, this, &Flow2DPage::pause);
    connect(m_resumeButton, &QPushButton::clicked, this, &Flow2DPage::resume);
    connect(m_stepButton, &QPushButton::clicked, this, &Flow2DPage::step);
    connect(m_resetButton, &QPushButton::clicked, this, &Flow2DPage::reset);
    auto* transport = new QGridLayout;
    transport->addWidget(m_trainButton, 0, 0, 1, 2);
    transport->addWidget(m_pauseButton, 1, 0);
    transport->addWidget(m_resumeButton, 1, 1);
    transport->addWidget(m_stepButton, 2, 0);
    transport->addWidget(m_resetButton, 2, 1);
    return transport;
}

QWidget* Flow2DPage::buildMaps() {
    // The exact density with its overlay toggles, and the two log-det maps (centre, top).
    m_density = new ui::DensityView;
    m_layerLogdet = new ui::LogdetView;
    m_cumulativeLogdet = new ui::LogdetView;
    m_strip = new ui::StepStrip;
    m_loss = new ui::LossPlot;
    m_teaching = new ui::TeachingPanel;
    m_ledger = new ui::LedgerTable;
    connect(m_density, &ui::DensityView::pointProbed, this, &Flow2DPage::probe);
    m_showParticles = new QCheckBox(tr("Particles"));
    m_showGrid = new QCheckBox(tr("Warped grid"));
    m_showTarget = new QCheckBox(tr("Target"));
    m_showGeometry = new QCheckBox(tr("Layer geometry"));
    for (auto* box : {m_showParticles, m_showGrid, m_showTarget, m_showGeometry}) box->setChecked(true);
    connect(m_showParticles, &QCheckBox::toggled, m_density, &ui::DensityView::setShowParticles);
    connect(m_showGrid, &QCheckBox::toggled, m_density, &ui::DensityView::setShowGridLines);
    connect(m_showTarget, &QCheckBox::toggled, m_density, &ui::DensityView::setShowTarget);
    connect(m_showGeometry, &QCheckBox::toggled, m_density, &ui::DensityView::setShowGeometry);
    auto* overlays = new QHBoxLayout;
    overlays->addWidget(new QLabel(tr("Show:")));
    for (auto* box : {m_showParticles, m_showGrid, m_showTarget, m_showGeometry}) overlays->addWidget(box);
    overlays->addStretch(1);
    m_manualButton = new QToolButton;
    m_manualButton->setText(tr("Edit by hand"));
    m_manualButton->setCheckable(true);
    m_manualButton->setToolTip(
        tr("Drag the handles of the layer shown (select a step 1…K) and type parameters in the table; "
           "planar and radial flows (Ctrl+M; Ctrl+Z undoes)"));
    connect(m_manualButton, &QToolButton::toggled, this, &Flow2DPage::setManualMode);
    overlays->addWidget(m_manualButton);
    m_recordButton = new QToolButton;
    m_recordButton->setText(tr("Record"));
    m_recordButton->setCheckable(true);
    m_recordButton->setToolTip(tr("Record every drag and typed value, to save them as an animated GIF"));
    connect(m_recordButton, &QToolButton::toggled, this, &Flow2DPage::setRecording);
    m_saveRecordingButton = new QToolButton;
    m_saveRecordingButton->setText(tr("Save recording…"));
    m_saveRecordingButton->setEnabled(false);
    connect(m_saveRecordingButton, &QToolButton::clicked, this, [this] {
        QSettings s;
        QString path = QFileDialog::getSaveFileName(this, tr("Save recording"), s.value("window/exportDir").toString(),
                                                    tr("Animated GIF (*.gif)"));
        if (path.isEmpty()) return;
        if (QFileInfo(path).suffix().isEmpty()) path += ".gif";
        s.setValue("window/exportDir", QFileInfo(path).absolutePath());
        Flow2DAnimationRequest r;
        r.path = path;
        exportRecording(r);
    });

    auto* densityColumn = new QWidget;
    auto* densityLayout = new QVBoxLayout(densityColumn);
    densityLayout->setContentsMargins(0, 0, 0, 0);
    densityLayout->addLayout(overlays);
    densityLayout->addWidget(m_density, 1);
    auto* logdets = new QSplitter(Qt::Vertical);
    logdets->addWidget(m_layerLogdet);
    logdets->addWidget(m_cumulativeLogdet);
    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(densityColumn);
    top->addWidget(logdets);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 1);
    top->setSizes({640, 330});  // the log-det column wide enough for square maps and their titles
    return top;
}

QWidget* Flow2DPage::buildStepStrip() {
    // Every step's thumbnail and the animation controls (centre, middle).
    auto* prev = new QToolButton;
    prev->setText(QStringLiteral("◀"));
    prev->setToolTip(tr("Previous step (Left)"));
    m_playButton = new QToolButton;
    m_playButton->setText(tr("Play"));
    m_playButton->setCheckable(true);
    m_playButton->setToolTip(tr("Animate z₀ → z_K with in-between frames (P)"));
    auto* next = new QToolButton;
    next->setText(QStringLiteral("▶"));
    next->setToolTip(tr("Next step (Right)"));
    m_speed = new QSlider(Qt::Horizontal);
    m_speed->setRange(1, 40);
    m_speed->setValue(10);
    m_speed->setToolTip(tr("Animation speed (tenths of a layer per second… to 4 layers per second)"));
    m_speed->setMaximumWidth(160);
    m_frameLabel = new QLabel;
    connect(prev, &QToolButton::clicked, this, &Flow2DPage::previousStep);
    connect(next, &QToolButton::clicked, this, &Flow2DPage::nextStep);
    connect(m_playButton, &QToolButton::clicked, this, &Flow2DPage::togglePlay);
    auto* animation = new QHBoxLayout;
    animation->addWidget(prev);
    animation->addWidget(m_playButton);
    animation->addWidget(next);
    animation->addWidget(new QLabel(tr("Speed")));
    animation->addWidget(m_speed);
    animation->addWidget(m_frameLabel, 1);
    auto* stripBox = new QWidget;
    auto* stripLayout = new QVBoxLayout(stripBox);
    stripLayout->setContentsMargins(0, 0, 0, 0);
    stripLayout->addWidget(m_strip, 1);
    stripLayout->addLayout(animation);
    connect(m_strip, &ui::StepStrip::stepSelected, this, &Flow2DPage::selectStep);
    return stripBox;
}

void Flow2DPage::updateCouplingOptions() {
    // Planar and radial layers have no conditioner network and take no ActNorm.
    const auto kind = flowKindFromName(m_flow->currentData().toString().toStdString());
    const bool coupling = kind && flowKindInfo(*kind).coupling;
    m_hidden->setEnabled(coupling);
    m_actnorm->setEnabled(coupling);
}

void Flow2DPage::connectBuilder() {
    auto changed = [this] {
        if (!m_blockBuilder) scheduleReconfigure();
    };
    connect(m_target, &QComboBox::activated, this, [this, changed](int index) {
        if (m_target->itemData(index).toString() == kCsvItem) {
            const QString path = QFileDialog::getOpenFileName(this, tr("Points from a CSV file"), m_csvPath,
                                                              tr("CSV files (*.csv *.txt);;All files (*)"));
            if (path.isEmpty()) {
                m_blockBuilder = true;
                m_target->setCurrentIndex(m_target->findData(m_applied.target));
                m_blockBuilder = false;
                return;
            }
            m_csvPath = path;
            m_target->setItemText(index, tr("CSV: %1").arg(QFileInfo(path).fileName()));
        }
        updateDrawTools();
        changed();
    });
    connect(m_flow, &QComboBox::currentIndexChanged, this, changed);
    connect(m_base, &QComboBox::currentIndexChanged, this, changed);
    connect(m_flow, &QComboBox::currentIndexChanged, this, &Flow2DPage::updateCouplingOptions);
    for (auto* spin : {m_layers, m_hidden, m_batch, m_seed, m_steps, m_annealSteps})
        connect(spin, &QSpinBox::valueChanged, this, changed);
    connect(m_lr, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_device, &QComboBox::currentIndexChanged, this, changed);
    connect(m_anneal, &QCheckBox::toggled, this, changed);
    connect(m_actnorm, &QCheckBox::toggled, this, changed);
    connect(m_anneal, &QCheckBox::toggled, m_annealSteps, &QWidget::setEnabled);
}

Flow2DSettings Flow2DPage::settings() const {
    Flow2DSettings s;
    s.target = m_target->currentData().toString();
    if (s.target == kCsvItem) s.target = m_csvPath;
    if (s.target == "drawn") s.drawnPoints = m_density->drawnPoints();
    s.model.flow = flowKindFromName(m_flow->currentData().toString().toStdString()).value_or(FlowKind::Planar);
    s.model.layers = m_layers->value();
    s.model.base =
        kindFromName(kBaseKinds, m_base->currentData().toString().toStdString()).value_or(BaseKind::Standard);
    s.model.hidden = m_hidden->value();
    s.model.actnorm = m_actnorm->isChecked();
    s.model.seed = static_cast<uint64_t>(m_seed->value());
    s.training.batch = m_batch->value();
    s.training.learningRate = m_lr->value();
    s.training.device = m_device->currentData().toString().toStdString();
    s.training.steps = m_steps->value();
    s.training.anneal = m_anneal->isChecked();
    s.training.annealSteps = m_annealSteps->value();
    if (s == m_demoSettings) {
        // A demo's or Figure 1 preset's starting parameters, while the builder still shows its settings.
        s.initialModel = m_demoSettings.initialModel;
        s.handSetLayers = m_demoSettings.handSetLayers;
    }
    return s;
}

void Flow2DPage::applySettings(const Flow2DSettings& s) {
    m_blockBuilder = true;
    int targetIndex = m_target->findData(s.target);
    if (targetIndex < 0) {
        m_csvPath = s.target;
        targetIndex = m_target->findData(kCsvItem);
        m_target->setItemText(targetIndex, tr("CSV: %1").arg(QFileInfo(s.target).fileName()));
    }
    m_target->setCurrentIndex(targetIndex);
    m_flow->setCurrentIndex(std::max(0, m_flow->findData(QString::fromUtf8(flowKindName(s.model.flow)))));
    m_layers->setValue(static_cast<int>(s.model.layers));
    m_base->setCurrentIndex(std::max(0, m_base->findData(QString::fromUtf8(kindName(kBaseKinds, s.model.base)))));
    m_hidden->setValue(static_cast<int>(s.model.hidden));
    m_actnorm->setChecked(s.model.actnorm);
    m_seed->setValue(static_cast<int>(s.model.seed));
    m_batch->setValue(static_cast<int>(s.training.batch));
    m_lr->setValue(s.training.learningRate);
    m_device->setCurrentIndex(std::max(0, m_device->findData(QString::fromStdString(s.training.device))));
    m_steps->setValue(static_cast<int>(s.training.steps));
    m_anneal->setChecked(s.training.anneal);
    m_annealSteps->setValue(static_cast<int>(s.training.annealSteps));
    m_annealSteps->setEnabled(s.training.anneal);
    updateCouplingOptions();
    m_blockBuilder = false;
    updateDrawTools();
    reconfigure();
}

bool Flow2DPage::applyPreset(const QString& id) {
    const auto preset = findPreset(id);
    if (!preset) return false;
    m_demoSettings = preset->settings;  // its hand-set layers, if any, start the flow
    m_showTarget->setChecked(!preset->handSet);
    setManualMode(preset->handSet);
    applySettings(preset->settings);
    setStatus(tr("Preset: %1").arg(preset->title));
    return true;
}

void Flow2DPage::scheduleReconfigure() { m_reconfigureTimer->start(); }

void Flow2DPage::reconfigure() {
    m_reconfigureTimer->stop();
    const Flow2DSettings s = settings();
    if (s.target == "drawn" && s.drawnPoints.size() < 4) {
        // Nothing to train on yet: keep the canvas open and wait for points.
        m_applied = s;
        m_configuring = false;
        updateTransport();
        setStatus(tr("Draw points with the mouse (right button erases), then press Train."));
        return;
    }
    m_configuring = true;
    m_applied = s;
    m_loss->clear();
    updateTransport();
    m_host->raise(&Flow2DWorker::requestPause);  // a running chunk stops at its next step
    Flow2DSettings sent = s;
    sent.configuration = ++m_configurationSerial;
    m_host->post([sent](Flow2DWorker& w) { w.configure(sent); });
}

void Flow2DPage::reset() {
    m_animation->stop();
    m_playButton->setChecked(false);
    reconfigure();
}

void Flow2DPage::train() {
    const Flow2DSettings s = settings();
    if (s != m_applied || m_configuring) {
        // New settings (or new drawn points): rebuild first, then train.
        reconfigure();
        if (!m_configuring) return;
    }
    setStatus(QString());
    m_host->post(&Flow2DWorker::train);
}

void Flow2DPage::pause() {
    m_host->raise(&Flow2DWorker::requestPause);
    m_host->post(&Flow2DWorker::pause);
}
void Flow2DPage::resume() { m_host->post(&Flow2DWorker::train); }
void Flow2DPage::step() { m_host->post(&Flow2DWorker::stepOnce); }

void Flow2DPage::selectStep(int k) {
    const int K = std::max(0, m_view.layers);
    m_step = std::clamp(k, 0, K);
    m_fraction = 0;
    m_strip->setSelected(m_step);
    requestView();
}

void Flow2DPage::nextStep() { selectStep(m_step + 1); }
void Flow2DPage::previousStep() { selectStep(m_step - 1); }

bool Flow2DPage::isPlaying() const { return m_animation->isActive(); }

void Flow2DPage::togglePlay() {
    if (m_animation->isActive()) {
        m_animation->stop();
    } else {
        if (m_step >= m_view.layers) m_step = 0, m_fraction = 0;
        m_animation->start();
    }
    m_playButton->setChecked(m_animation->isActive());
    m_playButton->setText(m_animation->isActive() ? tr("Stop") : tr("Play"));
    updateManualMode();
}

void Flow2DPage::onAnimationTick() {
    // speed: tenths of a layer per second.
    const double layersPerSecond = 0.1 * m_speed->value();
    m_fraction += layersPerSecond * m_animation->interval() / 1000.0;
    while (m_fraction >= 1.0) {
        m_fraction -= 1.0;
        ++m_step;
    }
    if (m_step >= m_view.layers) {
        m_step = m_view.layers;
        m_fraction = 0;
        togglePlay();
    }
    m_strip->setSelected(m_step);
    requestView();
}

void Flow2DPage::probe(double x, double y) {
    if (m_fraction > 0) {
        setStatus(tr("Stop on a step to see where a point's density comes from."));
        return;
    }
    Flow2DLedgerRequest r;
    r.step = m_step;
    r.x = x;
    r.y = y;
    const GridSpec& g = m_view.logDensity.spec;
    r.square = 0.04 * std::max(g.x1 - g.x0, 1e-3);  // visible on the view, small enough to be linear
    m_host->post([r](Flow2DWorker& w) { w.probe(r); });
}

void Flow2DPage::onLedger(const Flow2DLedger& ledger) {
    if (ledger.step != m_step || m_fraction > 0 || ledger.ledger.steps.empty()) return;  // stale
    m_probedStep = ledger.step;
    m_ledger->setLedger(ledger.ledger);
    m_density->setProbe(ledger.ledger.steps.back().outline, ledger.x, ledger.y);
    emit ledgerShown();
}

void Flow2DPage::clearProbe() {
    if (m_probedStep < 0) return;
    m_probedStep = -1;
    m_ledger->clear();
    m_density->clearProbe();
}

void Flow2DPage::requestView() {
    if (m_step != m_probedStep || m_fraction > 0) clearProbe();
    Flow2DViewRequest r;
    r.step = m_step;
    r.fraction = m_fraction;
    const double side = std::min(m_density->width(), m_density->height()) * m_density->devicePixelRatioF();
    r.resolution = std::clamp(static_cast<int>(side) / 16 * 16, kMinViewResolution, kMaxViewResolution);
    r.particles = 800;
    r.serial = ++m_serial;
    m_frameLabel->setText(stepTitle(m_step, m_fraction));
    m_host->postNewest(&Flow2DWorker::postViewRequest, r, &Flow2DWorker::serveViewRequest);
}

QString Flow2DPage::layerKindText(const QString& kind) {
    if (kind == "planar") return tr("planar");
    if (kind == "radial") return tr("radial");
    if (kind == "affine") return tr("affine coupling");
    if (kind == "additive") return tr("additive coupling");
    if (kind == "actnorm") return tr("ActNorm");
    if (kind == "permute") return tr("permutation");
    return kind;
}

QString Flow2DPage::stepTitle(int k, double t) const {
    if (t > 0 && k < m_view.layerKinds.size())
        return tr("between q%1 and q%2 (%3 % of layer %2, %4)")
            .arg(k)
            .arg(k + 1)
            .arg(qRound(100 * t))
            .arg(layerKindText(m_view.layerKinds.value(k)));
    if (k == 0) return tr("q0: the base density %1").arg(baseText());
    return tr("q%1 after layer %1 (%2)").arg(k).arg(layerKindText(m_view.layerKinds.value(k - 1)));
}

void Flow2DPage::onConfigured(const Flow2DTargetInfo& info) {
    if (info.configuration != m_configurationSerial) return;  // a newer configuration is on its way
    m_configuring = false;
    m_editor->clear();
    clearProbe();
    m_info = info;
    const int layers = static_cast<int>(sequenceLength(m_applied.model));  // ActNorm layers count too
    m_step = layers;  // open on the final density q_K: what the flow has learned
    if (m_pendingStep >= 0) m_step = std::min(m_pendingStep, layers), m_pendingStep = -1;
    m_fraction = 0;
    m_density->setViewRange(info.bounds[0], info.bounds[1], info.bounds[2], info.bounds[3]);
    m_density->setContours(info.contours);
    if (m_applied.target != "drawn") m_density->setDataPoints(info.dataPoints);
    m_strip->setSteps(layers + 1);
    m_strip->setSelected(m_step);
    m_teaching->showLayer(baseTeachingKind(), 0, layers);
    m_lastShownLayer.clear();
    if (info.isEnergy) m_teaching->showEnergyNote(info.name);
    if (!info.warnings.isEmpty())
        setStatus(tr("Some lines of the file were skipped: %1").arg(info.warnings.join("; ")), true);
    else if (manualMode() && handSettableFlow())
        setStatus(tr("%1 %2 layers, set by hand: select a step 1…%1 and drag its handles, or press Train.")
                      .arg(m_applied.model.layers)
                      .arg(layerKindText(QString::fromUtf8(flowKindName(m_applied.model.flow)))));
    else
        setStatus(tr("Ready: %1 with %2 %3 layers. Press Train.")
                      .arg(info.name)
                      .arg(m_applied.model.layers)
                      .arg(layerKindText(QString::fromUtf8(flowKindName(m_applied.model.flow)))));
    updateTransport();
    requestView();
}

void Flow2DPage::onProgress(const Flow2DProgress& p) {
    const bool wasRunning = m_progress.running;
    m_progress = p;
    m_counter->setText(tr("<b>step %1</b> / %2 · %3 steps/s")
                           .arg(p.step)
                           .arg(p.totalSteps)
                           .arg(QString::number(p.stepsPerSecond, 'f', 0)));
    QString stats = tr("loss %1").arg(formatNumber(p.loss));
    if (m_info.isEnergy) {
        stats += tr("<br>KL(q‖p) %1 · ESS %2").arg(formatNumber(p.kl), formatNumber(p.ess, 3));
        if (p.beta < 1) stats += tr("<br>annealing β = %1").arg(formatNumber(p.beta, 3));
    } else {
        stats += tr("<br>NLL %1 nats").arg(formatNumber(p.nll));
    }
    if (p.rolledBack > 0)
        stats += tr("<br>%n step(s) rolled back (non-finite)", nullptr, static_cast<int>(p.rolledBack));
    m_stats->setText(stats);
    if (p.step > 0) m_loss->addPoint(static_cast<int>(p.step), p.loss, p.kl, p.ess, p.beta, p.nll);
    if (wasRunning != p.running) emit trainingStateChanged(p.running);
    updateTransport();
    emit statusChanged(statusText());
}

void Flow2DPage::onView(const Flow2DView& view) {
    m_view = view;
    m_density->setLogDensity(view.logDensity);
    m_density->setParticles(view.particles);
    m_density->setGridLines(view.gridLines);
    m_density->setLayerGeometry(view.shape);
    if (!m_layerBox->isHidden()) {
        m_layerTable->setLayers(view.layerGeometries);
        m_layerTable->setCurrentLayer(view.fraction > 0 ? 0 : view.step);
    }
    m_density->setTitle(stepTitle(view.step, view.fraction));
    m_frameLabel->setText(stepTitle(view.step, view.fraction));
    const int layer = view.fraction > 0 ? view.step + 1 : view.step;
    if (layer >= 1 && !view.layerLogdet.values.empty())
        m_layerLogdet->setField(view.layerLogdet, tr("Layer %1: log|det J|").arg(layer));
    else
        m_layerLogdet->setField(ScalarGrid{}, tr("q0: no layer yet"));
    m_cumulativeLogdet->setField(view.cumulativeLogdet, view.step == 1 ? tr("Layer 1: Σ log|det J|")
                                                        : view.step > 0 ? tr("Layers 1–%1: Σ log|det J|").arg(view.step)
                                                                        : tr("Σ log|det J| (none yet)"));
    QStringList names;
    for (int i = 0; i < view.layerKinds.size(); ++i)
        names << tr("layer %1: %2").arg(i + 1).arg(layerKindText(view.layerKinds[i]));
    m_strip->setLayerNames(QStringList{tr("q0: base %1").arg(baseText())} + names);
    for (const auto& [k, image] : view.thumbnails) m_strip->setThumbnail(k, image);
    const QString kind = layer >= 1 ? view.layerKinds.value(layer - 1) : baseTeachingKind();
    const QString key = QString("%1/%2").arg(kind).arg(layer);
    if (key != m_lastShownLayer) {
        m_teaching->showLayer(kind, layer, view.layers);
        if (m_info.isEnergy) m_teaching->showEnergyNote(m_info.name);
        m_lastShownLayer = key;
    }
}

void Flow2DPage::onFailed(const QString& message) {
    if (m_configuring) m_configuring = false, m_pendingStep = -1;
    setStatus(message, true);
    updateTransport();
}

void Flow2DPage::updateDrawTools() {
    const bool drawing = m_target->currentData().toString() == "drawn";
    m_drawTools->setVisible(drawing);
    m_density->setDrawMode(drawing && !m_progress.running);
    if (!drawing) m_density->setDataPoints(m_info.dataPoints);
}

void Flow2DPage::updateTransport() {
    const bool running = m_progress.running;
    const bool ready = !m_configuring;
    const bool needPoints = settings().target == "drawn" && m_density->drawnPoints().size() < 4;
    m_trainButton->setEnabled(ready && !running && !needPoints);
    m_pauseButton->setEnabled(running);
    m_resumeButton->setEnabled(ready && !running && m_progress.step > 0 && m_applied == settings());
    m_stepButton->setEnabled(ready && !running && !needPoints);
    m_resetButton->setEnabled(!m_configuring);
    updateManualMode();
    if (m_target->currentData().toString() == "drawn") m_density->setDrawMode(!running);
}

void Flow2DPage::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    emit statusChanged(statusText());
}

QString Flow2DPage::statusText() const {
    if (m_progress.running) return tr("Training: step %1 of %2").arg(m_progress.step).arg(m_progress.totalSteps);
    return m_status->text();
}

bool Flow2DPage::handSettableFlow() const {
    return m_applied.model.flow == FlowKind::Planar || m_applied.model.flow == FlowKind::Radial;
}

QString Flow2DPage::baseTeachingKind() const {
    return m_applied.model.base == BaseKind::Uniform ? QStringLiteral("base-uniform") : QStringLiteral("base");
}

QString Flow2DPage::baseText() const {
    return m_applied.model.base == BaseKind::Uniform ? tr("U([−2, 2]²)") : tr("N(0, I)");
}

void Flow2DPage::setManualMode(bool on) {
    if (m_manualButton->isChecked() != on) {
        m_manualButton->setChecked(on);  // comes back here through toggled
        return;
    }
    m_layerBox->setVisible(on);
    if (!on && isRecording()) setRecording(false);
    if (on) {
        m_layerTable->setLayers(m_view.layerGeometries);
        m_layerTable->setCurrentLayer(m_fraction > 0 ? 0 : m_step);
        setStatus(handSettableFlow()
                      ? tr("Manual mode: select a step 1…K and drag its layer's handles, or type values in "
                           "the table. Ctrl+Z undoes.")
                      : tr("Manual mode sets planar and radial layers; choose one of those flows."));
    }
    updateManualMode();
    emit manualModeChanged(on);
}

bool Flow2DPage::manualMode() const { return m_manualButton->isChecked(); }

bool Flow2DPage::canEditLayers() const {
    return manualMode() && handSettableFlow() && !m_configuring && !m_progress.running && !m_animation->isActive() &&
           m_fraction == 0;
}

void Flow2DPage::updateManualMode() {
    const bool editable = canEditLayers();
    m_density->setHandlesEnabled(editable);
    m_layerTable->setEditable(editable);
}

void Flow2DPage::undo() {
    if (canEditLayers() && !m_editor->dragging()) m_editor->undoStack()->undo();
}

void Flow2DPage::redo() {
    if (canEditLayers() && !m_editor->dragging()) m_editor->undoStack()->redo();
}

QUndoStack* Flow2DPage::undoStack() const { return m_editor->undoStack(); }

void Flow2DPage::setRecording(bool on) {
    if (m_recordButton->isChecked() != on) {
        m_recordButton->setChecked(on);  // comes back here through toggled
        return;
    }
    m_host->post([on](Flow2DWorker& w) { w.setRecording(on); });
}

bool Flow2DPage::isRecording() const { return m_recordButton->isChecked(); }

void Flow2DPage::exportRecording(const Flow2DAnimationRequest& request) {
    if (!m_export->start(tr("Rendering %1 recorded frames…").arg(m_recordedFrames), std::max(1, m_recordedFrames),
                         request.cancel)) {
        setStatus(tr("An animation is being exported already."), true);
        return;
    }
    m_host->post([request](Flow2DWorker& w) { w.exportRecording(request); });
}

bool Flow2DPage::exportView(const QString& path) {
    const bool ok = m_density->exportImage(path, 1200, 1200);
    setStatus(ok ? tr("Exported the view to %1").arg(path) : tr("Could not write %1").arg(path), !ok);
    return ok;
}

bool Flow2DPage::exportStrip(const QString& path) {
    const bool ok = m_strip->exportStrip(path, 160);
    setStatus(ok ? tr("Exported the step strip to %1").arg(path) : tr("Could not write %1").arg(path), !ok);
    return ok;
}

bool Flow2DPage::exportLossCsv(const QString& path) {
    const bool ok = m_loss->exportCsv(path);
    setStatus(ok ? tr("Exported the loss curve to %1").arg(path) : tr("Could not write %1").arg(path), !ok);
    return ok;
}

void Flow2DPage::saveModel(const QString& path) {
    m_host->post([path](Flow2DWorker& w) { w.saveModel(path); });
}

void Flow2DPage::exportAnimation(const Flow2DAnimationRequest& request) {
    if (!m_export->start(tr("Rendering %1 frames…").arg(request.frames), request.frames, request.cancel)) {
        setStatus(tr("An animation is being exported already."), true);
        return;
    }
    m_host->post([request](Flow2DWorker& w) { w.exportAnimation(request); });
}

bool Flow2DPage::isExportingAnimation() const { return m_export->running(); }

bool Flow2DPage::showsParticles() const { return m_showParticles->isChecked(); }
bool Flow2DPage::showsGridLines() const { return m_showGrid->isChecked(); }

void Flow2DPage::onAnimationProgress(int done, int total) { m_export->update(done, total); }

void Flow2DPage::onAnimationExported(const QString& path, int frames, qint64 bytes) {
    const QString line = m_export->finish(path, frames, bytes);
    if (!line.isEmpty()) setStatus(line);
    emit animationExported(path, frames, bytes);
}

QJsonObject Flow2DPage::demoState() const {
    const Flow2DSettings cur = settings();
    QJsonObject state{{"target", cur.target},
                      {"flow", QString::fromUtf8(flowKindName(cur.model.flow))},
                      {"layers", static_cast<qint64>(cur.model.layers)},
                      {"base", QString::fromUtf8(kindName(kBaseKinds, cur.model.base))},
                      {"hidden", static_cast<qint64>(cur.model.hidden)},
                      {"actnorm", cur.model.actnorm},
                      {"seed", static_cast<qint64>(cur.model.seed)},
                      {"batch", static_cast<qint64>(cur.training.batch)},
                      {"lr", cur.training.learningRate},
                      {"device", QString::fromStdString(cur.training.device)},
                      {"steps", static_cast<qint64>(cur.training.steps)},
                      {"anneal", cur.training.anneal},
                      {"anneal_steps", static_cast<qint64>(cur.training.annealSteps)}};
    if (cur.target == "drawn") {
        QJsonArray points;
        for (float v : cur.drawnPoints) points.append(static_cast<double>(v));
        state["drawn_points"] = points;
    }
    state["view"] = QJsonObject{{"step", m_step},
                                {"particles", m_showParticles->isChecked()},
                                {"grid", m_showGrid->isChecked()},
                                {"target", m_showTarget->isChecked()},
                                {"geometry", m_showGeometry->isChecked()},
                                {"manual", manualMode()},
                                {"speed", m_speed->value()}};
    return state;
}

void Flow2DPage::applyDemoState(const QJsonObject& state, const QByteArray& model) { prepareDemoState(state, model)(); }

std::function<void()> Flow2DPage::prepareDemoState(const QJsonObject& state, const QByteArray& model) {
    // Every field is checked before anything changes: a bad file leaves the page as it was.
    Flow2DSettings s = settings();
    s.initialModel.clear();
    s.handSetLayers.clear();
    auto text = [&](const char* key, const QString& fallback) { return jsonText(state, key, fallback); };
    auto number = [&](const char* key, double fallback, double lo, double hi) {
        return jsonNumber(state, key, fallback, lo, hi);
    };
    s.target = text("target", s.target);
    const QString flow = text("flow", QString::fromUtf8(flowKindName(s.model.flow)));
    const auto kind = flowKindFromName(flow.toStdString());
    if (!kind || m_flow->findData(flow) < 0)
        throw std::invalid_argument("unknown flow '" + flow.left(40).toStdString() + "'");
    s.model.flow = *kind;
    const QString base = text("base", QString::fromUtf8(kindName(kBaseKinds, s.model.base)));
    const auto baseKind = kindFromName(kBaseKinds, base.toStdString());
    if (!baseKind || m_base->findData(base) < 0)
        throw std::invalid_argument("unknown base '" + base.left(40).toStdString() +
                                    "' (expected standard or uniform)");
    s.model.base = *baseKind;
    s.model.layers = static_cast<int64_t>(number("layers", s.model.layers, m_layers->minimum(), m_layers->maximum()));
    s.model.hidden = static_cast<int64_t>(number("hidden", s.model.hidden, m_hidden->minimum(), m_hidden->maximum()));
    s.model.actnorm = state.value("actnorm").toBool(s.model.actnorm);
    s.model.seed = static_cast<uint64_t>(number("seed", s.model.seed, m_seed->minimum(), m_seed->maximum()));
    s.training.batch = static_cast<int64_t>(number("batch", s.training.batch, m_batch->minimum(), m_batch->maximum()));
    s.training.learningRate = number("lr", s.training.learningRate, m_lr->minimum(), m_lr->maximum());
    s.training.device = text("device", QString::fromStdString(s.training.device)).toStdString();
    if (m_device->findData(QString::fromStdString(s.training.device)) < 0) s.training.device = "auto";
    s.training.steps = static_cast<int64_t>(number("steps", s.training.steps, m_steps->minimum(), m_steps->maximum()));
    s.training.anneal = state.value("anneal").toBool(s.training.anneal);
    s.training.annealSteps = static_cast<int64_t>(
        number("anneal_steps", s.training.annealSteps, m_annealSteps->minimum(), m_annealSteps->maximum()));
    const std::vector<float> drawn = s.target == "drawn" ? jsonPoints(state, "drawn_points") : std::vector<float>{};
    const QJsonObject view = state.value("view").toObject();
    const int step = static_cast<int>(view.value("step").toDouble(-1));

    return [this, s, drawn, view, step, model] {
        m_animation->stop();
        m_playButton->setChecked(false);
        if (s.target == "drawn") m_density->setDrawnPoints(drawn);
        for (auto [box, key] : {std::pair{m_showParticles, "particles"}, std::pair{m_showGrid, "grid"},
                                std::pair{m_showTarget, "target"}, std::pair{m_showGeometry, "geometry"}})
            box->setChecked(view.value(key).toBool(box->isChecked()));
        if (view.contains("speed")) m_speed->setValue(view.value("speed").toInt(m_speed->value()));
        setManualMode(view.value("manual").toBool(false));
        m_demoSettings = s;
        m_demoSettings.drawnPoints = drawn;
        m_demoSettings.initialModel = model;
        m_pendingStep = step;
        applySettings(s);  // settings() now carries the demo's model
    };
}

void Flow2DPage::snapshotForDemo(std::function<void(const QJsonObject&, const QByteArray&)> done) {
    const QString tag = QString::number(++m_snapshotSerial);
    m_snapshotWaiters[tag] = std::move(done);
    m_host->post([tag](Flow2DWorker& w) { w.snapshotModel(tag); });
}

void Flow2DPage::onModelSnapshot(const QString& tag, const QByteArray& model) {
    const auto it = m_snapshotWaiters.find(tag);
    if (it == m_snapshotWaiters.end()) return;
    auto done = std::move(it->second);
    m_snapshotWaiters.erase(it);
    done(demoState(), model);
}

void Flow2DPage::saveState() const {
    QSettings s;
    s.beginGroup("flow2d");
    const Flow2DSettings cur = settings();
    s.setValue("target", cur.target == "drawn" ? QString("drawn") : cur.target);
    s.setValue("flow", QString::fromUtf8(flowKindName(cur.model.flow)));
    s.setValue("layers", static_cast<qint64>(cur.model.layers));
    s.setValue("base", QString::fromUtf8(kindName(kBaseKinds, cur.model.base)));
    s.setValue("hidden", static_cast<qint64>(cur.model.hidden));
    s.setValue("actnorm", cur.model.actnorm);
    s.setValue("batch", static_cast<qint64>(cur.training.batch));
    s.setValue("lr", cur.training.learningRate);
    s.setValue("seed", static_cast<qulonglong>(cur.model.seed));
    s.setValue("device", QString::fromStdString(cur.training.device));
    s.setValue("steps", static_cast<qint64>(cur.training.steps));
    s.setValue("anneal", cur.training.anneal);
    s.setValue("annealSteps", static_cast<qint64>(cur.training.annealSteps));
    s.setValue("showParticles", m_showParticles->isChecked());
    s.setValue("showGrid", m_showGrid->isChecked());
    s.setValue("showTarget", m_showTarget->isChecked());
    s.setValue("showGeometry", m_showGeometry->isChecked());
    s.setValue("speed", m_speed->value());
    s.setValue("mainSplitter", m_mainSplitter->saveState());
    s.setValue("centreSplitter", m_centreSplitter->saveState());
    s.endGroup();
}

void Flow2DPage::restoreState() {
    QSettings s;
    s.beginGroup("flow2d");
    m_showParticles->setChecked(s.value("showParticles", true).toBool());
    m_showGrid->setChecked(s.value("showGrid", true).toBool());
    m_showTarget->setChecked(s.value("showTarget", true).toBool());
    m_showGeometry->setChecked(s.value("showGeometry", true).toBool());
    m_speed->setValue(s.value("speed", 10).toInt());
    m_mainSplitter->restoreState(s.value("mainSplitter").toByteArray());
    m_centreSplitter->restoreState(s.value("centreSplitter").toByteArray());
    Flow2DSettings d = findPreset(defaultPresetId())->settings;
    if (s.contains("flow")) {
        d.target = s.value("target", d.target).toString();
        // Remembered settings are input like any other: unknown kinds keep the default.
        d.model.flow = flowKindFromName(s.value("flow").toString().toStdString()).value_or(d.model.flow);
        d.model.layers = s.value("layers", static_cast<qint64>(d.model.layers)).toLongLong();
        d.model.base = kindFromName(kBaseKinds, s.value("base").toString().toStdString()).value_or(d.model.base);
        if (d.model.base == BaseKind::Diagonal) d.model.base = BaseKind::Standard;  // not in the builder
        d.model.hidden = s.value("hidden", static_cast<qint64>(d.model.hidden)).toLongLong();
        d.model.actnorm = s.value("actnorm", d.model.actnorm).toBool();
        d.model.seed = s.value("seed", static_cast<qulonglong>(d.model.seed)).toULongLong();
        d.training.batch = s.value("batch", static_cast<qint64>(d.training.batch)).toLongLong();
        d.training.learningRate = s.value("lr", d.training.learningRate).toDouble();
        d.training.device = s.value("device", QString::fromStdString(d.training.device)).toString().toStdString();
        d.training.steps = s.value("steps", static_cast<qint64>(d.training.steps)).toLongLong();
        d.training.anneal = s.value("anneal", d.training.anneal).toBool();
        d.training.annealSteps = s.value("annealSteps", static_cast<qint64>(d.training.annealSteps)).toLongLong();
    }
    s.endGroup();
    applySettings(d);
}

}  // namespace flowscope
