#include "gui/glow_train_worker.h"
#include "gui/worker_errors.h"

#include "faces/face_renderer.h"
#include "glow/glow_trainer.h"
#include "glow/latent_editing.h"
#include "io/glow_model_file.h"
#include "io/image_dataset.h"
#include "io/image_labels.h"
#include "io/image_tensor.h"

#include <QDateTime>
#include <QFileInfo>
#include <QMetaObject>

#include <algorithm>

namespace flowscope {

struct GlowTrainWorkerState {
    GlowTrainSettings settings;
    std::unique_ptr<GlowTrainer> trainer;
    std::shared_ptr<GlowDataSource> data;
    GlowFileExtras extras;
    double averageBpd = 0;
    bool finished = false;  ///< saved and reported: a Stop arriving after the end does nothing
};

namespace {

std::vector<QImage> toImages(const torch::Tensor& batch01) {
    std::vector<QImage> out;
    for (int64_t i = 0; i < batch01.size(0); ++i) {
        auto x = batch01[i];
        if (x.size(0) == 1) x = x.repeat({3, 1, 1});
        out.push_back(rgbTensorToImage(x));
    }
    return out;
}

}  // namespace

GlowTrainWorker::GlowTrainWorker() : m_state(std::make_unique<GlowTrainWorkerState>()) {
    qRegisterMetaType<GlowTrainSettings>();
    qRegisterMetaType<GlowTrainProgress>();
}
GlowTrainWorker::~GlowTrainWorker() = default;

void GlowTrainWorker::start(const GlowTrainSettings& s) {
    m_running = false;
    runGuarded(*this, [&] {
        GlowModel model{nullptr};
        GlowFileExtras extras;
        if (!s.resumeFrom.isEmpty()) {
            auto loaded = loadGlowModel(s.resumeFrom.toStdString());
            model = loaded.model;
            extras = loaded.extras;
        } else {
            validate(s.model);
            model = GlowModel(s.model);
        }
        const auto& mc = model->config();
        if (s.data == "faces" && mc.inChannels != 3)
            throw std::invalid_argument(tr("The built-in faces are RGB: choose 3 channels.").toStdString());
        ImageDatasetOptions o;
        o.size = mc.imageSize;
        o.channels = mc.inChannels;
        auto data = openTrainingData(s.data.toStdString(), o);
        auto trainer = std::make_unique<GlowTrainer>(model, data, s.training);
        if (!s.resumeFrom.isEmpty()) trainer->restoreTrainingState(extras.trainingState);
        m_state->settings = s;
        m_state->trainer = std::move(trainer);
        m_state->data = data;
        m_state->extras = extras;
        m_state->finished = false;
        m_stop = false;
        m_running = true;
        QMetaObject::invokeMethod(this, &GlowTrainWorker::runStep, Qt::QueuedConnection);
    });
}

void GlowTrainWorker::pause() {
    m_running = false;
    GlowTrainProgress p;
    if (m_state->trainer) p.step = m_state->trainer->stepsDone(), p.total = m_state->settings.training.iterations;
    p.phase = tr("paused");
    emit progress(p);
}

void GlowTrainWorker::resume() {
    if (!m_state->trainer || m_running) return;
    m_running = true;
    m_stop = false;
    QMetaObject::invokeMethod(this, &GlowTrainWorker::runStep, Qt::QueuedConnection);
}

void GlowTrainWorker::stop() {
    m_running = false;
    // The loop may already have ended the run on the stop flag; save and report it once.
    if (m_state->trainer && !m_state->finished) finish();
}

void GlowTrainWorker::runStep() {
    if (!m_running || !m_state->trainer) return;
    auto& t = *m_state->trainer;
    try {
        // The core's chunked loop: ~1/30 s of steps (at least one), so at most ~30 updates a second.
        const GlowProgress c = t.runChunk({/*seconds=*/1.0 / 30.0, /*untilStep=*/-1, &m_stop});
        const auto& s = m_state->settings;
        m_state->averageBpd = c.averageBitsPerDim;
        GlowTrainProgress p;
        p.step = c.step;
        p.total = c.total;
        p.bitsPerDim = c.bitsPerDim;
        p.averageBitsPerDim = c.averageBitsPerDim;
        p.imagesPerSecond = c.imagesPerSecond;
        p.etaSeconds = c.etaSeconds;
        p.running = true;
        p.phase = tr("training");
        if (!c.event.empty())
            p.event = tr("Step %1 gave a non-finite loss: update skipped, last good parameters restored.").arg(p.step);
        if (c.preview.defined()) p.preview = toImages(c.preview);
        if (!s.output.isEmpty() && c.checkpointDue) save(false);
        emit progress(p);
        if (c.finished || m_stop) {
            m_running = false;
            finish();
            return;
        }
    } catch (...) {
        m_running = false;
        emit failed(describeCurrentException());
        return;
    }
    if (m_running) QMetaObject::invokeMethod(this, &GlowTrainWorker::runStep, Qt::QueuedConnection);
}

void GlowTrainWorker::save(bool withAttributes) {
    auto& t = *m_state->trainer;
    const auto& s = m_state->settings;
    auto model = t.model();
    GlowFileExtras e = m_state->extras;
    e.metadata["data"] = QString::fromStdString(m_state->data->description());
    e.metadata["image_size"] = static_cast<qint64>(model->config().imageSize);
    e.metadata["n_bits"] = static_cast<qint64>(model->config().nBits);
    e.metadata["steps"] = static_cast<qint64>(t.stepsDone());
    e.metadata["bits_per_dim"] = m_state->averageBpd;
    e.metadata["saved"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    e.trainingState = t.trainingState();
    if (withAttributes) {
        GlowTrainProgress p;
        p.step = t.stepsDone();
        p.total = s.training.iterations;
        p.phase = tr("computing attribute vectors");
        emit progress(p);
        const auto& c = model->config();
        ImageDatasetOptions o;
        o.size = c.imageSize;
        o.channels = c.inChannels;
        // Enough images for stable mean latents without minutes of encoding at the end.
        o.limit = s.data == "faces" ? 2000 : 10000;
        auto set = loadImageDataset(s.data.toStdString(), o);
        const torch::Tensor& images = set.images;
        const auto& labels = set.attributes;
        const auto& names = set.attributeNames;
        const std::string source = set.description + " (" + set.attributeSource + ")";
        if (!names.empty()) {
            auto vectors = computeAttributeVectors(*model, images, labels, names, source, 32, nullptr, &m_stop);
            for (auto& v : vectors) {
                auto& existing = e.attributes;
                existing.erase(std::remove_if(existing.begin(), existing.end(),
                                              [&](const AttributeVector& a) { return a.name == v.name; }),
                               existing.end());
                existing.push_back(std::move(v));
            }
        }
        model->train();
    }
    saveGlowModel(s.output.toStdString(), *model, e);
}

void GlowTrainWorker::finish() {
    m_state->finished = true;
    runGuarded(*this, [&] {
        const auto& s = m_state->settings;
        if (s.output.isEmpty())
            throw std::invalid_argument(tr("No output file was chosen, so the model was not saved.").toStdString());
        m_stop = false;  // the attribute pass honours a new stop request
        save(s.attributesAtEnd);
        GlowTrainProgress p;
        p.step = m_state->trainer->stepsDone();
        p.total = s.training.iterations;
        p.averageBitsPerDim = m_state->averageBpd;
        p.phase = tr("done");
        emit progress(p);
        emit finished(s.output);
    });
}

}  // namespace flowscope
