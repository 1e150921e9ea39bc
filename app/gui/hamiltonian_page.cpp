#include "gui/hamiltonian_page.h"

#include "gui/hamiltonian_worker.h"
#include "gui/page_layout.h"
#include "gui/worker_host.h"
#include "widgets/density_view.h"
#include "widgets/logdet_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace flowscope {

HamiltonianPage::HamiltonianPage(QWidget* parent) : QWidget(parent) {
    qRegisterMetaType<HamiltonianSettings>();
    qRegisterMetaType<HamiltonianView>();
    m_host = std::make_unique<WorkerHost<HamiltonianWorker>>(QStringLiteral("flowscope-hamiltonian-worker"));
    m_recomputeTimer = new QTimer(this);
    m_recomputeTimer->setSingleShot(true);
    m_recomputeTimer->setInterval(60);
    connect(m_recomputeTimer, &QTimer::timeout, this, &HamiltonianPage::recompute);
    buildUi();
    HamiltonianWorker* w = m_host->worker();
    connect(w, &HamiltonianWorker::viewReady, this, &HamiltonianPage::onView);
    connect(w, &HamiltonianWorker::failed, this, [this](const QString& m) { emit statusChanged(m); });
    m_starts = {-1.0, 0.5, 0.3, 2.2, 1.4, -1.0};
    recompute();
}

HamiltonianPage::~HamiltonianPage() { shutdown(); }

void HamiltonianPage::shutdown() {
    if (m_host) m_host->shutdown();
}

void HamiltonianPage::buildUi() {
    m_target = new QComboBox;
    m_target->addItem(tr("Gaussian: U = q²/2"), "gaussian");
    m_target->addItem(tr("Double well: U = 4(q² − 1)²"), "double-well");
    m_target->addItem(tr("Two Gaussians at ±2"), "mixture");
    m_target->setCurrentIndex(1);
    m_stepSize = new QDoubleSpinBox;
    m_stepSize->setRange(0.01, 1.5);
    m_stepSize->setSingleStep(0.02);
    m_stepSize->setValue(0.1);
    m_stepSize->setToolTip(tr("The leapfrog step ε: larger steps drift further from H's level sets"));
    m_steps = new QSpinBox;
    m_steps->setRange(1, 100);
    m_steps->setValue(5);
    m_steps->setToolTip(tr("Leapfrog steps in one application of the map (an HMC proposal uses L of them)"));
    auto* clear = new QPushButton(tr("Clear orbits"));
    connect(clear, &QPushButton::clicked, this, &HamiltonianPage::clearOrbits);
    auto* box = new QGroupBox(tr("Hamiltonian flow"));
    auto* form = new QFormLayout(box);
    form->addRow(tr("Target:"), m_target);
    form->addRow(tr("Step ε:"), m_stepSize);
    form->addRow(tr("Steps L:"), m_steps);
    form->addRow(clear);
    m_readout = new QLabel;
    m_readout->setWordWrap(true);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(box);
    leftLayout->addWidget(m_readout);
    leftLayout->addWidget(new QLabel(tr("Click the phase plane to start an orbit there.")));
    leftLayout->addStretch();
    left->setMaximumWidth(340);

    m_phase = new ui::DensityView;
    m_phase->setShowGeometry(false);
    m_phase->setAxisLabels(tr("position q"), tr("momentum p"));
    m_phase->setScaleLabel(tr("density e^{−H}/Z"));
    m_showGrid = new QCheckBox(tr("Grid after one map"));
    m_showLevels = new QCheckBox(tr("Level sets of H"));
    m_showOrbits = new QCheckBox(tr("Orbits"));
    for (auto* b : {m_showGrid, m_showLevels, m_showOrbits}) b->setChecked(true);
    connect(m_showGrid, &QCheckBox::toggled, m_phase, &ui::DensityView::setShowGridLines);
    connect(m_showLevels, &QCheckBox::toggled, m_phase, &ui::DensityView::setShowTarget);
    connect(m_showOrbits, &QCheckBox::toggled, m_phase, &ui::DensityView::setShowParticles);
    connect(m_phase, &ui::DensityView::pointProbed, this, &HamiltonianPage::addOrbit);
    auto* centre = new QWidget;
    auto* centreLayout = new QVBoxLayout(centre);
    auto* overlays = new QHBoxLayout;
    overlays->addWidget(new QLabel(tr("Show:")));
    for (auto* b : {m_showGrid, m_showLevels, m_showOrbits}) overlays->addWidget(b);
    overlays->addStretch();
    centreLayout->addLayout(overlays);
    centreLayout->addWidget(m_phase, 1);

    m_logdet = new ui::LogdetView;
    m_logdet->setMinimumSize(220, 260);
    m_logdet->setAxisLabels(tr("q"), tr("p"));
    m_teaching = new QTextBrowser;
    const auto p = teachingParagraph;
    m_teaching->setHtml(
        QStringLiteral("<h3>%1</h3>").arg(tr("Hamiltonian flow: volume preserved")) +
        p(tr("Map"), tr("H(q, p) = U(q) + ½p². Leapfrog: p ← p − (ε/2)U′(q); q ← q + εp; p ← p − (ε/2)U′(q).")) +
        p(tr("Log-determinant"),
          tr("Each update is a shear, so |det J| = 1 and log|det J| = 0: the density is carried along unchanged, "
             "no Jacobian to pay. The heatmap measures it by finite differences.")) +
        p(tr("Reversible"), tr("Flip p, apply the map, flip p again: the start comes back (to rounding).")) +
        p(tr("Link to HMC"),
          tr("Hamiltonian Monte Carlo proposes the end of L leapfrog steps from a fresh Gaussian p and accepts it "
             "with probability min(1, e^{−ΔH}); volume preservation and reversibility make that acceptance rule "
             "exact. ΔH ≠ 0 only because ε > 0.")) +
        p(tr("Paper"), tr("Rezende and Mohamed 2015, §3.2; Neal 2011")));
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(m_logdet);
    right->addWidget(m_teaching);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    setThreeColumns(this, left, centre, right);

    auto changed = [this] { m_recomputeTimer->start(); };
    connect(m_target, qOverload<int>(&QComboBox::currentIndexChanged), this, changed);
    connect(m_stepSize, qOverload<double>(&QDoubleSpinBox::valueChanged), this, changed);
    connect(m_steps, qOverload<int>(&QSpinBox::valueChanged), this, changed);
}

HamiltonianSettings HamiltonianPage::settings() const {
    HamiltonianSettings s;
    s.target = m_target->currentData().toString();
    s.stepSize = m_stepSize->value();
    s.steps = m_steps->value();
    s.starts = m_starts;
    return s;
}

void HamiltonianPage::applySettings(const HamiltonianSettings& s) {
    const int i = m_target->findData(s.target);
    if (i >= 0) m_target->setCurrentIndex(i);
    m_stepSize->setValue(s.stepSize);
    m_steps->setValue(s.steps);
    m_starts = s.starts;
    m_recomputeTimer->start();
}

void HamiltonianPage::addOrbit(double q, double p) {
    if (!std::isfinite(q) || !std::isfinite(p)) return;
    if (m_starts.size() >= 2 * 32) m_starts.erase(m_starts.begin(), m_starts.begin() + 2);  // keep the newest 32
    m_starts.push_back(q);
    m_starts.push_back(p);
    m_recomputeTimer->start();
}

void HamiltonianPage::clearOrbits() {
    m_starts.clear();
    m_recomputeTimer->start();
}

void HamiltonianPage::recompute() {
    m_recomputeTimer->stop();
    const HamiltonianSettings s = settings();
    m_host->post([s, g = ++m_generation](HamiltonianWorker& w) { w.compute(s, g); });
}

void HamiltonianPage::onView(const HamiltonianView& v) {
    if (v.generation != m_generation) return;  // a newer request is on its way
    m_view = v;
    m_phase->setViewRange(v.bounds[0], v.bounds[1], v.bounds[2], v.bounds[3]);
    m_phase->setLogDensity(v.logJoint);
    m_phase->setContours(v.levelSets);
    m_phase->setGridLines(v.gridAfter);
    m_phase->setParticles(v.orbitPoints);
    m_phase->setTitle(tr("Phase space (q, p): e^{−H}, its level sets, one map's grid"));
    m_logdet->setViewRange(v.bounds[0], v.bounds[1], v.bounds[2], v.bounds[3]);
    m_logdet->setField(v.logdet, tr("log|det J|, measured"));
    m_readout->setText(tr("max |log|det J|| = %1 (volume preserved)<br/>reversibility error = %2<br/>"
                          "energy drift max |ΔH| along the orbits = %3")
                           .arg(v.maxAbsLogdet, 0, 'g', 2)
                           .arg(v.reversibilityError, 0, 'g', 2)
                           .arg(v.maxEnergyDrift, 0, 'g', 3));
    emit viewShown();
}

}  // namespace flowscope
