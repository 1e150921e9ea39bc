#include "gui/faces_train_page.h"

#include "gui/glow_train_worker.h"
#include "gui/eta_text.h"
#include "gui/torchrun_command.h"
#include "gui/worker_host.h"
#include "widgets/bits_plot.h"
#include "widgets/image_grid.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QGroupBox>
#include <QPlainTextEdit>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace flowscope {

FacesTrainPage::FacesTrainPage(QWidget* parent) : QWidget(parent) {
    m_host = std::make_unique<WorkerHost<GlowTrainWorker>>(QStringLiteral("flowscope-glow-trainer"));
    auto* form = new QFormLayout;
    m_data = new QComboBox;
    // Item data: the data spec itself, or a folder kind ("idx:", "cifar10:", "") the user picks.
    m_data->addItem(tr("Built-in faces (true smile, age, … labels)"), "faces");
    m_data->addItem(tr("Fashion-MNIST (grey, 28×28 padded to 32×32, 10 classes)"), "fashion-mnist");
    m_data->addItem(tr("MNIST-style IDX folder…"), "idx:");
    m_data->addItem(tr("CIFAR-10 binary batches folder…"), "cifar10:");
    m_data->addItem(tr("Image folder…"), "");
    connect(m_data, &QComboBox::activated, this, [this](int i) {
        const QString kind = m_data->itemData(i).toString();
        if (kind == "fashion-mnist") {
            m_channels->setValue(1);
            m_size->setValue(32);
        }
        if (kind == "cifar10:") {
            m_channels->setValue(3);
            m_size->setValue(32);
        }
        if (kind == "faces" || kind == "fashion-mnist") return;
        const QString dir = QFileDialog::getExistingDirectory(
            this, kind.isEmpty() ? tr("Training images (labels from list_attr*.txt, X/not_X folders or UTKFace names)")
                                 : tr("Folder of %1 files").arg(m_data->itemText(i)));
        if (dir.isEmpty()) {
            m_data->setCurrentIndex(0);
            return;
        }
        m_customData = kind + dir;
        m_data->setItemText(i, tr("Folder: %1").arg(QFileInfo(dir).fileName()));
    });
    form->addRow(tr("Data"), m_data);
    auto spin = [](int lo, int hi, int v) {
        auto* s = new QSpinBox;
        s->setRange(lo, hi);
        s->setValue(v);
        return s;
    };
    m_size = spin(8, 256, 32);
    m_size->setSingleStep(8);
    m_channels = spin(1, 3, 3);
    m_levels = spin(1, 6, 3);
    m_steps = spin(1, 32, 8);
    m_hidden = spin(8, 1024, 128);
    m_coupling = new QComboBox;
    m_coupling->addItem(tr("affine"), "affine");
    m_coupling->addItem(tr("additive"), "additive");
    m_conv = new QComboBox;
    m_conv->addItem(tr("LU-decomposed"), "lu");
    m_conv->addItem(tr("plain (slogdet)"), "plain");
    m_bits = spin(1, 8, 5);
    m_batch = spin(1, 256, 16);
    m_iterations = spin(1, 10'000'000, 2000);
    m_checkpoint = spin(0, 1'000'000, 200);
    m_lr = new QDoubleSpinBox;
    m_lr->setDecimals(5);
    m_lr->setRange(1e-5, 1e-2);
    m_lr->setValue(5e-4);
    m_output =
        new QLineEdit(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("faces.fsm"));
    auto* browse = new QPushButton(tr("…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString p =
            QFileDialog::getSaveFileName(this, tr("Model file"), m_output->text(), tr("FlowScope models (*.fsm)"));
        if (!p.isEmpty()) m_output->setText(p);
    });
    auto* outRow = new QHBoxLayout;
    outRow->addWidget(m_output, 1);
    outRow->addWidget(browse);
    m_attributes = new QCheckBox(tr("Compute attribute vectors at the end"));
    m_attributes->setChecked(true);
    form->addRow(tr("Image size"), m_size);
    form->addRow(tr("Channels"), m_channels);
    form->addRow(tr("Levels L"), m_levels);
    form->addRow(tr("Steps per level K"), m_steps);
    form->addRow(tr("Hidden width"), m_hidden);
    form->addRow(tr("Coupling"), m_coupling);
    form->addRow(tr("1×1 convolution"), m_conv);
    form->addRow(tr("Bits per channel"), m_bits);
    form->addRow(tr("Batch"), m_batch);
    form->addRow(tr("Learning rate"), m_lr);
    form->addRow(tr("Iterations"), m_iterations);
    form->addRow(tr("Checkpoint every"), m_checkpoint);
    form->addRow(tr("Save to"), outRow);
    form->addRow(m_attributes);

    m_start = new QPushButton(tr("Start"));
    m_pause = new QPushButton(tr("Pause"));
    m_resume = new QPushButton(tr("Resume"));
    m_stop = new QPushButton(tr("Stop and save"));
    connect(m_start, &QPushButton::clicked, this, &FacesTrainPage::start);
    connect(m_pause, &QPushButton::clicked, this, &FacesTrainPage::pause);
    connect(m_resume, &QPushButton::clicked, this, &FacesTrainPage::resume);
    connect(m_stop, &QPushButton::clicked, this, &FacesTrainPage::stop);
    auto* buttons = new QHBoxLayout;
    for (auto* b : {m_start, m_pause, m_resume, m_stop}) buttons->addWidget(b);
    m_bar = new QProgressBar;
    m_status = new QLabel(tr("Choose the data and the architecture, then Start."));
    m_status->setWordWrap(true);

    // The same training on a cluster: torchrun starts one process a GPU (or a CPU socket).
    auto* cluster = new QGroupBox(tr("On a cluster (torchrun, data-parallel)"));
    auto* clusterForm = new QFormLayout(cluster);
    m_processes = spin(1, 64, 8);
    m_processes->setToolTip(tr("Processes per node: one a GPU"));
    m_nodes = spin(1, 4096, 1);
    m_nodes->setObjectName("clusterNodes");
    m_rendezvous = new QLineEdit("HOST:29400");
    m_rendezvous->setToolTip(tr("The host:port every node reaches (the first node's address)"));
    m_command = new QPlainTextEdit;
    m_command->setReadOnly(true);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setMaximumHeight(110);
    m_command->setToolTip(tr("--batch is per process: the global batch is processes × nodes × batch"));
    auto* copy = new QPushButton(tr("Copy command"));
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(copy, &QPushButton::clicked, this, &FacesTrainPage::copyClusterCommand);
    auto* openRunning = new QPushButton(tr("Open checkpoint…"));
    openRunning->setToolTip(tr("Open a checkpoint in Faces, also one a running job keeps rewriting"));
    connect(openRunning, &QPushButton::clicked, this, [this] {
        const QString p =
            QFileDialog::getOpenFileName(this, tr("Checkpoint"), m_output->text(), tr("FlowScope models (*.fsm)"));
        if (!p.isEmpty()) openCheckpoint(p);
    });
    auto* sizes = new QHBoxLayout;
    sizes->addWidget(new QLabel(tr("Processes per node")));
    sizes->addWidget(m_processes);
    sizes->addWidget(new QLabel(tr("Nodes")));
    sizes->addWidget(m_nodes);
    clusterForm->addRow(sizes);
    clusterForm->addRow(tr("Rendezvous"), m_rendezvous);
    clusterForm->addRow(m_command);
    auto* clusterButtons = new QHBoxLayout;
    clusterButtons->addWidget(copy);
    clusterButtons->addWidget(openRunning);
    clusterButtons->addStretch(1);
    clusterForm->addRow(clusterButtons);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addLayout(form);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_bar);
    leftLayout->addWidget(m_status);
    leftLayout->addWidget(cluster);
    leftLayout->addStretch(1);
    m_plot = new ui::BitsPlot;
    m_preview = new ui::ImageGrid;
    m_preview->setPlaceholder(tr("Preview samples (T = 0.7) appear here while training."));
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(m_plot);
    right->addWidget(m_preview);
    right->setSizes({320, 480});  // the curve readable, the preview below it
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    GlowTrainWorker* w = m_host->worker();
    connect(w, &GlowTrainWorker::progress, this, &FacesTrainPage::onProgress);
    connect(w, &GlowTrainWorker::failed, this, &FacesTrainPage::onFailed);
    connect(w, &GlowTrainWorker::finished, this, [this](const QString& path) {
        m_status->setText(tr("Saved %1 with its attribute vectors; it is open on the Faces page.").arg(path));
        emit modelReady(path);
    });
    m_pause->setEnabled(false);
    m_resume->setEnabled(false);
    m_stop->setEnabled(false);

    for (auto* sb : {m_size, m_channels, m_levels, m_steps, m_hidden, m_bits, m_batch, m_iterations, m_checkpoint,
                     m_processes, m_nodes})
        connect(sb, &QSpinBox::valueChanged, this, &FacesTrainPage::updateClusterCommand);
    for (auto* c : {m_data, m_coupling, m_conv})
        connect(c, &QComboBox::currentIndexChanged, this, &FacesTrainPage::updateClusterCommand);
    connect(m_data, &QComboBox::activated, this, &FacesTrainPage::updateClusterCommand);  // a new folder
    connect(m_lr, &QDoubleSpinBox::valueChanged, this, &FacesTrainPage::updateClusterCommand);
    for (auto* e : {m_output, m_rendezvous})
        connect(e, &QLineEdit::textChanged, this, &FacesTrainPage::updateClusterCommand);
    updateClusterCommand();
}

void FacesTrainPage::updateClusterCommand() {
    TorchrunOptions o;
    o.processesPerNode = m_processes->value();
    o.nodes = m_nodes->value();
    o.rendezvous = m_rendezvous->text().trimmed();
    m_rendezvous->setEnabled(o.nodes > 1);
    // The CLI beside this executable (a build or an install), else whatever PATH finds.
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath("flowscope-cli");
    o.cli = QFileInfo(beside).isExecutable() ? beside : "flowscope-cli";
    m_command->setPlainText(torchrunCommand(settings(), o));
}

QString FacesTrainPage::clusterCommand() const { return m_command->toPlainText(); }

void FacesTrainPage::copyClusterCommand() {
    QApplication::clipboard()->setText(clusterCommand());
    m_status->setText(
        tr("Copied the torchrun command: run it on the cluster's first node (every node, with --nnodes)."));
}

void FacesTrainPage::openCheckpoint(const QString& path) { emit modelReady(path); }

FacesTrainPage::~FacesTrainPage() { shutdown(); }

void FacesTrainPage::shutdown() { m_host->shutdown(); }

GlowTrainSettings FacesTrainPage::settings() const {
    GlowTrainSettings s;
    const QString kind = m_data->currentData().toString();
    s.data = kind == "faces" || kind == "fashion-mnist" ? kind : m_customData;
    s.model.imageSize = m_size->value();
    s.model.inChannels = m_channels->value();
    s.model.levels = m_levels->value();
    s.model.steps = m_steps->value();
    s.model.hidden = m_hidden->value();
    s.model.affine = m_coupling->currentData().toString() == "affine";
    s.model.lu = m_conv->currentData().toString() == "lu";
    s.model.nBits = m_bits->value();
    s.training.batch = m_batch->value();
    s.training.learningRate = m_lr->value();
    s.training.iterations = m_iterations->value();
    s.training.checkpointEvery = m_checkpoint->value();
    s.output = m_output->text();
    s.attributesAtEnd = m_attributes->isChecked();
    return s;
}

void FacesTrainPage::applySettings(const GlowTrainSettings& s) {
    if (s.data == "faces" || s.data == "fashion-mnist") {
        m_data->setCurrentIndex(m_data->findData(s.data));
    } else {
        m_customData = s.data;
        const QString kind = s.data.startsWith("idx:") ? "idx:" : s.data.startsWith("cifar10:") ? "cifar10:" : "";
        const int i = m_data->findData(kind);
        m_data->setCurrentIndex(i);
        m_data->setItemText(i, tr("Folder: %1").arg(QFileInfo(s.data.mid(kind.size())).fileName()));
    }
    m_size->setValue(static_cast<int>(s.model.imageSize));
    m_channels->setValue(static_cast<int>(s.model.inChannels));
    m_levels->setValue(static_cast<int>(s.model.levels));
    m_steps->setValue(static_cast<int>(s.model.steps));
    m_hidden->setValue(static_cast<int>(s.model.hidden));
    m_coupling->setCurrentIndex(s.model.affine ? 0 : 1);
    m_conv->setCurrentIndex(s.model.lu ? 0 : 1);
    m_bits->setValue(static_cast<int>(s.model.nBits));
    m_batch->setValue(static_cast<int>(s.training.batch));
    m_lr->setValue(s.training.learningRate);
    m_iterations->setValue(static_cast<int>(s.training.iterations));
    m_checkpoint->setValue(static_cast<int>(s.training.checkpointEvery));
    m_output->setText(s.output);
    m_attributes->setChecked(s.attributesAtEnd);
}

void FacesTrainPage::start() {
    const auto s = settings();
    if (s.output.isEmpty()) {
        onFailed(tr("Choose where to save the model first."));
        return;
    }
    QDir().mkpath(QFileInfo(s.output).absolutePath());
    m_plot->clear();
    m_status->setText(tr("Starting…"));
    m_start->setEnabled(false);
    m_host->post([s](GlowTrainWorker& w) { w.start(s); });
}

void FacesTrainPage::pause() { m_host->post(&GlowTrainWorker::pause); }
void FacesTrainPage::resume() { m_host->post(&GlowTrainWorker::resume); }
void FacesTrainPage::stop() {
    m_host->raise(&GlowTrainWorker::requestStop);  // a running chunk ends at its next step
    m_host->post(&GlowTrainWorker::stop);
}

void FacesTrainPage::onProgress(const GlowTrainProgress& p) {
    m_progress = p;
    m_bar->setRange(0, static_cast<int>(std::max<qint64>(1, p.total)));
    m_bar->setValue(static_cast<int>(p.step));
    if (p.running) {
        m_bar->setFormat(tr("%v / %m steps · ETA %1").arg(etaText(p.etaSeconds)));
        m_status->setText(tr("%1 bits/dim (average %2) · %3 images/s")
                              .arg(p.bitsPerDim, 0, 'f', 3)
                              .arg(p.averageBitsPerDim, 0, 'f', 3)
                              .arg(p.imagesPerSecond, 0, 'f', 1));
        m_plot->addPoint(static_cast<int>(p.step), p.bitsPerDim, p.averageBitsPerDim);
    } else {
        m_status->setText(p.phase);
    }
    if (!p.event.isEmpty()) m_status->setText(p.event);
    if (!p.preview.empty()) m_preview->setImages(p.preview);
    m_start->setEnabled(!p.running && p.phase != tr("paused"));
    m_pause->setEnabled(p.running);
    m_resume->setEnabled(!p.running && p.phase == tr("paused"));
    m_stop->setEnabled(p.running || p.phase == tr("paused"));
}

void FacesTrainPage::onFailed(const QString& message) {
    m_status->setText(message);
    m_status->setStyleSheet("color: #b00020;");
    m_start->setEnabled(true);
}

QString FacesTrainPage::statusText() const { return m_status->text(); }

}  // namespace flowscope
