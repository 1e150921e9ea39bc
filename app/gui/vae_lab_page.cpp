#include "gui/vae_lab_page.h"

#include "common/resource_paths.h"
#include "gui/eta_text.h"
#include "gui/vae_lab_worker.h"
#include "gui/worker_host.h"
#include "widgets/elbo_bars.h"
#include "widgets/heat_image.h"
#include "widgets/image_grid.h"
#include "widgets/latent_map_view.h"
#include "widgets/posterior_view.h"
#include "widgets/step_strip.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace flowscope {

namespace {

constexpr int kPickerImages = 24;

QString teachingHtml() {
    return QObject::tr(
        "<h3>The Flow-ELBO (Rezende &amp; Mohamed 2015, §4)</h3>"
        "<p><b>Encoder.</b> For each image x the encoder outputs μ(x), σ(x) and, for the <i>amortised</i> flow, "
        "every layer's u<sub>k</sub>, w<sub>k</sub>, b<sub>k</sub>: q<sub>0</sub>(z|x) = N(μ, diag σ²) is "
        "pushed through z<sub>K</sub> = f<sub>K</sub>∘…∘f<sub>1</sub>(z<sub>0</sub>), planar layers "
        "f(z) = z + û h(wᵀz + b) with the constraint wᵀû ≥ −1 applied per image.</p>"
        "<p><b>The bound.</b> F(x) = E<sub>q0</sub>[ ln q<sub>0</sub>(z<sub>0</sub>|x) − Σ<sub>k</sub> "
        "ln|1 + u<sub>k</sub>ᵀψ<sub>k</sub>(z<sub>k−1</sub>)| − ln p(x|z<sub>K</sub>) − ln p(z<sub>K</sub>) ] "
        "and −F(x) = ELBO ≤ ln p(x).</p>"
        "<p><b>E ln p(x|z)</b>: how well the decoder's Bernoulli pixels explain the binarised image from "
        "latents drawn from q<sub>K</sub> (reconstruction). <b>E ln p(z)</b>: the prior N(0, I) at those "
        "latents. <b>H[q<sub>K</sub>]</b> = H[q<sub>0</sub>] + E Σ ln|det ∂f<sub>k</sub>/∂z|: the flow's "
        "log-determinants change the entropy; the ELBO is the sum of the three.</p>"
        "<p><b>The gap.</b> ln p(x) = ELBO + KL(q<sub>K</sub>(z|x) ‖ p(z|x)) exactly. Here p(z|x) is "
        "computed on a grid (p(x) by quadrature), so both sides are shown: the mean field q<sub>0</sub> "
        "cannot bend to a curved or skewed posterior, and the flow shrinks the KL bar. Switch K to "
        "compare. Two gaps hide in the KL (Cremer et al. 2018): the <i>approximation</i> gap, what even the "
        "best Gaussian for this image leaves (the middle bar, fitted here on the grid), and the "
        "<i>amortisation</i> gap, what an encoder shared by all images loses against that best fit. A flow "
        "can go below the first; more training, or a wider encoder, shrinks the second.</p>"
        "<p><b>Prior against posterior samples.</b> Latents from the prior decode to anything the model "
        "knows; latents from q<sub>K</sub>(z|x) stay with the clicked image. The decoder only sees "
        "z<sub>K</sub>, so the flow is free to reshape the posterior without changing the model p(x, z).</p>");
}

ui::ImageGrid* sampleGrid(const QString& placeholder) {
    auto* g = new ui::ImageGrid;
    g->setColumns(4);
    g->setPlaceholder(placeholder);
    g->setTileToolTip(QString());
    return g;
}

}  // namespace

VaeLabPage::VaeLabPage(QWidget* parent) : QWidget(parent) {
    m_host = std::make_unique<WorkerHost<VaeLabWorker>>(QStringLiteral("flowscope-vae-lab"));
    auto* w = m_host->worker();
    connect(w, &VaeLabWorker::modelReady, this, &VaeLabPage::onModelReady);
    connect(w, &VaeLabWorker::dataReady, this, &VaeLabPage::onDataReady);
    connect(w, &VaeLabWorker::posteriorReady, this, &VaeLabPage::onPosteriorReady);
    connect(w, &VaeLabWorker::latentMapReady, this, [this](const VaeLatentMapInfo& map) {
        m_latentMap->setMosaic(map.mosaic, map.x0, map.x1, map.y0, map.y1);
        m_latentMap->setPoints(map.xy, map.classes, map.classNames);
    });
    connect(w, &VaeLabWorker::trainingProgress, this, &VaeLabPage::onProgress);
    connect(w, &VaeLabWorker::trainingFinished, this, &VaeLabPage::onTrainingFinished);
    connect(w, &VaeLabWorker::failed, this, &VaeLabPage::onFailed);

    // Top: the model, and training a new one.
    m_model = new QComboBox;
    for (int k : kVaeLabLayers)
        m_model->addItem(k == 0 ? tr("K = 0 (mean field)") : tr("K = %1 planar layers").arg(k), k);
    m_model->setToolTip(tr("The shipped models: one architecture, budget and seed, K amortised planar layers"));
    connect(m_model, &QComboBox::activated, this, [this](int i) {
        const int k = m_model->itemData(i).toInt();
        if (k >= 0) selectShippedModel(k);
    });
    m_open = new QPushButton(tr("Open…"));
    connect(m_open, &QPushButton::clicked, this, &VaeLabPage::openFileDialog);
    m_trainLayers = new QSpinBox;
    m_trainLayers->setRange(0, 32);
    m_trainLayers->setPrefix(tr("K = "));
    m_trainSteps = new QSpinBox;
    m_trainSteps->setRange(100, 200000);
    m_trainSteps->setSingleStep(500);
    m_trainSteps->setSuffix(tr(" steps"));
    m_train = new QPushButton(tr("Train"));
    m_train->setToolTip(tr("Train a new lab model with K layers on the worker (the page stays live)"));
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setEnabled(false);
    connect(m_train, &QPushButton::clicked, this, [this] {
        VaeLabTrainSettings s;
        s.layers = m_trainLayers->value();
        s.steps = m_trainSteps->value();
        startTraining(s);
    });
    connect(m_stop, &QPushButton::clicked, this, &VaeLabPage::stopTraining);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_modelLabel = new QLabel;
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Model")));
    top->addWidget(m_model);
    top->addWidget(m_open);
    top->addWidget(m_modelLabel, 1);
    top->addWidget(new QLabel(tr("New:")));
    top->addWidget(m_trainLayers);
    top->addWidget(m_trainSteps);
    top->addWidget(m_train);
    top->addWidget(m_stop);
    top->addWidget(m_progress);

    // Left: the images.
    m_picker = new ui::ImageGrid;
    m_picker->setObjectName("picker");
    m_picker->setColumns(4);
    m_picker->setPlaceholder(tr("Reading the test images…"));
    m_picker->setTileToolTip(tr("Click: this image's exact posterior"));
    connect(m_picker, &ui::ImageGrid::imageClicked, this, &VaeLabPage::selectImage);
    m_imageLabel = new QLabel;
    m_imageLabel->setWordWrap(true);
    m_binarised = new QLabel;
    m_binarised->setFixedSize(84, 84);
    m_binarised->setToolTip(tr("The image as the model sees it (the fixed binarisation)"));
    auto* leftBox = new QWidget;
    auto* left = new QVBoxLayout(leftBox);
    left->addWidget(new QLabel(tr("<b>Test images</b> — click one")));
    left->addWidget(m_picker, 1);
    auto* chosen = new QHBoxLayout;
    chosen->addWidget(m_binarised);
    chosen->addWidget(m_imageLabel, 1);
    left->addLayout(chosen);

    // Centre: the posterior and the strip.
    m_view = new ui::PosteriorView;
    m_strip = new ui::StepStrip;
    connect(m_strip, &ui::StepStrip::stepSelected, this, &VaeLabPage::showStep);
    m_identity = new QLabel;
    m_identity->setAlignment(Qt::AlignCenter);
    m_identity->setTextFormat(Qt::RichText);
    QFont big = m_identity->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_identity->setFont(big);
    auto* centreBox = new QWidget;
    auto* centre = new QVBoxLayout(centreBox);
    centre->addWidget(m_view, 1);
    centre->addWidget(m_identity);
    centre->addWidget(m_strip);

    // Right: the bars and text, the latent map, the samples.
    m_bars = new ui::ElboBars;
    m_teaching = new QTextBrowser;
    m_teaching->setHtml(teachingHtml());
    auto* elboTab = new QSplitter(Qt::Vertical);
    elboTab->addWidget(m_bars);
    elboTab->addWidget(m_teaching);
    m_latentMap = new ui::LatentMapView;
    m_priorSamples = sampleGrid(tr("Prior samples appear with the first image"));
    m_posteriorSamples = sampleGrid(tr("Click an image"));
    auto* samplesTab = new QWidget;
    auto* samples = new QVBoxLayout(samplesTab);
    samples->addWidget(new QLabel(tr("<b>z ~ p(z)</b>: the prior, decoded")));
    samples->addWidget(m_priorSamples, 1);
    samples->addWidget(new QLabel(tr("<b>z ~ q<sub>K</sub>(z | x)</b>: the clicked image's posterior, decoded")));
    samples->addWidget(m_posteriorSamples, 1);
    m_tabs = new QTabWidget;
    m_tabs->addTab(elboTab, tr("ELBO"));
    m_tabs->addTab(m_latentMap, tr("Latent map"));
    m_tabs->addTab(samplesTab, tr("Samples"));

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(leftBox);
    split->addWidget(centreBox);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setStretchFactor(2, 4);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    QSettings settings;
    const int k = settings.value("vaeLab/layers", 8).toInt();
    m_trainLayers->setValue(settings.value("vaeLab/trainLayers", 8).toInt());
    m_trainSteps->setValue(settings.value("vaeLab/trainSteps", 3000).toInt());
    m_selected = std::max(0, settings.value("vaeLab/image", 0).toInt());
    const int item = m_model->findData(k);
    m_model->setCurrentIndex(item >= 0 ? item : m_model->count() - 1);
    setStatus(tr("Opening the shipped model and reading the Fashion-MNIST test images…"));
    selectShippedModel(m_model->currentData().toInt());
    setDataSpec("fashion-mnist");
}

VaeLabPage::~VaeLabPage() { shutdown(); }

void VaeLabPage::shutdown() {
    if (!m_host) return;
    QSettings settings;
    settings.setValue("vaeLab/trainLayers", m_trainLayers->value());
    settings.setValue("vaeLab/trainSteps", m_trainSteps->value());
    settings.setValue("vaeLab/image", m_selected);
    m_host->shutdown();
}

void VaeLabPage::selectShippedModel(int layers) {
    QSettings().setValue("vaeLab/layers", layers);
    const int item = m_model->findData(layers);
    if (item >= 0) m_model->setCurrentIndex(item);
    m_host->post([layers](VaeLabWorker& w) { w.openShipped(layers); });
}

void VaeLabPage::openModelFile(const QString& path) {
    m_host->post([path](VaeLabWorker& w) { w.openFile(path); });
}

void VaeLabPage::openFileDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a VAE model"), QString(),
                                                      tr("FlowScope models (*.fsm);;All files (*)"));
    if (!path.isEmpty()) openModelFile(path);
}

void VaeLabPage::setDataSpec(const QString& spec) {
    m_host->post([spec](VaeLabWorker& w) { w.loadData(spec, kPickerImages); });
}

void VaeLabPage::selectImage(int index) {
    if (index < 0) return;
    m_selected = index;
    m_host->postNewest(&VaeLabWorker::postPosteriorRequest, index, &VaeLabWorker::servePosteriorRequest);
}

void VaeLabPage::startTraining(const VaeLabTrainSettings& settings) {
    if (m_training) return;
    m_training = true;
    m_train->setEnabled(false);
    m_stop->setEnabled(true);
    m_progress->setValue(0);
    setStatus(tr("Training K = %1 for %2 steps on the worker…").arg(settings.layers).arg(settings.steps));
    m_host->post([settings](VaeLabWorker& w) { w.startTraining(settings); });
}

void VaeLabPage::stopTraining() {
    if (m_training) m_host->raise(&VaeLabWorker::requestStop);
}

void VaeLabPage::onModelReady(const VaeLabModelInfo& info) {
    m_modelInfo = info;
    m_modelLabel->setText(info.description);
    if (info.shipped) {
        m_model->setCurrentIndex(m_model->findData(info.layers));
    } else {  // a file or a model trained here: one extra entry, replaced by the next
        int item = m_model->findData(-1);
        if (item < 0) {
            m_model->addItem(QString(), -1);
            item = m_model->count() - 1;
        }
        m_model->setItemText(item, tr("K = %1, %2").arg(info.layers).arg(info.source));
        m_model->setCurrentIndex(item);
    }
    setStatus(tr("Model: %1.").arg(info.description));
}

void VaeLabPage::onDataReady(const VaeLabDataInfo& info) {
    m_picker->setImages(info.images);
    m_picker->setPlaceholder(QString());
    setStatus(tr("%1: %2 images to pick from; the latent map shows the first 2000.")
                  .arg(info.description)
                  .arg(info.images.size()));
    selectImage(std::min(m_selected, static_cast<int>(info.images.size()) - 1));
}

void VaeLabPage::onPosteriorReady(const VaePosteriorInfo& info) {
    m_posterior = info;
    m_binarised->setPixmap(
        QPixmap::fromImage(info.binarised.scaled(84, 84, Qt::KeepAspectRatio, Qt::FastTransformation)));
    m_imageLabel->setText(
        tr("Test image %1%2").arg(info.index).arg(info.className.isEmpty() ? QString() : " — " + info.className));
    m_view->setPosterior(info.logPosterior);
    m_view->setQ0Contours(info.q0Contours);
    m_view->setQKContours(info.qKContours,
                          info.layers == 0 ? tr("q_K = q₀ (K = 0)") : tr("q_%1(z | x)").arg(info.layers));
    m_view->setTitle(tr("Exact posterior p(z | x) of test image %1 (50 %, 90 %, 99 % contours)").arg(info.index));
    m_strip->setSteps(static_cast<int>(info.steps.size()));
    for (size_t k = 0; k < info.steps.size(); ++k)
        m_strip->setThumbnail(static_cast<int>(k), ui::densityThumbnail(info.steps[k], 96));
    QStringList names;
    for (int k = 0; k < info.layers; ++k) names << "planar";
    m_strip->setLayerNames(names);
    m_strip->setSelected(static_cast<int>(info.steps.size()) - 1);
    ui::ElboBarValues v;
    v.logPx = info.logPx;
    v.elbo = info.elbo;
    v.klQK = info.klQK;
    v.klQ0 = info.klQ0;
    v.klBestGaussian = info.klBestGaussian;
    v.expectedLogLikelihood = info.expectedLogLikelihood;
    v.expectedLogPrior = info.expectedLogPrior;
    v.entropy = info.entropy;
    v.layers = info.layers;
    m_bars->setValues(v);
    m_identity->setText(identityText());
    m_latentMap->setMarker(info.muX, info.muY);
    m_priorSamples->setImages(info.priorSamples);
    m_posteriorSamples->setImages(info.posteriorSamples);
    setStatus(tr("Image %1: ln p(x) = %2 by quadrature (∫q_K = %3), computed in %4 ms.")
                  .arg(info.index)
                  .arg(info.logPx, 0, 'f', 2)
                  .arg(info.qMass, 0, 'f', 4)
                  .arg(info.milliseconds, 0, 'f', 0));
    emit posteriorShown(info.index);
}

void VaeLabPage::showStep(int k) {
    if (!m_posterior || k < 0 || k >= static_cast<int>(m_posterior->stepContours.size())) return;
    const bool last = k == static_cast<int>(m_posterior->stepContours.size()) - 1;
    m_view->setQKContours(last ? m_posterior->qKContours : m_posterior->stepContours[static_cast<size_t>(k)],
                          tr("q_%1(z | x)").arg(k));
}

QString VaeLabPage::identityText() const {
    if (!m_posterior) return {};
    const auto& p = *m_posterior;
    return tr("ln p(x) = ELBO + KL(q<sub>%1</sub> ‖ p(z|x)):&nbsp; <b>%2</b> = %3 + <span style='color:#c05010'>%4</span>"
              "<br>KL of q<sub>0</sub> before the flow %5, of the best diagonal Gaussian for this posterior %6")
        .arg(p.layers)
        .arg(p.logPx, 0, 'f', 2)
        .arg(p.elbo, 0, 'f', 2)
        .arg(p.klQK, 0, 'f', 3)
        .arg(p.klQ0, 0, 'f', 3)
        .arg(p.klBestGaussian, 0, 'f', 3);
}

QString VaeLabPage::modelText() const { return m_modelInfo.description; }
QString VaeLabPage::statusText() const { return m_statusText; }
int VaeLabPage::pickerCount() const { return m_picker->count(); }

void VaeLabPage::onProgress(const VaeLabTrainProgress& p) {
    m_progress->setValue(p.total > 0 ? static_cast<int>(1000.0 * p.step / p.total) : 0);
    setStatus(tr("Training: step %1 of %2, ELBO %3 nats (average %4), %5 steps/s, %6 left.%7")
                  .arg(p.step)
                  .arg(p.total)
                  .arg(p.elbo, 0, 'f', 1)
                  .arg(p.averageElbo, 0, 'f', 1)
                  .arg(p.stepsPerSecond, 0, 'f', 0)
                  .arg(etaText(p.etaSeconds))
                  .arg(p.event.isEmpty() ? QString() : " " + p.event));
}

void VaeLabPage::onTrainingFinished(const QString& summary, bool complete) {
    m_training = false;
    m_train->setEnabled(true);
    m_stop->setEnabled(false);
    if (complete) m_progress->setValue(1000);
    setStatus(summary);
}

void VaeLabPage::onFailed(const QString& message) { setStatus(tr("Error: %1").arg(message)); }

void VaeLabPage::setStatus(const QString& text) {
    m_statusText = text;
    m_status->setText(text);
    emit statusChanged(text);
}

}  // namespace flowscope
