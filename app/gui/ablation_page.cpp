#include "gui/ablation_page.h"

#include "gui/ablation_worker.h"
#include "gui/eta_text.h"
#include "gui/worker_host.h"
#include "widgets/ablation_plot.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace flowscope {

AblationPage::AblationPage(QWidget* parent) : QWidget(parent) {
    m_host = std::make_unique<WorkerHost<AblationWorker>>(QStringLiteral("flowscope-ablation"));
    auto* form = new QFormLayout;
    m_data = new QComboBox;
    m_data->addItem(tr("Fashion-MNIST (grey)"), "fashion-mnist");
    m_data->addItem(tr("Built-in faces (RGB)"), "faces");
    form->addRow(tr("Data"), m_data);
    auto spin = [](int lo, int hi, int v, int step = 1) {
        auto* s = new QSpinBox;
        s->setRange(lo, hi);
        s->setValue(v);
        s->setSingleStep(step);
        return s;
    };
    const AblationSettings d;
    m_size = spin(8, 64, d.size, 8);
    m_levels = spin(1, 4, d.levels);
    m_steps = spin(1, 16, d.steps);
    m_hidden = spin(4, 512, d.hidden, 8);
    m_iterations = spin(2, 100000, d.iterations, 100);
    m_seeds = spin(1, 10, d.seeds);
    m_batch = spin(1, 256, d.batch);
    m_evalEvery = spin(1, 10000, d.evalEvery, 50);
    m_evalImages = spin(1, 10000, d.evalImages, 100);
    form->addRow(tr("Image size"), m_size);
    form->addRow(tr("Levels L"), m_levels);
    form->addRow(tr("Steps per level K"), m_steps);
    form->addRow(tr("Hidden width"), m_hidden);
    form->addRow(tr("Iterations"), m_iterations);
    form->addRow(tr("Seeds"), m_seeds);
    form->addRow(tr("Batch"), m_batch);
    form->addRow(tr("Evaluate every"), m_evalEvery);
    form->addRow(tr("Held-out images"), m_evalImages);
    m_start = new QPushButton(tr("Run ablation"));
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setEnabled(false);
    connect(m_start, &QPushButton::clicked, this, &AblationPage::start);
    connect(m_stop, &QPushButton::clicked, this, &AblationPage::stop);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    auto* intro =
        new QLabel(tr("<b>Glow's ablation</b> (Kingma &amp; Dhariwal 2018, §5.1, Figure 3): what mixes the channels "
                      "between couplings — reversing them (RealNVP), a fixed random shuffle, or the learned invertible "
                      "1×1 convolution — with additive and with affine couplings. Every variant trains with the same "
                      "budget, data order and seeds; the curves are held-out bits/dim (lower is better). The paper "
                      "found 1×1 convolution &lt; shuffle &lt; reverse."));
    intro->setWordWrap(true);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_status = new QLabel(tr("The defaults are glow ablation --quick: about a minute on one core."));
    m_status->setWordWrap(true);
    m_result = new QLabel;
    m_result->setWordWrap(true);
    auto* left = new QVBoxLayout;
    left->addWidget(intro);
    left->addLayout(form);
    left->addLayout(buttons);
    left->addWidget(m_progress);
    left->addWidget(m_status);
    left->addWidget(m_result);
    left->addStretch(1);
    auto* leftWidget = new QWidget;
    leftWidget->setLayout(left);
    leftWidget->setMaximumWidth(380);
    m_plot = new ui::AblationPlot;
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(leftWidget);
    layout->addWidget(m_plot, 1);

    auto* w = m_host->worker();
    connect(w, &AblationWorker::started, this, &AblationPage::onStarted);
    connect(w, &AblationWorker::point, this, &AblationPage::onPoint);
    connect(w, &AblationWorker::finished, this, &AblationPage::onFinished);
    connect(w, &AblationWorker::failed, this, &AblationPage::onFailed);

    QSettings s;
    if (s.contains("ablation/data")) {
        AblationSettings r;
        r.data = s.value("ablation/data").toString();
        r.size = s.value("ablation/size", r.size).toInt();
        r.levels = s.value("ablation/levels", r.levels).toInt();
        r.steps = s.value("ablation/steps", r.steps).toInt();
        r.hidden = s.value("ablation/hidden", r.hidden).toInt();
        r.iterations = s.value("ablation/iterations", r.iterations).toInt();
        r.seeds = s.value("ablation/seeds", r.seeds).toInt();
        applySettings(r);
    }
}

AblationPage::~AblationPage() { shutdown(); }

void AblationPage::shutdown() { m_host->shutdown(); }

AblationSettings AblationPage::settings() const {
    AblationSettings s;
    s.data = m_data->currentData().toString();
    s.size = m_size->value();
    s.levels = m_levels->value();
    s.steps = m_steps->value();
    s.hidden = m_hidden->value();
    s.iterations = m_iterations->value();
    s.seeds = m_seeds->value();
    s.batch = m_batch->value();
    s.evalEvery = m_evalEvery->value();
    s.evalImages = m_evalImages->value();
    return s;
}

void AblationPage::applySettings(const AblationSettings& s) {
    const int i = m_data->findData(s.data);
    if (i >= 0) m_data->setCurrentIndex(i);
    m_size->setValue(s.size);
    m_levels->setValue(s.levels);
    m_steps->setValue(s.steps);
    m_hidden->setValue(s.hidden);
    m_iterations->setValue(s.iterations);
    m_seeds->setValue(s.seeds);
    m_batch->setValue(s.batch);
    m_evalEvery->setValue(s.evalEvery);
    m_evalImages->setValue(s.evalImages);
}

void AblationPage::start() {
    if (m_running) return;
    const AblationSettings s = settings();
    QSettings q;
    q.setValue("ablation/data", s.data);
    q.setValue("ablation/size", s.size);
    q.setValue("ablation/levels", s.levels);
    q.setValue("ablation/steps", s.steps);
    q.setValue("ablation/hidden", s.hidden);
    q.setValue("ablation/iterations", s.iterations);
    q.setValue("ablation/seeds", s.seeds);
    m_plot->clear();
    m_result->clear();
    m_progress->setValue(0);
    m_status->setText(tr("Reading the data…"));
    setRunning(true);
    m_host->post([s](AblationWorker& w) { w.run(s); });
}

void AblationPage::stop() {
    if (!m_running) return;
    m_status->setText(tr("Stopping after the current step…"));
    m_host->raise(&AblationWorker::requestStop);
}

QString AblationPage::resultText() const { return m_result->text(); }
QString AblationPage::statusText() const { return m_status->text(); }

void AblationPage::setRunning(bool running) {
    m_running = running;
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
}

void AblationPage::onStarted(const QString& description) { m_status->setText(tr("Training on %1").arg(description)); }

void AblationPage::onPoint(const AblationPointInfo& p) {
    m_plot->addPoint(p.panel, p.series, p.iteration, p.testBitsPerDim);
    m_progress->setValue(static_cast<int>(std::lround(1000 * p.fraction)));
    m_status->setText(tr("%1, seed %2: iteration %3, held-out %4 bits/dim — ETA %5")
                          .arg(p.variant)
                          .arg(p.seed)
                          .arg(p.iteration)
                          .arg(p.testBitsPerDim, 0, 'f', 3)
                          .arg(etaText(p.etaSeconds)));
}

void AblationPage::onFinished(const QString& summary, bool complete) {
    setRunning(false);
    if (complete) {
        m_progress->setValue(1000);
        m_status->setText(tr("Done."));
        m_result->setText(
            tr("Final held-out bits/dim, lower first — %1. The paper: 1×1 convolution < shuffle < reverse.")
                .arg(summary));
    } else {
        m_status->setText(summary);
    }
}

void AblationPage::onFailed(const QString& message) {
    setRunning(false);
    m_status->setText(tr("The ablation stopped: %1").arg(message));
}

}  // namespace flowscope
