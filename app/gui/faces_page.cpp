#include "gui/faces_page.h"

#include "common/resource_paths.h"
#include "gui/faces_worker.h"
#include "gui/worker_host.h"
#include "widgets/attribute_sliders.h"
#include "widgets/before_after_view.h"
#include "widgets/image_grid.h"
#include "widgets/image_strip.h"
#include "widgets/photo_drop_area.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowscope {

namespace {
constexpr int kMaxRecent = 8;
const char* const kImageFilters = "Images (*.png *.jpg *.jpeg *.bmp *.webp *.gif);;All files (*)";
}  // namespace

FacesPage::FacesPage(QWidget* parent) : QWidget(parent) {
    m_host = std::make_unique<WorkerHost<FacesWorker>>(QStringLiteral("flowscope-faces-worker"));
    buildUi();
    FacesWorker* w = m_host->worker();
    connect(w, &FacesWorker::modelLoaded, this, &FacesPage::onModelLoaded);
    connect(w, &FacesWorker::samplesReady, this, &FacesPage::onSamples);
    connect(w, &FacesWorker::subjectReady, this, &FacesPage::onSubject);
    connect(w, &FacesWorker::editReady, this, &FacesPage::onEdit);
    connect(w, &FacesWorker::mixReady, this, &FacesPage::onMix);
    connect(w, &FacesWorker::scalesReady, this, &FacesPage::onScales);
    connect(w, &FacesWorker::evaluated, this, &FacesPage::onEvaluated);
    connect(w, &FacesWorker::failed, this, &FacesPage::onFailed);
}

FacesPage::~FacesPage() { shutdown(); }

void FacesPage::shutdown() { m_host->shutdown(); }

void FacesPage::buildUi() {
    // ---- Model and sampling (left) ----
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    auto* modelBox = new QGroupBox(tr("Model"));
    auto* modelLayout = new QVBoxLayout(modelBox);
    m_modelSummary = new QLabel(tr("Loading the shipped face model…"));
    m_modelSummary->setWordWrap(true);
    m_modelDetails = new QLabel;
    m_modelDetails->setWordWrap(true);
    m_modelDetails->setTextFormat(Qt::RichText);
    auto* open = new QPushButton(tr("Open model…"));
    auto* import = new QPushButton(tr("Import PyTorch…"));
    import->setToolTip(tr("A rosinality/glow-pytorch or y0ast/Glow-PyTorch checkpoint"));
    m_recent = new QToolButton;
    m_recent->setText(tr("Recent"));
    m_recent->setPopupMode(QToolButton::InstantPopup);
    m_recent->setMenu(new QMenu(m_recent));
    auto* shipped = new QToolButton;
    shipped->setText(tr("Shipped models"));
    shipped->setPopupMode(QToolButton::InstantPopup);
    auto* shippedMenu = new QMenu(shipped);
    shippedMenu->addAction(tr("Faces (64 px, attributes)"), this, &FacesPage::openShippedModel);
    shippedMenu->addAction(tr("Fashion-MNIST (32 px grey, 10 classes)"), this, &FacesPage::openShippedFashionModel);
    shipped->setMenu(shippedMenu);
    // Held-out bits/dim of the open model (glow eval's numbers) on a built-in test set.
    auto* evaluate = new QToolButton;
    evaluate->setText(tr("Bits/dim on…"));
    evaluate->setToolTip(tr("Held-out bits per dimension of this model on the first 2000 test images"));
    evaluate->setPopupMode(QToolButton::InstantPopup);
    auto* evaluateMenu = new QMenu(evaluate);
    evaluateMenu->addAction(tr("Fashion-MNIST test images"), this, [this] { evaluateModel("fashion-mnist"); });
    evaluateMenu->addAction(tr("Built-in faces not seen in training"), this, [this] { evaluateModel("faces"); });
    evaluate->setMenu(evaluateMenu);
    m_evaluation = new QLabel;
    m_evaluation->setWordWrap(true);
    m_evaluation->setTextFormat(Qt::RichText);
    connect(open, &QPushButton::clicked, this, &FacesPage::chooseModel);
    connect(import, &QPushButton::clicked, this, &FacesPage::showImportDialog);

    auto* modelButtons = new QGridLayout;
    modelButtons->addWidget(open, 0, 0);
    modelButtons->addWidget(import, 0, 1);
    modelButtons->addWidget(m_recent, 1, 0);
    modelButtons->addWidget(shipped, 1, 1);
    modelButtons->addWidget(evaluate, 2, 0, 1, 2);
    modelLayout->addWidget(m_modelSummary);
    modelLayout->addWidget(m_modelDetails);
    modelLayout->addLayout(modelButtons);
    modelLayout->addWidget(m_evaluation);

    auto* sampleBox = new QGroupBox(tr("Samples"));
    auto* sampleForm = new QFormLayout(sampleBox);
    m_temperature = new QSlider(Qt::Horizontal);
    m_temperature->setRange(0, 120);
    m_temperature->setValue(70);
    m_temperature->setToolTip(tr(
        "Temperature T: every latent is drawn from N(μ, (T·σ)²). Moving it rescales the same noise, so the faces morph."));
    m_temperatureLabel = new QLabel("0.70");
    auto* tempRow = new QHBoxLayout;
    tempRow->addWidget(m_temperature, 1);
    tempRow->addWidget(m_temperatureLabel);
    sampleForm->addRow(tr("Temperature"), tempRow);
    m_gridSize = new QSpinBox;
    m_gridSize->setRange(1, 64);
    m_gridSize->setValue(16);
    sampleForm->addRow(tr("Samples"), m_gridSize);
    auto* reroll = new QPushButton(tr("Re-roll"));
    reroll->setToolTip(tr("New noise (R)"));
    sampleForm->addRow(reroll);
    m_bf16Preview = new QCheckBox(tr("Fast preview (bfloat16)"));
    m_bf16Preview->setToolTip(
        tr("Decode the grid with bfloat16 convolutions: about twice as fast on CPUs with AVX512-BF16 or AMX and "
           "on GPUs, a little off in the pixels (the error against float32 is shown). Encoding, edits, "
           "reconstructions and bits/dim always use float32."));
    sampleForm->addRow(m_bf16Preview);
    m_advanced = new QGroupBox(tr("Advanced: temperature per level"));
    m_advanced->setCheckable(true);
    m_advanced->setChecked(false);
    m_levelLayout = new QVBoxLayout(m_advanced);
    sampleForm->addRow(m_advanced);
    connect(m_temperature, &QSlider::valueChanged, this, [this](int v) {
        m_temperatureLabel->setText(QString::number(v / 100.0, 'f', 2));
        requestSamples();
    });
    connect(m_gridSize, &QSpinBox::valueChanged, this, [this] { requestSamples(); });
    connect(reroll, &QPushButton::clicked, this, &FacesPage::reroll);
    connect(m_advanced, &QGroupBox::toggled, this, [this] { requestSamples(); });
    connect(m_bf16Preview, &QCheckBox::toggled, this, [this] { requestSamples(); });

    auto* scaleBox = new QGroupBox(tr("Scales"));
    auto* scaleLayout = new QHBoxLayout(scaleBox);
    m_scaleLevel = new QComboBox;
    auto* resample = new QPushButton(tr("Resample level"));
    resample->setToolTip(
        tr("Keep every level of the face but this one, which is redrawn from its prior: what does each scale hold?"));
    scaleLayout->addWidget(m_scaleLevel, 1);
    scaleLayout->addWidget(resample);
    connect(resample, &QPushButton::clicked, this, [this] { resampleLevel(m_scaleLevel->currentIndex()); });

    m_status = new QLabel;
    m_status->setWordWrap(true);
    leftLayout->addWidget(modelBox);
    leftLayout->addWidget(sampleBox);
    leftLayout->addWidget(scaleBox);
    leftLayout->addWidget(m_status);
    leftLayout->addStretch(1);
    auto* leftScroll = new QScrollArea;
    leftScroll->setWidget(left);
    leftScroll->setWidgetResizable(true);
    leftScroll->setMinimumWidth(280);

    // ---- Samples (centre) ----
    m_grid = new ui::ImageGrid;
    m_grid->setPlaceholder(tr("Loading the model…"));
    connect(m_grid, &ui::ImageGrid::imageClicked, this, &FacesPage::selectSample);
    m_scaleStrip = new ui::ImageStrip;
    auto* centre = new QSplitter(Qt::Vertical);
    centre->addWidget(m_grid);
    centre->addWidget(m_scaleStrip);
    centre->setStretchFactor(0, 4);
    centre->setStretchFactor(1, 1);

    // ---- Editor (right) ----
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    m_drop = new ui::PhotoDropArea;
    connect(m_drop, &ui::PhotoDropArea::photoDropped, this, &FacesPage::openPhoto);
    connect(m_drop, &ui::PhotoDropArea::openRequested, this, &FacesPage::choosePhoto);
    m_beforeAfter = new ui::BeforeAfterView;
    m_beforeAfter->setCaptions(tr("Encoded"), tr("Edited"));
    m_beforeAfter->setMinimumHeight(220);
    m_sliders = new ui::AttributeSliders;
    connect(m_sliders, &ui::AttributeSliders::valuesChanged, this, [this] { requestEdit(); });
    auto* reset = new QPushButton(tr("Reset sliders"));
    auto* save = new QPushButton(tr("Save image…"));
    connect(reset, &QPushButton::clicked, this, &FacesPage::resetAttributes);
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save the edited face"), QString(), tr("PNG image (*.png)"));
        if (!path.isEmpty()) saveEditedImage(path);
    });
    auto* editButtons = new QHBoxLayout;
    editButtons->addWidget(reset);
    editButtons->addWidget(save);
    m_latency = new QLabel;
    auto* mixBox = new QGroupBox(tr("Mix"));
    auto* mixLayout = new QVBoxLayout(mixBox);
    auto* mixRow = new QHBoxLayout;
    m_mixSample = new QSpinBox;
    m_mixSample->setRange(1, 64);
    m_mixSample->setPrefix(tr("sample "));
    m_mixSteps = new QSpinBox;
    m_mixSteps->setRange(3, 16);
    m_mixSteps->setValue(7);
    m_mixSteps->setSuffix(tr(" steps"));
    auto* mixSample = new QPushButton(tr("Mix with sample"));
    auto* mixPhoto = new QPushButton(tr("Mix with photo…"));
    mixRow->addWidget(m_mixSample);
    mixRow->addWidget(m_mixSteps);
    mixRow->addWidget(mixSample);
    mixRow->addWidget(mixPhoto);
    m_mixStrip = new ui::ImageStrip;
    mixLayout->addLayout(mixRow);
    mixLayout->addWidget(m_mixStrip);
    connect(mixSample, &QPushButton::clicked, this, [this] { mixWithSample(m_mixSample->value() - 1); });
    connect(mixPhoto, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Mix with a photo"), QString(), tr(kImageFilters));
        if (!path.isEmpty())
            m_host->post([path, steps = m_mixSteps->value()](FacesWorker& w) { w.mixWithPhoto(path, steps); });
    });
    m_mixStrip->setMinimumHeight(90);
    rightLayout->addWidget(m_drop);
    rightLayout->addWidget(m_beforeAfter, 3);
    rightLayout->addWidget(m_sliders);
    rightLayout->addLayout(editButtons);
    rightLayout->addWidget(m_latency);
    rightLayout->addWidget(mixBox, 1);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(leftScroll);
    split->addWidget(centre);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);
}

void FacesPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (!m_loadedOnce) {
        m_loadedOnce = true;
        openShippedModel();
    }
}

namespace {
/// A shipped model's path, or the one-line reason it is missing.
template <typename Locate>
bool locateShipped(Locate locate, QString& pathOrError) {
    try {
        pathOrError = QString::fromStdString(locate());
        return true;
    } catch (const std::exception& e) {
        pathOrError = QString::fromUtf8(e.what());
        return false;
    }
}
}  // namespace

void FacesPage::openShippedModel() {
    m_loadedOnce = true;
    QString path;
    if (locateShipped(shippedFaceModelPath, path))
        openModel(path);
    else
        onFailed(path);
}

void FacesPage::openShippedFashionModel() {
    m_loadedOnce = true;
    QString path;
    if (locateShipped(shippedFashionModelPath, path))
        openModel(path);
    else
        onFailed(path);
}

void FacesPage::evaluateModel(const QString& spec, int limit) {
    setStatus(tr("Measuring bits/dim on %1…").arg(spec));
    m_evaluation->setText(tr("Measuring…"));
    m_host->post([spec, limit](FacesWorker& w) { w.evaluate(spec, limit); });
}

void FacesPage::onEvaluated(const FaceEvaluation& e) {
    m_lastEvaluation = e;
    QStringList levels;
    for (size_t l = 0; l < e.levelPrior.size(); ++l)
        levels << tr("level %1: prior %2, log-det %3")
                      .arg(l + 1)
                      .arg(e.levelPrior[l], 0, 'f', 3)
                      .arg(e.levelLogdet[l], 0, 'f', 3);
    m_evaluation->setText(tr("<b>%1 ± %2 bits/dim</b> on %3<br><small>%4; discretisation %5</small>")
                              .arg(e.bitsPerDim, 0, 'f', 3)
                              .arg(e.ci95, 0, 'f', 3)
                              .arg(e.data.toHtmlEscaped())
                              .arg(levels.join("; "))
                              .arg(e.discretisation, 0, 'f', 0));
    setStatus(tr("Bits/dim measured in %1 s").arg(e.seconds, 0, 'f', 1));
}

void FacesPage::openModel(const QString& path) {
    m_loadedOnce = true;
    setStatus(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    m_host->post([path](FacesWorker& w) { w.loadModel(path); });
}

void FacesPage::importCheckpoint(const QString& path, int imageSize, int nBits, const QString& format) {
    m_loadedOnce = true;
    setStatus(tr("Importing %1…").arg(QFileInfo(path).fileName()));
    m_host->post([path, imageSize, nBits, format](FacesWorker& w) { w.importModel(path, imageSize, nBits, format); });
}

void FacesPage::chooseModel() {
    QSettings s;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a FlowScope model"), s.value("faces/dir").toString(),
                                     tr("FlowScope models (*.fsm);;All files (*)"));
    if (path.isEmpty()) return;
    s.setValue("faces/dir", QFileInfo(path).absolutePath());
    if (path.endsWith(".pt")) {
        importCheckpoint(path, 64, 5);
        return;
    }
    openModel(path);
}

void FacesPage::showImportDialog() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Import a PyTorch Glow checkpoint"));
    auto* form = new QFormLayout(&dialog);
    auto* format = new QComboBox;
    format->addItem(tr("rosinality/glow-pytorch"), "glow-pytorch");
    format->addItem(tr("y0ast/Glow-PyTorch (legacy or zip torch.save)"), "y0ast");
    auto* file = new QLineEdit;
    auto* browse = new QPushButton(tr("Browse…"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(file, 1);
    fileRow->addWidget(browse);
    auto* size = new QSpinBox;
    size->setRange(8, 512);
    size->setValue(64);
    size->setToolTip(tr("glow-pytorch does not record the image size it was trained at"));
    auto* bits = new QSpinBox;
    bits->setRange(1, 8);
    bits->setValue(5);
    // y0ast/Glow-PyTorch checkpoints record their size (prior_h) and are always 8-bit.
    connect(format, &QComboBox::currentIndexChanged, &dialog, [=](int) {
        const bool y0ast = format->currentData().toString() == "y0ast";
        size->setEnabled(!y0ast);
        bits->setEnabled(!y0ast);
        if (y0ast) bits->setValue(8);
    });
    form->addRow(tr("Format"), format);
    form->addRow(tr("Checkpoint (.pt)"), fileRow);
    form->addRow(tr("Image size"), size);
    form->addRow(tr("Bits per channel"), bits);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(browse, &QPushButton::clicked, &dialog, [&] {
        const QString p = QFileDialog::getOpenFileName(&dialog, tr("PyTorch Glow checkpoint"), QString(),
                                                       tr("PyTorch checkpoints (*.pt *.pth);;All files (*)"));
        if (!p.isEmpty()) file->setText(p);
    });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted && !file->text().isEmpty())
        importCheckpoint(file->text(), size->value(), bits->value(), format->currentData().toString());
}

void FacesPage::rebuildLevelControls(int levels) {
    for (auto* s : m_levelSliders) s->deleteLater();
    m_levelSliders.clear();
    while (auto* item = m_levelLayout->takeAt(0)) {
        if (item->widget()) item->widget()->deleteLater();
        delete item;
    }
    m_scaleLevel->clear();
    for (int l = 0; l < levels; ++l) {
        const QString name = l == 0            ? tr("level 1 (finest)")
                             : l == levels - 1 ? tr("level %1 (coarsest)").arg(l + 1)
                                               : tr("level %1").arg(l + 1);
        auto* row = new QWidget;
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto* slider = new QSlider(Qt::Horizontal);
        slider->setRange(0, 120);
        slider->setValue(70);
        auto* value = new QLabel("0.70");
        connect(slider, &QSlider::valueChanged, this, [this, value](int v) {
            value->setText(QString::number(v / 100.0, 'f', 2));
            requestSamples();
        });
        h->addWidget(new QLabel(name));
        h->addWidget(slider, 1);
        h->addWidget(value);
        m_levelLayout->addWidget(row);
        m_levelSliders.push_back(slider);
        m_scaleLevel->addItem(name);
    }
}

void FacesPage::setTemperature(double t) { m_temperature->setValue(static_cast<int>(std::lround(t * 100))); }
double FacesPage::temperature() const { return m_temperature->value() / 100.0; }

void FacesPage::reroll() {
    ++m_seed;
    requestSamples();
}

void FacesPage::setGridSize(int count) { m_gridSize->setValue(count); }

void FacesPage::setBFloat16Preview(bool on) { m_bf16Preview->setChecked(on); }

void FacesPage::requestSamples() {
    if (m_info.path.isEmpty()) return;
    FaceSampleRequest r;
    r.count = m_gridSize->value();
    r.seed = m_seed;
    if (m_advanced->isChecked() && !m_levelSliders.empty()) {
        r.temperatures.clear();
        for (auto* s : m_levelSliders) r.temperatures.push_back(s->value() / 100.0);
    } else {
        r.temperatures = {temperature()};
    }
    r.bfloat16Preview = m_bf16Preview->isChecked() && m_bf16Preview->isEnabled();
    r.serial = ++m_serial;
    m_host->postNewest(&FacesWorker::postSampleRequest, r, &FacesWorker::serveSampleRequest);
}

void FacesPage::selectSample(int index) {
    if (index < 0 || index >= static_cast<int>(m_samples.images.size())) return;
    m_host->post([index](FacesWorker& w) { w.selectSample(index); });
}

void FacesPage::choosePhoto() {
    QSettings s;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a photo"), s.value("faces/photoDir").toString(), tr(kImageFilters));
    if (path.isEmpty()) return;
    s.setValue("faces/photoDir", QFileInfo(path).absolutePath());
    openPhoto(path);
}

void FacesPage::openPhoto(const QString& path) {
    m_drop->setMessage(tr("Encoding %1…").arg(QFileInfo(path).fileName()), false);
    m_host->post([path](FacesWorker& w) { w.encodePhoto(path); });
}

void FacesPage::setAttribute(const QString& name, double alpha) {
    m_sliders->setValue(name, alpha);  // silent on the widget, so ask for the edit here
    requestEdit();
}

void FacesPage::resetAttributes() {
    m_sliders->resetAll();
    requestEdit();
}

void FacesPage::requestEdit() {
    if (!m_haveSubject) return;
    FaceEditRequest r;
    r.alphas = m_sliders->values();
    r.serial = ++m_serial;
    m_host->postNewest(&FacesWorker::postEditRequest, r, &FacesWorker::serveEditRequest);
}

bool FacesPage::saveEditedImage(const QString& path) {
    const QImage& img = m_edit.image.isNull() ? m_subject.reconstruction : m_edit.image;
    const bool ok = !img.isNull() && img.save(path);
    setStatus(ok ? tr("Saved %1").arg(path) : tr("Could not write %1").arg(path), !ok);
    return ok;
}

void FacesPage::mixWithSample(int index) {
    if (!m_haveSubject) {
        setStatus(tr("Pick a face to edit first (click a sample or open a photo)."), true);
        return;
    }
    m_host->post([index, steps = m_mixSteps->value()](FacesWorker& w) { w.mixWithSample(index, steps); });
}

void FacesPage::resampleLevel(int level) {
    if (!m_haveSubject) {
        setStatus(tr("Pick a face to edit first (click a sample or open a photo)."), true);
        return;
    }
    m_host->post([level, t = temperature()](FacesWorker& w) { w.resampleLevel(level, 8, t); });
}

void FacesPage::onModelLoaded(const FaceModelInfo& info) {
    m_info = info;
    m_haveSubject = false;
    m_subject = FaceSubject{};  // the old model's face cannot be edited by the new one
    m_edit = FaceEdit{};
    m_modelSummary->setText(
        QString("<b>%1</b><br>%2").arg(QFileInfo(info.path).fileName().toHtmlEscaped(), info.summary.toHtmlEscaped()));
    m_modelDetails->setText(info.details);
    m_evaluation->clear();  // a number of the previous model
    m_sliders->setAttributes(info.attributes);
    rebuildLevelControls(info.levels);
    m_bf16Preview->setEnabled(info.bfloat16Fast);
    if (!info.bfloat16Fast)
        m_bf16Preview->setToolTip(
            tr("bfloat16 would be slower than float32 here: this CPU has neither AVX512-BF16 nor AMX."));
    rememberRecent(info.path);
    setStatus(tr("Loaded %1").arg(QFileInfo(info.path).fileName()));
    requestSamples();
}

void FacesPage::onSamples(const FaceSamples& samples) {
    m_samples = samples;
    m_grid->setImages(samples.images);
    m_mixSample->setMaximum(std::max<int>(1, static_cast<int>(samples.images.size())));
    QStringList temps;
    for (double t : samples.temperatures) temps << QString::number(t, 'f', 2);
    QString text = tr("%n sample(s) at T = %1 in %2 ms", nullptr, static_cast<int>(samples.images.size()))
                       .arg(temps.join(QStringLiteral(" / ")))
                       .arg(samples.milliseconds, 0, 'f', 0);
    if (samples.bfloat16Preview)
        text += tr(" (bfloat16 preview: max error %1/255 against float32, which took %2 ms)")
                    .arg(samples.previewMaxError * 255.0, 0, 'f', 1)
                    .arg(samples.float32Milliseconds, 0, 'f', 0);
    setStatus(text);
    // Give the editor a face as soon as there is one, so the sliders work at once.
    if (!m_haveSubject && !samples.images.empty()) selectSample(0);
}

void FacesPage::onSubject(const FaceSubject& subject) {
    m_subject = subject;
    m_haveSubject = true;
    m_edit = FaceEdit{};
    if (subject.original.size() != subject.input.size()) m_drop->setPreview(subject.original, subject.crop);
    m_drop->setMessage(tr("Editing %1").arg(subject.origin), false);
    m_beforeAfter->setBefore(subject.reconstruction);
    m_beforeAfter->setAfter(subject.reconstruction);
    m_beforeAfter->setFootnote(tr("exact reconstruction: max |x − decode(encode(x))| = %1 · %2 bits/dim")
                                   .arg(subject.reconstructionError, 0, 'g', 2)
                                   .arg(subject.bitsPerDim, 0, 'f', 3));
    requestEdit();
}

void FacesPage::onEdit(const FaceEdit& edit) {
    m_edit = edit;
    m_beforeAfter->setAfter(edit.image);
    m_latency->setText(tr("slider → face: %1 ms").arg(edit.milliseconds, 0, 'f', 0));
}

void FacesPage::onMix(const FaceMix& mix) {
    m_mix = mix;
    m_mixStrip->setImages(mix.images, mix.labels);
}

void FacesPage::onScales(const FaceScales& scales) {
    m_scales = scales;
    QStringList labels;
    for (size_t i = 0; i < scales.images.size(); ++i) labels << tr("level %1 · %2").arg(scales.level + 1).arg(i + 1);
    m_scaleStrip->setImages(scales.images, labels);
}

void FacesPage::onFailed(const QString& message) {
    setStatus(message, true);
    m_drop->setMessage(message, true);
}

void FacesPage::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    emit statusChanged(text);
}

QString FacesPage::statusText() const { return m_status->text(); }

QStringList FacesPage::recentModels() const { return QSettings().value("faces/recent").toStringList(); }

void FacesPage::rememberRecent(const QString& path) {
    QSettings s;
    QStringList recent = s.value("faces/recent").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent) recent.removeLast();
    s.setValue("faces/recent", recent);
    QMenu* menu = m_recent->menu();
    menu->clear();
    for (const auto& p : recent)
        menu->addAction(QFileInfo(p).fileName(), this, [this, p] { openModel(p); })->setToolTip(p);
}

void FacesPage::saveState() const {
    QSettings s;
    s.setValue("faces/temperature", temperature());
    s.setValue("faces/gridSize", m_gridSize->value());
    s.setValue("faces/bf16Preview", m_bf16Preview->isChecked());
}

void FacesPage::restoreState() {
    QSettings s;
    setTemperature(s.value("faces/temperature", 0.7).toDouble());
    m_gridSize->setValue(s.value("faces/gridSize", 16).toInt());
    m_bf16Preview->setChecked(s.value("faces/bf16Preview", false).toBool());
    QMenu* menu = m_recent->menu();
    for (const auto& p : recentModels())
        menu->addAction(QFileInfo(p).fileName(), this, [this, p] { openModel(p); })->setToolTip(p);
}

}  // namespace flowscope
