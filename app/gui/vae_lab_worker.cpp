#include "gui/vae_lab_worker.h"

#include "analysis/contours.h"
#include "common/resource_paths.h"
#include "common/vae_lab_config.h"
#include "gui/worker_errors.h"
#include "io/image_dataset.h"
#include "io/vae_model_file.h"
#include "util/random.h"
#include "vae/binarised_images.h"
#include "vae/posterior_grid.h"
#include "vae/vae_trainer.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

namespace flowscope {

struct VaeLabWorkerState {
    VaeModel model{nullptr};
    QString source;
    QString dataSpec = "fashion-mnist";
    torch::Tensor testBinary;  ///< [N, 784], the fixed binarisation
    torch::Tensor testClasses;
    std::vector<std::string> classNames;
    int current = -1;
    std::unique_ptr<VaeTrainer> trainer;
    torch::Tensor trainGrey;
};

namespace {

const std::vector<double> kMasses{0.5, 0.9, 0.99};

/// Decoded Bernoulli means for latents z [n, 2] as grey 28×28 images.
std::vector<QImage> decodeImages(VaeModelImpl& model, const torch::Tensor& z) {
    auto p = torch::sigmoid(model.decoderLogits(z)).mul(255).round().clamp(0, 255).to(torch::kUInt8).contiguous();
    const int s = static_cast<int>(model.config().imageSize);
    std::vector<QImage> out;
    for (int64_t i = 0; i < p.size(0); ++i) {
        QImage img(s, s, QImage::Format_Grayscale8);
        for (int y = 0; y < s; ++y)
            std::memcpy(img.scanLine(y), p[i].data_ptr<uint8_t>() + y * s, static_cast<size_t>(s));
        out.push_back(img);
    }
    return out;
}

QImage greyImage(const torch::Tensor& flat, int size) {
    auto bytes = flat.mul(255).round().clamp(0, 255).to(torch::kUInt8).contiguous();
    QImage img(size, size, QImage::Format_Grayscale8);
    for (int y = 0; y < size; ++y)
        std::memcpy(img.scanLine(y), bytes.data_ptr<uint8_t>() + y * size, static_cast<size_t>(size));
    return img;
}

QString describe(const VaeConfig& c, const QString& source) {
    const QString flow = c.flowLayers() == 0 ? QObject::tr("mean field (K = 0)")
                                             : QObject::tr("K = %1 %2 %3 layers")
                                                   .arg(c.flowLayers())
                                                   .arg(c.amortised ? QObject::tr("amortised") : QObject::tr("global"))
                                                   .arg(kindName(kVaeFlows, c.flow));
    return QObject::tr("%1, %2-D latent, %3").arg(flow).arg(c.latent).arg(source);
}

}  // namespace

VaeLabWorker::VaeLabWorker() : m_state(std::make_unique<VaeLabWorkerState>()) {
    qRegisterMetaType<VaeLabModelInfo>();
    qRegisterMetaType<VaeLabDataInfo>();
    qRegisterMetaType<VaeLatentMapInfo>();
    qRegisterMetaType<VaePosteriorInfo>();
    qRegisterMetaType<VaeLabTrainSettings>();
    qRegisterMetaType<VaeLabTrainProgress>();
}

VaeLabWorker::~VaeLabWorker() = default;

void VaeLabWorker::openShipped(int layers) {
    m_state->model = loadVaeModel(shippedVaeLabModelPath(layers)).model;
    useModel(tr("shipped"), true);
}

void VaeLabWorker::openFile(const QString& path) {
    auto loaded = loadVaeModel(path.toStdString()).model;
    if (loaded->config().latent != 2)
        throw std::runtime_error("the lab draws exact posteriors of 2-D latents; '" + path.toStdString() + "' has " +
                                 std::to_string(loaded->config().latent) + " latent dimensions");
    m_state->model = loaded;
    useModel(QFileInfo(path).fileName(), false);
}

void VaeLabWorker::useModel(const QString& source, bool shipped) {
    m_state->model->eval();
    m_state->source = source;
    const auto& c = m_state->model->config();
    emit modelReady({describe(c, source), static_cast<int>(c.flowLayers()), source, shipped});
    if (m_state->testBinary.defined()) {
        emitLatentMap();
        if (m_state->current >= 0) computePosterior(m_state->current);
    }
}

void VaeLabWorker::loadData(const QString& spec, int pickerCount) {
    ImageDatasetOptions o;
    o.size = 28;
    o.channels = 1;
    o.split = "test";
    o.limit = 2000;
    auto set = loadImageDataset(spec.toStdString(), o);
    if (set.images.size(0) == 0) throw std::runtime_error("'" + spec.toStdString() + "' holds no test images");
    m_state->dataSpec = spec;
    auto grey = greyLevels(set.images);
    m_state->testBinary = fixedBinarisation(grey);
    m_state->testClasses = set.classes;
    m_state->classNames = set.classNames;
    VaeLabDataInfo info;
    info.description = QString::fromStdString(set.description);
    for (const auto& n : set.classNames) info.classNames << QString::fromStdString(n);
    const int64_t n = std::min<int64_t>(pickerCount, grey.size(0));
    for (int64_t i = 0; i < n; ++i) {
        info.images.push_back(greyImage(grey[i], 28));
        info.classes.push_back(set.classes.defined() ? static_cast<int>(set.classes[i].item<int64_t>()) : -1);
    }
    emit dataReady(info);
    if (m_state->model) emitLatentMap();
}

void VaeLabWorker::emitLatentMap() {
    torch::NoGradGuard noGrad;
    auto& model = *m_state->model;
    auto mu = model.encode(m_state->testBinary).mu;  // [N, 2]
    // The square holding 99 % of the test points' means, and the prior's ±2.5.
    const double extent = std::max(2.5, torch::quantile(mu.abs().flatten(), 0.99).item<double>() * 1.1);
    VaeLatentMapInfo map;
    map.x0 = map.y0 = -extent;
    map.x1 = map.y1 = extent;
    const int tiles = 15, s = 28;
    auto centres = (torch::arange(tiles, torch::kFloat32) + 0.5) / tiles * (2 * extent) - extent;
    auto zy = centres.flip(0).unsqueeze(1).expand({tiles, tiles});  // row 0 at the top
    auto zx = centres.unsqueeze(0).expand({tiles, tiles});
    auto images = decodeImages(model, torch::stack({zx.reshape(-1), zy.reshape(-1)}, 1));
    map.mosaic = QImage(tiles * s, tiles * s, QImage::Format_Grayscale8);
    for (int r = 0; r < tiles; ++r)
        for (int c = 0; c < tiles; ++c) {
            const QImage& tile = images[static_cast<size_t>(r * tiles + c)];
            for (int y = 0; y < s; ++y)
                std::memcpy(map.mosaic.scanLine(r * s + y) + c * s, tile.constScanLine(y), static_cast<size_t>(s));
        }
    auto xy = mu.contiguous();
    map.xy.assign(xy.data_ptr<float>(), xy.data_ptr<float>() + xy.numel());
    for (int64_t i = 0; i < mu.size(0); ++i)
        map.classes.push_back(m_state->testClasses.defined() ? static_cast<int>(m_state->testClasses[i].item<int64_t>())
                                                             : -1);
    for (const auto& n : m_state->classNames) map.classNames << QString::fromStdString(n);
    emit latentMapReady(map);
}

void VaeLabWorker::servePosteriorRequest() {
    auto index = m_posterior.take();
    if (!index) return;
    computePosterior(*index);
}

void VaeLabWorker::computePosterior(int index) {
    if (!m_state->model || !m_state->testBinary.defined()) return;
    if (index < 0 || index >= m_state->testBinary.size(0))
        throw std::out_of_range("image " + std::to_string(index) + " is not among the " +
                                std::to_string(m_state->testBinary.size(0)) + " test images");
    m_state->current = index;
    QElapsedTimer timer;
    timer.start();
    torch::NoGradGuard noGrad;
    auto& model = *m_state->model;
    auto x = m_state->testBinary.narrow(0, index, 1);
    auto q = model.encode(x);
    PosteriorGridOptions o;
    o.size = 128;
    auto grid = posteriorOnGrid(q, model.likelihoodOf(x), o);
    VaePosteriorInfo info;
    info.index = index;
    info.layers = static_cast<int>(q.layers());
    if (m_state->testClasses.defined()) {
        const auto k = static_cast<size_t>(m_state->testClasses[index].item<int64_t>());
        if (k < m_state->classNames.size()) info.className = QString::fromStdString(m_state->classNames[k]);
    }
    info.binarised = greyImage(x[0], 28);
    info.logPosterior = grid.logPosterior;
    GridSpec stripSpec = grid.spec;
    stripSpec.nx = stripSpec.ny = 64;
    info.steps = posteriorSteps(q, stripSpec);
    for (const auto& step : info.steps) info.stepContours.push_back(massContours(step, kMasses));
    info.posteriorContours = massContours(grid.logPosterior, kMasses);
    info.q0Contours = massContours(grid.logQ0, kMasses);
    info.qKContours = massContours(grid.logQK, kMasses);
    info.logPx = grid.logPx;
    info.elbo = grid.elbo;
    info.klQK = grid.klQKPosterior;
    info.klQ0 = grid.klQ0Posterior;
    info.klBestGaussian = bestDiagonalGaussian(grid, 200).kl;
    info.elboQ0 = grid.elboQ0;
    info.expectedLogLikelihood = grid.expectedLogLikelihood;
    info.expectedLogPrior = grid.expectedLogPrior;
    info.entropy = grid.entropy;
    info.qMass = grid.qMass;
    info.muX = q.mu[0][0].item<double>();
    info.muY = q.mu[0][1].item<double>();
    auto gen = makeGenerator(static_cast<uint64_t>(index) + 1);
    info.posteriorSamples = decodeImages(model, samplePosterior(q, 8, gen).zK[0]);
    auto priorGen = makeGenerator(0x9E1);  // the same prior draws for every image
    info.priorSamples = decodeImages(model, normalTensor({8, 2}, priorGen));
    info.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    emit posteriorReady(info);
}

void VaeLabWorker::startTraining(const VaeLabTrainSettings& s) {
    m_stop = false;
    if (!m_state->trainGrey.defined()) {
        ImageDatasetOptions o;
        o.size = 28;
        o.channels = 1;
        o.split = "train";
        m_state->trainGrey = greyLevels(loadImageDataset(m_state->dataSpec.toStdString(), o).images);
    }
    VaeTrainConfig t;
    t.steps = s.steps;
    t.batch = s.batch;
    t.learningRate = s.learningRate;
    t.annealSteps = s.annealSteps;
    t.seed = static_cast<uint64_t>(s.seed);
    t.device = "auto";
    VaeConfig c = vaeLabConfig(s.layers);
    c.seed = static_cast<uint64_t>(s.seed);
    m_state->trainer = std::make_unique<VaeTrainer>(VaeModel(c), m_state->trainGrey, t);
    QMetaObject::invokeMethod(this, &VaeLabWorker::trainChunk, Qt::QueuedConnection);
}

void VaeLabWorker::trainChunk() {
    auto& trainer = m_state->trainer;
    if (!trainer) return;
    // Not posted through the host (it re-queues itself), so it guards its own errors.
    const bool ok = runGuarded(*this, [&] {
        const auto p = trainer->runChunk({0.25, -1, &m_stop, nullptr});
        VaeLabTrainProgress info{static_cast<int>(p.step),
                                 static_cast<int>(p.total),
                                 p.elbo,
                                 p.averageElbo,
                                 p.beta,
                                 p.stepsPerSecond,
                                 p.etaSeconds,
                                 QString::fromStdString(p.event),
                                 p.finished};
        emit trainingProgress(info);
        if (p.finished) {
            m_state->model = trainer->model();
            trainer.reset();
            emit trainingFinished(tr("Trained %1 steps; ELBO ≈ %2 nats per image (training batches).")
                                      .arg(p.step)
                                      .arg(p.averageElbo, 0, 'f', 1),
                                  true);
            useModel(tr("trained here"), false);
        } else if (m_stop) {
            trainer.reset();
            emit trainingFinished(tr("Stopped at step %1; the open model is unchanged.").arg(p.step), false);
        } else {
            // Queued, so the clicks that arrived during this chunk are served first.
            QMetaObject::invokeMethod(this, &VaeLabWorker::trainChunk, Qt::QueuedConnection);
        }
    });
    if (!ok && trainer) {
        trainer.reset();
        emit trainingFinished(tr("Training failed; the open model is unchanged."), false);
    }
}

}  // namespace flowscope
