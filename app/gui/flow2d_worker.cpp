#include "gui/flow2d_worker.h"

#include "analysis/density_ledger.h"
#include "gui/worker_errors.h"

#include "analysis/density_analysis.h"
#include "analysis/contours.h"
#include "common/target_resolver.h"
#include "io/atomic_file.h"
#include "io/flow_animation.h"
#include "io/flow_model_file.h"
#include "flow/hand_set_layer.h"
#include "io/frame_label.h"
#include "io/gif_encoder.h"
#include "io/heatmap_image.h"
#include "train/trainer_2d.h"
#include "util/random.h"
#include "widgets/heat_image.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMetaObject>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace flowscope {

/// What the worker owns (torch types stay out of the header).
struct Flow2DWorkerState {
    Flow2DSettings settings;
    std::unique_ptr<Trainer2D> trainer;
    Flow2DTargetInfo info;
    torch::Tensor particleBase;  ///< fixed z_0 samples, so particles move smoothly between frames
    qint64 stepsAtRateStart = 0;
    QElapsedTimer rateClock;
    double stepsPerSecond = 0;
    Evaluation lastEvaluation;
    /// Manual mode's recording: after every applied edit, the step on screen and every layer.
    struct RecordedFrame {
        int step = 0;
        std::vector<LayerGeometry> layers;
    };
    bool recording = false;
    std::vector<RecordedFrame> recorded;
};

namespace {

constexpr int kThumbnailResolution = 48;
constexpr int kMaxParticles = 5000;
constexpr size_t kMaxRecordedFrames = 3000;  // ~2 minutes of dragging at 25 edits a second

GridSpec gridFor(const double bounds[4], int resolution) {
    GridSpec g;
    g.nx = g.ny = resolution;
    g.x0 = bounds[0], g.x1 = bounds[1], g.y0 = bounds[2], g.y1 = bounds[3];
    return g;
}

struct EvalScope {
    explicit EvalScope(torch::nn::Module& m) : module(m), wasTraining(m.is_training()) { m.eval(); }
    ~EvalScope() { module.train(wasTraining); }
    torch::nn::Module& module;
    bool wasTraining;
};

std::vector<float> toXy(const torch::Tensor& t) {
    auto c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

}  // namespace

Flow2DWorker::Flow2DWorker() : m_state(std::make_unique<Flow2DWorkerState>()) {
    qRegisterMetaType<Flow2DSettings>();
    qRegisterMetaType<Flow2DViewRequest>();
    qRegisterMetaType<Flow2DProgress>();
    qRegisterMetaType<Flow2DView>();
    qRegisterMetaType<Flow2DTargetInfo>();
    qRegisterMetaType<Flow2DLedgerRequest>();
    qRegisterMetaType<Flow2DLedger>();
    qRegisterMetaType<Flow2DLayerEdit>();
    m_sinceView.start();
    m_sinceProgress.start();
    m_sinceEval.start();
}

Flow2DWorker::~Flow2DWorker() = default;

void Flow2DWorker::configure(const Flow2DSettings& settings) {
    m_running = false;
    runGuarded(*this, [&] {
        const std::string targetName = settings.target.toStdString();
        TrainingTarget target = TrainingTarget::energy(Energy::fromName("U1"));
        Flow2DTargetInfo info;
        if (settings.target == "drawn") {
            if (settings.drawnPoints.size() < 4)
                throw std::invalid_argument(tr("Draw at least two points before training on them.").toStdString());
            auto pts = torch::from_blob(const_cast<float*>(settings.drawnPoints.data()),
                                        {static_cast<int64_t>(settings.drawnPoints.size() / 2), 2}, torch::kFloat32)
                           .clone();
            target = TrainingTarget::points(std::make_shared<FinitePointSet>(pts, "drawn points"));
            info.name = tr("your drawing");
        } else {
            auto resolved = resolveTarget(targetName);
            target = resolved.target;
            for (const auto& w : resolved.warnings) info.warnings << QString::fromStdString(w);
            info.name = QString::fromStdString(target.name());
        }
        TrainConfig training = settings.training;
        training.seed = settings.model.seed;  // one Seed box seeds initialisation and sampling
        FlowModel model{nullptr};
        if (settings.initialModel.isEmpty()) {
            model = FlowModel(settings.model);
        } else {
            auto loaded = loadFlowModelFromBytes(settings.initialModel.toStdString(), "the demo file's model");
            if (!(loaded.model->config() == settings.model))
                throw std::invalid_argument(
                    "the demo file's model does not have the architecture its settings describe");
            model = loaded.model;
        }
        if (settings.handSetLayers.size() > static_cast<size_t>(model->flows->size()))
            throw std::invalid_argument("more hand-set layers than the flow has");
        for (size_t i = 0; i < settings.handSetLayers.size(); ++i)
            setHandSetGeometry(*model->flows->layer(i), settings.handSetLayers[i]);
        auto trainer = std::make_unique<Trainer2D>(model, target, training);

        // Only now, with everything valid, replace the old model: a failure above loses nothing.
        info.configuration = settings.configuration;
        info.isEnergy = target.isEnergy();
        const auto extent = target.extent();
        std::copy(extent.begin(), extent.end(), info.bounds);
        if (target.isEnergy()) {
            info.contours = energyContours(target.energy(), gridFor(info.bounds, 160));
        } else {
            auto gen = makeGenerator(deriveSeed(settings.model.seed, 77));
            info.dataPoints = toXy(target.sampler().sample(2000, gen));
        }
        m_state->settings = settings;
        m_state->trainer = std::move(trainer);
        m_state->info = info;
        auto gen = makeGenerator(deriveSeed(settings.model.seed, 31));
        m_state->particleBase = m_state->trainer->model()->base->sample(kMaxParticles, gen, m_state->trainer->device());
        m_state->lastEvaluation = Evaluation{};
        if (m_state->recording || !m_state->recorded.empty()) {
            m_state->recording = false;  // a recording belongs to the flow it was made on
            m_state->recorded.clear();
            emit recordingChanged(false, 0);
        }
        m_state->stepsPerSecond = 0;
        m_nextThumbnail = 0;
        m_resolution = m_lastRequest.resolution;
        emit configured(info);
        emitProgress(/*evaluate=*/true);
        emitView(/*refreshAllThumbnails=*/true);
    });
}

void Flow2DWorker::train() {
    if (!m_state->trainer || m_running) return;
    if (m_state->trainer->stepsDone() >= m_state->trainer->config().steps)
        m_state->trainer->extendBy(m_state->settings.training.steps);
    m_stop = false;
    m_pause = false;
    m_running = true;
    m_state->stepsAtRateStart = m_state->trainer->stepsDone();
    m_state->rateClock.start();
    QMetaObject::invokeMethod(this, &Flow2DWorker::runChunk, Qt::QueuedConnection);
}

void Flow2DWorker::pause() {
    if (!m_running) return;
    m_running = false;
    emitProgress(/*evaluate=*/true);
    emitView(/*refreshAllThumbnails=*/true);
}

void Flow2DWorker::stepOnce() {
    if (!m_state->trainer || m_running) return;
    if (m_state->trainer->stepsDone() >= m_state->trainer->config().steps) m_state->trainer->extendBy(1);
    const auto r = m_state->trainer->step();
    emitProgress(/*evaluate=*/true);
    if (!r.applied) emit failed(tr("The step gave a non-finite loss; the last good parameters were restored."));
    emitView(/*refreshAllThumbnails=*/true);
}

void Flow2DWorker::runChunk() {
    if (!m_running || !m_state->trainer) return;
    auto& trainer = *m_state->trainer;
    // ~15 ms of training in the core's chunked loop, then serve queued calls (the GUI may have
    // paused or changed settings); pause and stop also end the chunk mid-way.
    const auto chunk = trainer.runChunk({/*seconds=*/0.015, /*untilStep=*/-1, &m_stop, &m_pause});
    QString event;
    if (!chunk.event.empty())
        event = tr("Step %1 gave a non-finite loss or gradient: update skipped, last good parameters restored.")
                    .arg(trainer.stepsDone());
    const double secs = m_state->rateClock.elapsed() / 1000.0;
    if (secs > 0.2) {
        m_state->stepsPerSecond = (trainer.stepsDone() - m_state->stepsAtRateStart) / secs;
        if (secs > 2.0) {
            m_state->stepsAtRateStart = trainer.stepsDone();
            m_state->rateClock.restart();
        }
    }
    const bool finished = trainer.stepsDone() >= trainer.config().steps;
    if (m_pause || m_stop || finished) m_running = false;
    // Evaluations (10k samples) take ≤ ~10 % of the time, but come at least once a second: the
    // first one after building a flow runs cold (~200 ms, then ~10 ms), and its cost alone must
    // not freeze the KL curve for seconds.
    const bool evaluate = !m_running || m_sinceEval.elapsed() > std::clamp(10.0 * m_lastEvalMs, 150.0, 1000.0);
    if (!m_running || !event.isEmpty() || m_sinceProgress.elapsed() >= 66) {
        emitProgress(evaluate);
        if (!event.isEmpty()) emit failed(event);
    }
    // ≥ 10 view updates per second: a view is due 80 ms after the last one started.
    if (!m_running || m_sinceView.elapsed() >= 80) emitView(/*refreshAllThumbnails=*/!m_running);
    if (m_running) QMetaObject::invokeMethod(this, &Flow2DWorker::runChunk, Qt::QueuedConnection);
}

void Flow2DWorker::emitProgress(bool evaluate) {
    if (!m_state->trainer) return;
    auto& trainer = *m_state->trainer;
    if (evaluate) {
        QElapsedTimer t;
        t.start();
        m_state->lastEvaluation = trainer.evaluate();
        m_lastEvalMs = static_cast<double>(t.elapsed());
        m_sinceEval.restart();
    }
    Flow2DProgress p;
    p.step = trainer.stepsDone();
    p.totalSteps = trainer.config().steps;
    p.beta = trainer.target().isEnergy() ? annealingBeta(trainer.config(), std::max<int64_t>(1, p.step)) : 1.0;
    p.loss = trainer.lastLoss();
    p.kl = m_state->lastEvaluation.kl;
    p.ess = m_state->lastEvaluation.ess;
    p.nll = m_state->lastEvaluation.nll;
    p.running = m_running;
    p.rolledBack = trainer.rolledBack();
    p.stepsPerSecond = m_state->stepsPerSecond;
    m_sinceProgress.restart();
    emit progress(p);
}

void Flow2DWorker::serveViewRequest() {
    if (auto request = m_requests.take()) {
        m_lastRequest = *request;
        m_lastRequest.resolution = std::clamp(m_lastRequest.resolution, 16, 1024);
        m_resolution = m_lastRequest.resolution;
        if (!m_running) emitView(/*refreshAllThumbnails=*/false);
    }
}

void Flow2DWorker::serveLayerEdit() {
    if (auto edit = m_edits.take()) applyLayerEdit(*edit);
}

void Flow2DWorker::applyLayerEdit(const Flow2DLayerEdit& edit) {
    if (!m_state->trainer) return;
    if (m_running) {
        emit failed(tr("Pause training before setting a layer by hand."));
        return;
    }
    auto model = m_state->trainer->model();  // the fused path writes its parameters back first
    const int K = static_cast<int>(model->flows->size());
    if (edit.layer < 1 || edit.layer > K) return;  // stale: sent before a reconfiguration
    runGuarded(*this, [&] {
        setHandSetGeometry(*model->flows->layer(static_cast<size_t>(edit.layer - 1)), edit.geometry);
        m_state->trainer->parametersEdited();
        if (m_state->recording) recordFrame(*model);
        if (edit.finished) {
            m_nextThumbnail = 0;
            emitProgress(/*evaluate=*/true);
        }
        emitView(/*refreshAllThumbnails=*/edit.finished);
    });
}

void Flow2DWorker::recordFrame(FlowModelImpl& model) {
    auto& frames = m_state->recorded;
    if (frames.size() >= kMaxRecordedFrames) {
        m_state->recording = false;
        emit recordingChanged(false, static_cast<int>(frames.size()));
        return;
    }
    Flow2DWorkerState::RecordedFrame f;
    f.step = m_lastRequest.step;
    for (const auto& layer : model.flows->layers()) f.layers.push_back(layer->geometry());
    frames.push_back(std::move(f));
    emit recordingChanged(true, static_cast<int>(frames.size()));
}

void Flow2DWorker::setRecording(bool on) {
    if (!m_state->trainer) return;
    if (on) {
        m_state->recorded.clear();
        m_state->recording = true;
        recordFrame(*m_state->trainer->model());  // the start
    } else {
        m_state->recording = false;
        emit recordingChanged(false, static_cast<int>(m_state->recorded.size()));
    }
}

void Flow2DWorker::exportRecording(const Flow2DAnimationRequest& request) {
    if (!m_state->trainer) return;
    const bool ok = runGuarded(*this, [&] {
        const auto& frames = m_state->recorded;
        if (frames.size() < 2)
            throw std::invalid_argument(tr("Record at least one change of a layer first.").toStdString());
        if (request.size < 16 || request.size > 2048)
            throw std::invalid_argument("an animation's frames are 16…2048 pixels a side");
        auto model = m_state->trainer->model();
        EvalScope eval(*model);
        torch::NoGradGuard noGrad;
        // Replays the recorded parameters on the live flow, then puts back what it holds now.
        std::vector<LayerGeometry> now;
        for (const auto& layer : model->flows->layers()) now.push_back(layer->geometry());
        auto restore = [&] {
            for (size_t i = 0; i < now.size(); ++i)
                if (isHandSettable(now[i])) setHandSetGeometry(*model->flows->layer(i), now[i]);
            m_state->trainer->parametersEdited();
        };
        GifEncoder gif(request.size, request.size);
        const int delay = gifDelayMs(request.fps);
        const GridSpec grid = gridFor(m_state->info.bounds, request.size);
        const int n = static_cast<int>(frames.size());
        try {
            for (int i = 0; i < n; ++i) {
                const auto& f = frames[static_cast<size_t>(i)];
                for (size_t k = 0; k < f.layers.size() && k < model->flows->size(); ++k)
                    if (isHandSettable(f.layers[k])) setHandSetGeometry(*model->flows->layer(k), f.layers[k]);
                const auto step =
                    static_cast<size_t>(std::clamp<int>(f.step, 0, static_cast<int>(model->flows->size())));
                QImage image = heatmapImage(stepLogDensity(*model, step, grid), ColorScale::Density)
                                   .convertToFormat(QImage::Format_RGB32);
                if (request.label) {
                    QPainter p(&image);
                    p.setRenderHint(QPainter::Antialiasing);
                    drawFrameLabel(p, request.size, QStringLiteral("q%1 · %2 / %3").arg(step).arg(i + 1).arg(n));
                }
                gif.addFrame(image, i == n - 1 ? delay + static_cast<int>(1000 * request.holdSeconds) : delay);
                if (request.cancel->load()) {
                    restore();
                    emit animationExported(request.path, 0, 0);
                    return;
                }
                emit animationProgress(i + 1, n);
            }
        } catch (...) {
            restore();
            throw;
        }
        restore();
        const std::string bytes = gif.finish();
        writeFileAtomically(request.path.toStdString(), bytes);
        emit animationExported(request.path, n, static_cast<qint64>(bytes.size()));
    });
    if (!ok) emit animationExported(request.path, 0, -1);
}

void Flow2DWorker::probe(const Flow2DLedgerRequest& request) {
    if (!m_state->trainer) return;
    // A click queued before a reconfiguration to fewer layers is stale, not an error to show.
    if (request.step < 0 || static_cast<size_t>(request.step) > m_state->trainer->model()->flows->size()) return;
    runGuarded(*this, [&] {
        Flow2DLedger out{request.step, request.x, request.y, {}};
        out.ledger = densityLedger(*m_state->trainer->model(), request.x, request.y, request.square, 32,
                                   static_cast<size_t>(request.step));
        emit ledgerReady(out);
    });
}

void Flow2DWorker::emitView(bool refreshAllThumbnails) {
    if (!m_state->trainer) return;
    m_sinceView.restart();
    QElapsedTimer t;
    t.start();
    runGuarded(*this, [&] {
        Flow2DView view = computeView(m_lastRequest, refreshAllThumbnails);
        emit viewReady(view);
    });
    m_lastViewMs = static_cast<double>(t.elapsed());
    // While training, keep the views under ~40 % of the time by adapting their resolution.
    if (m_running) {
        if (m_lastViewMs > 50 && m_resolution > 64)
            m_resolution = std::max(64, m_resolution * 4 / 5);
        else if (m_lastViewMs < 20 && m_resolution < m_lastRequest.resolution)
            m_resolution = std::min(m_lastRequest.resolution, m_resolution + 16);
    } else {
        m_resolution = m_lastRequest.resolution;
    }
}

Flow2DView Flow2DWorker::computeView(const Flow2DViewRequest& request, bool allThumbnails) {
    auto model = m_state->trainer->model();
    torch::NoGradGuard noGrad;
    EvalScope eval(*model);
    const int K = static_cast<int>(model->flows->size());
    Flow2DView view;
    view.serial = request.serial;
    view.layers = K;
    for (const auto& layer : model->flows->layers()) {
        view.layerKinds << QString::fromStdString(layer->kind());
        view.layerGeometries.push_back(layer->geometry());
    }
    const int k = std::clamp(request.step, 0, K);
    const double t = k < K ? std::clamp(request.fraction, 0.0, 1.0) : 0.0;
    view.step = k;
    view.fraction = t;
    const GridSpec grid = gridFor(m_state->info.bounds, m_resolution);
    const auto frame = analyzeFrame(*model, static_cast<size_t>(k), t, grid);
    view.logDensity = frame.logDensity;
    view.cumulativeLogdet = frame.cumulativeLogdet;
    const int layerIndex = t > 0 ? k + 1 : k;
    if (layerIndex >= 1) {
        if (request.layerLogdets) view.layerLogdet = layerLogdetGrid(*model, static_cast<size_t>(layerIndex), grid);
        view.shape = model->flows->layer(static_cast<size_t>(layerIndex - 1))->geometry();
    }
    auto prefix = model->flows->prefix(static_cast<size_t>(k), t);
    const int64_t n = std::clamp<int64_t>(request.particles, 0, kMaxParticles);
    if (n > 0) view.particles = toXy(prefix->forward(m_state->particleBase.slice(0, 0, n)).z.back());
    if (request.gridLines) view.gridLines = gridLinesThrough(*prefix, -3.0, 3.0, 13, 80);

    // Strip thumbnails: all of them when idle, otherwise a few per view within ~10 ms.
    QElapsedTimer budget;
    budget.start();
    const GridSpec small = gridFor(m_state->info.bounds, kThumbnailResolution);
    for (int done = 0; done <= K; ++done) {
        if (!allThumbnails && budget.elapsed() > 10) break;
        const int step = m_nextThumbnail % (K + 1);
        m_nextThumbnail = (m_nextThumbnail + 1) % (K + 1);
        const auto grid = stepLogDensity(*model, static_cast<size_t>(step), small);
        view.thumbnails.emplace_back(step, ui::densityThumbnail(grid, kThumbnailResolution));
    }
    return view;
}

QJsonObject Flow2DWorker::modelMetadata() {
    auto& tr = *m_state->trainer;
    const auto e = tr.target().extent();
    return QJsonObject{{"target", QString::fromStdString(tr.target().name())},
                       {"steps", static_cast<qint64>(tr.stepsDone())},
                       {"batch", static_cast<qint64>(tr.config().batch)},
                       {"lr", tr.config().learningRate},
                       {"seed", static_cast<qint64>(tr.config().seed)},
                       {"final_loss", tr.lastLoss()},
                       {"extent", QJsonArray{e[0], e[1], e[2], e[3]}},
                       {"created", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
}

void Flow2DWorker::saveModel(const QString& path) {
    if (!m_state->trainer) return;
    runGuarded(*this, [&] {
        saveFlowModel(path.toStdString(), *m_state->trainer->model(), modelMetadata());
        emit saved(path);
    });
}

void Flow2DWorker::snapshotModel(const QString& tag) {
    if (!m_state->trainer) {
        emit modelSnapshot(tag, QByteArray());  // nothing configured yet (an empty drawing)
        return;
    }
    runGuarded(*this, [&] {
        const std::string bytes = flowModelBytes(*m_state->trainer->model(), modelMetadata());
        emit modelSnapshot(tag, QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())));
    });
}

void Flow2DWorker::exportAnimation(const Flow2DAnimationRequest& request) {
    if (!m_state->trainer) return;
    const bool ok = runGuarded(*this, [&] {
        auto model = m_state->trainer->model();
        EvalScope eval(*model);
        FlowAnimationOptions o;
        o.frames = request.frames;
        o.size = request.size;
        o.particles = request.particles;
        o.gridLines = request.gridLines;
        o.label = request.label;
        o.bounds.x0 = m_state->info.bounds[0], o.bounds.x1 = m_state->info.bounds[1];
        o.bounds.y0 = m_state->info.bounds[2], o.bounds.y1 = m_state->info.bounds[3];
        o.seed = deriveSeed(m_state->settings.model.seed, 31);
        const auto gif = encodeFlowAnimationGif(*model, o, request.fps, request.holdSeconds, [&](int done, int total) {
            if (request.cancel->load()) return false;
            emit animationProgress(done, total);
            return true;
        });
        if (gif.cancelled) {
            emit animationExported(request.path, 0, 0);
            return;
        }
        writeFileAtomically(request.path.toStdString(), gif.bytes);
        emit animationExported(request.path, gif.frames, static_cast<qint64>(gif.bytes.size()));
    });
    if (!ok) emit animationExported(request.path, 0, -1);
}

}  // namespace flowscope
