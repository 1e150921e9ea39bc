#include "gui/langevin_page.h"

#include "gui/export_progress.h"
#include "gui/json_fields.h"
#include "gui/langevin_worker.h"
#include "gui/page_layout.h"
#include "gui/worker_host.h"
#include "widgets/density_view.h"
#include "widgets/kl_curve.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <stdexcept>
#include <cmath>

namespace flowscope {
namespace {
constexpr double kStepDuration = 0.1;
constexpr double kConvergedKl = 1e-10;  // below this p_t and p agree to float precision
constexpr double kMaxTime = 100.0;

QString scientific(double v) { return QString::number(v, 'g', 3); }
}  // namespace

LangevinPage::LangevinPage(QWidget* parent) : QWidget(parent) {
    qRegisterMetaType<LangevinSettings>();
    qRegisterMetaType<LangevinTargetInfo>();
    qRegisterMetaType<LangevinFrame>();
    m_host = std::make_unique<WorkerHost<LangevinWorker>>(QStringLiteral("flowscope-langevin-worker"));
    buildUi();
    LangevinWorker* w = m_host->worker();
    connect(w, &LangevinWorker::configured, this, &LangevinPage::onConfigured);
    connect(w, &LangevinWorker::frameReady, this, &LangevinPage::onFrame);
    connect(w, &LangevinWorker::failed, this, [this](const QString& message) {
        m_inFlight = false;
        if (m_timer->isActive()) togglePlay();  // nothing to play until a configuration succeeds
        setStatus(message, true);
    });
    m_export = new ExportProgress(this);
    connect(w, &LangevinWorker::animationProgress, m_export, &ExportProgress::update);
    connect(w, &LangevinWorker::animationExported, this, [this](const QString& path, int frames, qint64 bytes) {
        const QString line = m_export->finish(path, frames, bytes);
        if (!line.isEmpty()) setStatus(line);
        emit animationExported(path, frames, bytes);
    });
    m_timer = new QTimer(this);
    m_timer->setInterval(33);
    connect(m_timer, &QTimer::timeout, this, &LangevinPage::onTick);
    m_reconfigureTimer = new QTimer(this);
    m_reconfigureTimer->setSingleShot(true);
    m_reconfigureTimer->setInterval(150);
    connect(m_reconfigureTimer, &QTimer::timeout, this, &LangevinPage::reconfigure);

    QSettings s;
    s.beginGroup("langevin");
    LangevinSettings remembered;
    remembered.target = s.value("target", remembered.target).toString();
    remembered.grid = s.value("grid", remembered.grid).toInt();
    remembered.particles = s.value("particles", remembered.particles).toInt();
    applySettings(remembered);
    m_speed->setValue(s.value("speed", m_speed->value()).toInt());
    reconfigure();
}

LangevinPage::~LangevinPage() { shutdown(); }

void LangevinPage::shutdown() {
    if (m_timer) m_timer->stop();
    if (!m_host) return;
    QSettings s;
    s.beginGroup("langevin");
    const LangevinSettings cur = settings();
    s.setValue("target", cur.target);
    s.setValue("grid", cur.grid);
    s.setValue("particles", cur.particles);
    s.setValue("speed", m_speed->value());
    m_host->shutdown();
}

void LangevinPage::buildUi() {
    m_target = new QComboBox;
    for (const char* u : {"U1", "U2", "U3", "U4"}) m_target->addItem(QString::fromLatin1(u), QString::fromLatin1(u));
    m_target->addItem(tr("A shape I draw"), QStringLiteral("drawn"));
    m_target->setToolTip(
        tr("Rezende and Mohamed's energies, or a shape drawn on the large view with the mouse "
           "(right button erases): its smoothed density becomes the target"));
    m_grid = new QComboBox;
    for (int n : {64, 96, 128, 192, 256}) m_grid->addItem(tr("%1 × %1 cells").arg(n), n);
    m_grid->setToolTip(tr("The Fokker–Planck grid: finer is more accurate and slower (the stable step shrinks as h²)"));
    auto spin = [](double lo, double hi, double step, double value) {
        auto* box = new QDoubleSpinBox;
        box->setRange(lo, hi);
        box->setSingleStep(step);
        box->setDecimals(2);
        box->setValue(value);
        return box;
    };
    m_meanX = spin(-3, 3, 0.25, 0);
    m_meanY = spin(-3, 3, 0.25, 0);
    m_sigma = spin(0.2, 3, 0.1, 1);
    m_particles = new QSpinBox;
    m_particles->setRange(0, 5000);
    m_particles->setSingleStep(100);
    m_particles->setToolTip(tr("Euler–Maruyama sample paths drawn over the density (0: none)"));

    auto* flowBox = new QGroupBox(tr("Langevin flow"));
    auto* form = new QFormLayout(flowBox);
    form->addRow(tr("Target:"), m_target);
    form->addRow(tr("Grid:"), m_grid);
    auto* mean = new QHBoxLayout;
    mean->addWidget(m_meanX);
    mean->addWidget(m_meanY);
    form->addRow(tr("Start mean:"), mean);
    form->addRow(tr("Start σ:"), m_sigma);
    form->addRow(tr("Particles:"), m_particles);
    m_drawHint =
        new QLabel(tr("Draw the target on the large view (right button erases); the flow restarts "
                      "from p₀ after every stroke."));
    m_drawHint->setWordWrap(true);
    auto* clear = new QToolButton;
    clear->setText(tr("Clear drawing"));
    connect(clear, &QToolButton::clicked, this, [this] { m_density->clearDrawnPoints(); });
    m_drawTools = new QWidget;
    auto* drawLayout = new QVBoxLayout(m_drawTools);
    drawLayout->setContentsMargins(0, 0, 0, 0);
    drawLayout->addWidget(m_drawHint);
    drawLayout->addWidget(clear, 0, Qt::AlignLeft);
    form->addRow(m_drawTools);

    m_play = new QToolButton;
    m_play->setText(tr("Play"));
    m_play->setCheckable(true);
    m_play->setToolTip(tr("Run the flow (P or Space)"));
    auto* stepButton = new QToolButton;
    stepButton->setText(tr("Step"));
    stepButton->setToolTip(tr("Move on by t = 0.1 (Ctrl+.)"));
    auto* resetButton = new QToolButton;
    resetButton->setText(tr("Reset"));
    resetButton->setToolTip(tr("Back to t = 0 (Ctrl+R)"));
    connect(m_play, &QToolButton::clicked, this, &LangevinPage::togglePlay);
    connect(stepButton, &QToolButton::clicked, this, &LangevinPage::stepOnce);
    connect(resetButton, &QToolButton::clicked, this, &LangevinPage::reset);
    m_speed = new QSlider(Qt::Horizontal);
    m_speed->setRange(1, 200);  // hundredths of a time unit per second
    m_speed->setValue(25);
    m_speedLabel = new QLabel;
    connect(m_speed, &QSlider::valueChanged, this,
            [this] { m_speedLabel->setText(tr("Speed: %1 time units per second").arg(speed(), 0, 'f', 2)); });
    m_speedLabel->setText(tr("Speed: %1 time units per second").arg(speed(), 0, 'f', 2));
    auto* transportBox = new QGroupBox(tr("Transport"));
    auto* transport = new QVBoxLayout(transportBox);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_play);
    buttons->addWidget(stepButton);
    buttons->addWidget(resetButton);
    buttons->addStretch();
    transport->addLayout(buttons);
    transport->addWidget(m_speedLabel);
    transport->addWidget(m_speed);
    m_readout = new QLabel;
    m_readout->setWordWrap(true);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    transport->addWidget(m_readout);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(flowBox);
    leftLayout->addWidget(transportBox);
    leftLayout->addStretch();
    left->setMaximumWidth(340);

    m_density = new ui::DensityView;
    m_density->setShowGridLines(false);
    m_density->setShowGeometry(false);
    m_density->setScaleLabel(tr("density p_t(z)"));
    m_showParticles = new QCheckBox(tr("Particles (samples of the SDE)"));
    m_showContours = new QCheckBox(tr("Contours of U"));
    for (auto* box : {m_showParticles, m_showContours}) box->setChecked(true);
    connect(m_showParticles, &QCheckBox::toggled, m_density, &ui::DensityView::setShowParticles);
    connect(m_showContours, &QCheckBox::toggled, m_density, &ui::DensityView::setShowTarget);
    auto* centre = new QWidget;
    auto* centreLayout = new QVBoxLayout(centre);
    auto* overlays = new QHBoxLayout;
    overlays->addWidget(new QLabel(tr("Show:")));
    overlays->addWidget(m_showParticles);
    overlays->addWidget(m_showContours);
    overlays->addStretch();
    centreLayout->addLayout(overlays);
    centreLayout->addWidget(m_density, 1);

    m_stationary = new ui::DensityView;
    m_stationary->setShowParticles(false);
    m_stationary->setShowGridLines(false);
    m_stationary->setShowGeometry(false);
    m_stationary->setScaleLabel(tr("density p(z)"));
    m_stationary->setMinimumSize(220, 200);
    m_kl = new ui::KlCurve;
    m_teaching = new QTextBrowser;
    m_teaching->setHtml(teachingHtml());
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(m_stationary);
    right->addWidget(m_kl);
    right->addWidget(m_teaching);
    right->setStretchFactor(2, 1);

    setThreeColumns(this, left, centre, right);

    auto changed = [this] { m_reconfigureTimer->start(); };
    connect(m_target, qOverload<int>(&QComboBox::currentIndexChanged), this, changed);
    connect(m_target, qOverload<int>(&QComboBox::currentIndexChanged), this, &LangevinPage::updateDrawing);
    connect(m_density, &ui::DensityView::drawnPointsChanged, this, [this] {
        if (drawing()) m_reconfigureTimer->start();
    });
    connect(m_grid, qOverload<int>(&QComboBox::currentIndexChanged), this, changed);
    for (auto* box : {m_meanX, m_meanY, m_sigma})
        connect(box, qOverload<double>(&QDoubleSpinBox::valueChanged), this, changed);
    connect(m_particles, qOverload<int>(&QSpinBox::valueChanged), this, changed);
}

QString LangevinPage::teachingHtml() const {
    const auto p = teachingParagraph;
    QString html = QStringLiteral("<h3>%1</h3>").arg(tr("Langevin flow: an infinitesimal flow"));
    html += p(tr("Dynamics"), tr("dz = −∇U(z) dt + √2 dW, W a Brownian motion (Rezende and Mohamed 2015, §3.2)."));
    html += p(tr("Its density"),
              tr("p_t obeys the Fokker–Planck equation ∂p/∂t = ∇·(p ∇U) + Δp. Whatever p₀ is, p_t → e^{−U}/Z as "
                 "t → ∞: an infinitely long flow can reach the target exactly."));
    html +=
        p(tr("On screen"),
          tr("The large view is p_t computed on the grid by finite volumes: mass only moves between neighbouring "
             "cells, so it stays 1 and no density becomes negative, and KL(p_t ‖ p) never rises. The white dots are "
             "samples (Euler–Maruyama paths of the SDE), not the density."));
    html += p(tr("A shape you draw"),
              tr("Its target is the points' smoothed density (a Gaussian kernel of width 0.25 around each point) and U "
                 "is minus its logarithm, so −∇U pulls every path towards the drawing and p_t becomes the drawing "
                 "itself."));
    html += p(tr("Why it matters"),
              tr("A finite planar or radial flow only approximates the target; the Langevin flow shows what the family "
                 "of normalizing flows can reach in the limit, at the price of infinitely many steps."));
    return html;
}

bool LangevinPage::drawing() const { return m_target->currentData().toString() == "drawn"; }

void LangevinPage::updateDrawing() {
    // The drawing stays on the canvas only while it is the target (and comes back with it).
    const bool on = drawing();
    if (!on && !m_density->drawnPoints().empty()) {
        m_drawing = m_density->drawnPoints();
        m_density->setDrawnPoints({});
    } else if (on && m_density->drawnPoints().empty() && !m_drawing.empty()) {
        m_density->setDrawnPoints(m_drawing);
    }
    m_drawTools->setVisible(on);
    m_density->setDrawMode(on && !isPlaying());
}

LangevinSettings LangevinPage::settings() const {
    LangevinSettings s;
    s.target = m_target->currentData().toString();
    if (s.target == "drawn") s.drawnPoints = m_density->drawnPoints();
    s.grid = m_grid->currentData().toInt();
    s.meanX = m_meanX->value();
    s.meanY = m_meanY->value();
    s.sigma = m_sigma->value();
    s.particles = m_particles->value();
    return s;
}

void LangevinPage::applySettings(const LangevinSettings& s) {
    const int target = m_target->findData(s.target);
    if (s.target == "drawn") m_density->setDrawnPoints(s.drawnPoints);
    m_target->setCurrentIndex(target >= 0 ? target : 0);
    updateDrawing();
    const int grid = m_grid->findData(s.grid);
    m_grid->setCurrentIndex(grid >= 0 ? grid : m_grid->findData(128));
    m_meanX->setValue(s.meanX);
    m_meanY->setValue(s.meanY);
    m_sigma->setValue(s.sigma);
    m_particles->setValue(std::clamp(s.particles, 0, 5000));
    m_reconfigureTimer->start();
}

QJsonObject LangevinPage::demoState() const {
    const LangevinSettings s = settings();
    QJsonObject state{{"target", s.target}, {"grid", s.grid},           {"mean_x", s.meanX}, {"mean_y", s.meanY},
                      {"sigma", s.sigma},   {"particles", s.particles}, {"speed", speed()}};
    if (s.target == "drawn") {
        QJsonArray points;
        for (float v : s.drawnPoints) points.append(static_cast<double>(v));
        state["drawn_points"] = points;
    }
    return state;
}

void LangevinPage::applyDemoState(const QJsonObject& state) { prepareDemoState(state)(); }

std::function<void()> LangevinPage::prepareDemoState(const QJsonObject& state) {
    LangevinSettings s = settings();
    auto number = [&](const char* key, double fallback, double lo, double hi) {
        return jsonNumber(state, key, fallback, lo, hi);
    };
    s.target = jsonText(state, "target", s.target);
    if (m_target->findData(s.target) < 0)
        throw std::invalid_argument("unknown Langevin target '" + s.target.left(40).toStdString() +
                                    "' (expected U1…U4 or drawn)");
    s.grid = static_cast<int>(number("grid", s.grid, 16, 512));
    if (m_grid->findData(s.grid) < 0)
        throw std::invalid_argument("a Langevin grid has 64, 96, 128, 192 or 256 cells a side");
    s.meanX = number("mean_x", s.meanX, m_meanX->minimum(), m_meanX->maximum());
    s.meanY = number("mean_y", s.meanY, m_meanY->minimum(), m_meanY->maximum());
    s.sigma = number("sigma", s.sigma, m_sigma->minimum(), m_sigma->maximum());
    s.particles = static_cast<int>(number("particles", s.particles, 0, m_particles->maximum()));
    s.drawnPoints.clear();
    if (s.target == "drawn") s.drawnPoints = jsonPoints(state, "drawn_points");
    const double newSpeed = number("speed", speed(), 0.01, 2.0);
    return [this, s, newSpeed] {
        if (isPlaying()) togglePlay();
        m_speed->setValue(static_cast<int>(std::lround(100 * newSpeed)));
        applySettings(s);
    };
}

bool LangevinPage::isExportingAnimation() const { return m_export->running(); }

void LangevinPage::exportAnimation(const QString& path) {
    LangevinAnimationRequest r;
    r.path = path;
    r.settings = settings();
    r.duration = m_frame.time >= 0.5 ? m_frame.time : 5.0;
    if (!m_export->start(tr("Rendering %1 frames of t = 0…%2…").arg(r.frames).arg(r.duration, 0, 'f', 2), 2 * r.frames,
                         r.cancel))
        return;
    m_host->post([r](LangevinWorker& w) { w.exportAnimation(r); });
}

double LangevinPage::speed() const { return m_speed->value() / 100.0; }

void LangevinPage::reconfigure() {
    m_reconfigureTimer->stop();
    const LangevinSettings s = settings();
    ++m_generation;
    if (s.target == "drawn" && s.drawnPoints.size() < 4) {
        // Nothing to flow towards yet: wait for the drawing (frames of the old target are stale now).
        if (isPlaying()) togglePlay();
        m_inFlight = false;
        m_kl->clear();
        m_frame = LangevinFrame{};  // the old target's numbers no longer describe anything
        updateReadout();
        m_density->setTitle(tr("Draw the target here"));
        setStatus(tr("Draw a shape on the large view: the Langevin flow will carry p₀ to it."));
        return;
    }
    m_inFlight = true;  // the t = 0 frame is on its way
    m_kl->clear();
    m_host->post([s, g = m_generation](LangevinWorker& w) { w.configure(s, g); });
}

void LangevinPage::reset() { reconfigure(); }

void LangevinPage::onConfigured(const LangevinTargetInfo& info) {
    m_info = info;
    m_density->setViewRange(info.bounds[0], info.bounds[1], info.bounds[2], info.bounds[3]);
    m_density->setContours(info.contours);
    m_stationary->setViewRange(info.bounds[0], info.bounds[1], info.bounds[2], info.bounds[3]);
    m_stationary->setLogDensity(info.logStationary);
    m_stationary->setContours(info.contours);
    m_stationary->setTitle(tr("Target p = e^{−U}/Z (%1)").arg(info.name));
}

void LangevinPage::onFrame(const LangevinFrame& frame) {
    m_inFlight = false;
    // A frame of an older configuration.
    if (frame.generation != m_generation) return;
    m_frame = frame;
    m_density->setLogDensity(frame.logDensity);
    m_density->setParticles(frame.particles);
    m_density->setTitle(tr("p_t at t = %1 (Fokker–Planck on the grid)").arg(frame.time, 0, 'f', 2));
    m_kl->addPoint(frame.time, frame.kl);
    updateReadout();
    if (isPlaying() && (frame.kl < kConvergedKl || frame.time >= kMaxTime)) {
        togglePlay();
        setStatus(frame.kl < kConvergedKl ? tr("p_t has reached the target: KL below %1.").arg(kConvergedKl)
                                          : tr("Stopped at t = %1.").arg(kMaxTime));
    }
    emit frameShown();
}

void LangevinPage::updateReadout() {
    const auto& f = m_frame;
    m_readout->setText(tr("t = %1 · KL(p_t ‖ p) = %2 nats<br/>mass − 1 = %3 · min p = %4<br/>%5 steps of dt = %6")
                           .arg(f.time, 0, 'f', 2)
                           .arg(scientific(f.kl))
                           .arg(scientific(f.mass - 1.0))
                           .arg(scientific(f.minDensity))
                           .arg(f.steps)
                           .arg(scientific(m_info.stableStep)));
}

bool LangevinPage::isPlaying() const { return m_timer->isActive(); }

void LangevinPage::togglePlay() {
    if (m_timer->isActive()) {
        m_timer->stop();
    } else {
        m_sinceRequest.start();
        m_timer->start();
    }
    m_play->setChecked(m_timer->isActive());
    m_play->setText(m_timer->isActive() ? tr("Pause") : tr("Play"));
    updateDrawing();  // the canvas takes strokes only while paused
}

void LangevinPage::onTick() {
    if (m_inFlight) return;  // the worker is still on the last frame: no queue builds up
    const double seconds = std::min(m_sinceRequest.isValid() ? m_sinceRequest.elapsed() / 1000.0 : 0.033, 0.25);
    requestAdvance(speed() * seconds);
}

void LangevinPage::stepOnce() { requestAdvance(kStepDuration); }

void LangevinPage::requestAdvance(double duration) {
    if (!(duration > 0)) return;
    m_inFlight = true;
    m_sinceRequest.start();
    m_host->post([duration](LangevinWorker& w) { w.advance(duration); });
}

void LangevinPage::setStatus(const QString& text, bool error) {
    m_statusText = error ? tr("Error: %1").arg(text) : text;
    emit statusChanged(m_statusText);
}

}  // namespace flowscope
