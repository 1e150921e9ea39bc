#include "gui/faces_worker.h"
#include "gui/worker_errors.h"

#include "glow/bfloat16_preview.h"
#include "glow/latent_editing.h"
#include "glow/quantization.h"
#include "glow/glow_evaluation.h"
#include "io/glow_model_file.h"
#include "io/image_dataset.h"
#include "io/glow_pytorch_import.h"
#include "io/y0ast_glow_import.h"
#include "io/image_folder.h"
#include "io/image_tensor.h"
#include "util/device.h"
#include "util/random.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImageReader>

#include <cmath>

namespace flowscope {

/// The model and everything derived from it (torch types stay out of the header).
struct FacesWorkerState {
    GlowModel model{nullptr};
    std::vector<AttributeVector> attributes;
    QString path;
    // Cached sampling noise for (seed, count): temperature changes rescale it.
    quint64 noiseSeed = 0;
    int noiseCount = 0;
    std::vector<torch::Tensor> noise;
    std::vector<double> temperatures{0.7};
    std::vector<torch::Tensor> lastSampleLatents;  ///< standardised latents ε of the visible grid, for selectSample
    // The bfloat16 preview's error and the float32 time, measured once per model, count and seed.
    bool previewMeasured = false;
    quint64 previewSeed = 0;
    int previewCount = 0;
    double previewMaxError = 0, float32Milliseconds = 0;
    // The subject being edited.
    std::vector<torch::Tensor> subject;  ///< the editor's face as standardised latents ε
};

namespace {

QImage toQImage(const torch::Tensor& chw01) {
    auto x = chw01.detach().to(torch::kCPU, torch::kFloat32);
    if (x.size(0) == 1) x = x.repeat({3, 1, 1});
    return rgbTensorToImage(x);
}

std::vector<QImage> toQImages(const torch::Tensor& batch01) {
    std::vector<QImage> out;
    for (int64_t i = 0; i < batch01.size(0); ++i) out.push_back(toQImage(batch01[i]));
    return out;
}

QString describe(const GlowConfig& c) {
    return QCoreApplication::translate("FacesWorker",
                                       "Glow %1×%1 %2, %3 levels × %4 steps, width %5, %6 coupling, %7 1×1 convs")
        .arg(c.imageSize)
        .arg(c.inChannels == 3 ? "RGB" : "grey")
        .arg(c.levels)
        .arg(c.steps)
        .arg(c.hidden)
        .arg(c.affine ? "affine" : "additive")
        .arg(c.lu ? "LU" : "plain");
}

/// Auto, as everywhere: the GPU when LibTorch sees one (TF32 off), else the CPU.
torch::Device modelDevice() { return resolveDevice("auto", /*preferCudaForAuto=*/true); }

/// The rectangle a centre crop keeps from an image of `size`.
QRect centreCrop(const QSize& size) {
    const int side = std::min(size.width(), size.height());
    return QRect((size.width() - side) / 2, (size.height() - side) / 2, side, side);
}

/// `steps` faces on the straight line in ε from the subject to `other`, labelled with t.
FaceMix mixStrip(FacesWorkerState& s, const std::vector<torch::Tensor>& other, int steps) {
    std::vector<QImage> images;
    QStringList labels;
    for (int i = 0; i < steps; ++i) {
        const double t = static_cast<double>(i) / std::max(1, steps - 1);
        images.push_back(toQImage(toUnitRange(s.model->decodeNoise(interpolateLatents(s.subject, other, t)))[0]));
        labels << QString::number(t, 'f', 2);
    }
    return FaceMix{images, labels};
}

}  // namespace

FacesWorker::FacesWorker() : m_state(std::make_unique<FacesWorkerState>()) {
    qRegisterMetaType<FaceModelInfo>();
    qRegisterMetaType<FaceSamples>();
    qRegisterMetaType<FaceSubject>();
    qRegisterMetaType<FaceEdit>();
    qRegisterMetaType<FaceMix>();
    qRegisterMetaType<FaceScales>();
    qRegisterMetaType<FaceEvaluation>();
}
FacesWorker::~FacesWorker() = default;

static FaceModelInfo infoFor(const GlowModel& model, const GlowFileExtras& extras, const QString& path) {
    FaceModelInfo info;
    const auto& c = model->config();
    info.path = path;
    info.summary = describe(c);
    info.imageSize = static_cast<int>(c.imageSize);
    info.channels = static_cast<int>(c.inChannels);
    info.levels = static_cast<int>(c.levels);
    info.bfloat16Fast = bfloat16IsFast(model->device());
    QStringList lines;
    const auto& m = extras.metadata;
    if (m.contains("data"))
        lines << QCoreApplication::translate("FacesWorker", "Trained on %1").arg(m.value("data").toString());
    if (m.contains("source"))
        lines << QCoreApplication::translate("FacesWorker", "Imported from %1 (%2)")
                     .arg(m.value("imported_from").toString(), m.value("source").toString());
    if (m.contains("steps"))
        lines << QCoreApplication::translate("FacesWorker", "%1 training steps").arg(m.value("steps").toInt());
    if (m.contains("bits_per_dim"))
        lines << QCoreApplication::translate("FacesWorker", "%1 bits/dim on training batches (moving average)")
                     .arg(m.value("bits_per_dim").toDouble(), 0, 'f', 3);
    lines << QCoreApplication::translate("FacesWorker", "%1 bits per colour channel").arg(c.nBits);
    QStringList names;
    QString source;
    for (const auto& a : extras.attributes) {
        info.attributes << QString::fromStdString(a.name);
        names << QString::fromStdString(a.name).replace('_', ' ');
        source = QString::fromStdString(a.source);
    }
    if (extras.attributes.empty())
        lines << QCoreApplication::translate("FacesWorker", "No attribute vectors");
    else
        lines << QCoreApplication::translate("FacesWorker", "Attribute vectors: %1 (from %2)")
                     .arg(names.join(", "), source);
    const auto device = model->device();
    lines << (device.is_cuda() ? QCoreApplication::translate("FacesWorker", "Runs on the GPU (%1, TF32 off: exact)")
                                     .arg(QString::fromStdString(device.str()))
                               : QCoreApplication::translate("FacesWorker", "Runs on the CPU"));
    info.details = lines.join("<br>");
    return info;
}

void FacesWorker::loadModel(const QString& path) {
    runGuarded(*this, [&] {
        auto loaded = loadGlowModel(path.toStdString());
        loaded.model->to(modelDevice());
        loaded.model->eval();
        m_state->model = loaded.model;
        m_state->attributes = loaded.extras.attributes;
        m_state->path = path;
        m_state->noise.clear();
        m_state->subject.clear();
        m_state->previewMeasured = false;
        emit modelLoaded(infoFor(loaded.model, loaded.extras, path));
    });
}

void FacesWorker::importModel(const QString& path, int imageSize, int nBits, const QString& format) {
    runGuarded(*this, [&] {
        auto loaded = format == "y0ast" ? importY0astGlow(path.toStdString())
                                        : importGlowPytorch(path.toStdString(), {imageSize, nBits});
        loaded.model->to(modelDevice());
        loaded.model->eval();
        m_state->model = loaded.model;
        m_state->attributes = loaded.extras.attributes;
        m_state->path = path;
        m_state->noise.clear();
        m_state->subject.clear();
        m_state->previewMeasured = false;
        emit modelLoaded(infoFor(loaded.model, loaded.extras, path));
    });
}

void FacesWorker::serveSampleRequest() {
    auto request = m_samples.take();
    if (!request || !m_state->model) return;
    runGuarded(*this, [&] {
        QElapsedTimer timer;
        timer.start();
        auto& s = *m_state;
        torch::NoGradGuard noGrad;
        const int64_t levels = s.model->config().levels;
        if (s.noise.empty() || s.noiseSeed != request->seed || s.noiseCount != request->count) {
            auto gen = makeGenerator(request->seed);
            s.noise = s.model->noise(request->count, gen);
            s.noiseSeed = request->seed;
            s.noiseCount = request->count;
        }
        s.temperatures = request->temperatures;
        std::vector<torch::Tensor> eps;
        for (int64_t l = 0; l < levels; ++l) {
            const double t = request->temperatures.size() == 1 ? request->temperatures[0]
                                                               : request->temperatures.at(static_cast<size_t>(l));
            eps.push_back(s.noise[static_cast<size_t>(l)] * t);
        }
        const bool preview = request->bfloat16Preview && bfloat16IsFast(s.model->device());
        torch::Tensor x;
        {
            BFloat16PreviewGuard guard(preview);
            x = s.model->decodeNoise(eps);
        }
        FaceSamples out;
        out.images = toQImages(toUnitRange(x));
        out.serial = request->serial;
        out.temperatures = request->temperatures;
        out.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        if (preview) {
            if (!s.previewMeasured || s.previewSeed != request->seed || s.previewCount != request->count) {
                QElapsedTimer exactTimer;
                exactTimer.start();
                auto exact = s.model->decodeNoise(eps);
                s.float32Milliseconds = static_cast<double>(exactTimer.nsecsElapsed()) / 1e6;
                s.previewMaxError = (toUnitRange(x) - toUnitRange(exact)).abs().max().item<double>();
                s.previewMeasured = true;
                s.previewSeed = request->seed;
                s.previewCount = request->count;
            }
            out.bfloat16Preview = true;
            out.previewMaxError = s.previewMaxError;
            out.float32Milliseconds = s.float32Milliseconds;
        }
        emit samplesReady(out);
        // Latents of the visible samples (exact: encode what was decoded, in float32), after the
        // grid is on its way; selectSample is queued behind this call, so it always finds them.
        s.lastSampleLatents = s.model->encode(x).eps;
    });
}

void FacesWorker::selectSample(int index) {
    if (!m_state->model || m_state->lastSampleLatents.empty()) return;
    runGuarded(*this, [&] {
        auto& s = *m_state;
        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> zs;
        for (const auto& z : s.lastSampleLatents) zs.push_back(z.slice(0, index, index + 1).clone());
        auto x = s.model->decodeNoise(zs);
        s.subject = zs;
        FaceSubject subject;
        subject.origin = tr("sample %1").arg(index + 1);
        subject.input = toQImage(toUnitRange(x)[0]);
        subject.original = subject.input;
        subject.crop = QRect(QPoint(0, 0), subject.input.size());
        subject.reconstruction = subject.input;
        auto e = s.model->encode(x);
        subject.reconstructionError = (s.model->decodeNoise(e.eps) - x).abs().max().item<double>();
        subject.bitsPerDim = GlowModelImpl::bitsPerDim(e.logP, e.logdet, s.model->config()).item<double>();
        emit subjectReady(subject);
    });
}

void FacesWorker::encodePhoto(const QString& path) {
    if (!m_state->model) return;
    runGuarded(*this, [&] {
        auto& s = *m_state;
        const auto& c = s.model->config();
        auto pixels = loadImageTensor(path.toStdString(), c.imageSize, c.inChannels);  // throws a clear message
        QImageReader reader(path);
        reader.setAutoTransform(true);
        QImage original = reader.read();
        torch::NoGradGuard noGrad;
        auto x = toModelSpace(pixels.unsqueeze(0), c.nBits).to(s.model->device());
        auto e = s.model->encode(x);
        auto back = s.model->decodeNoise(e.eps);
        s.subject = e.eps;
        FaceSubject subject;
        subject.origin = QFileInfo(path).fileName();
        subject.original = original;
        subject.crop = centreCrop(original.size());
        subject.input = toQImage(toUnitRange(x)[0]);
        subject.reconstruction = toQImage(toUnitRange(back)[0]);
        subject.reconstructionError = (back - x).abs().max().item<double>();
        subject.bitsPerDim = GlowModelImpl::bitsPerDim(e.logP, e.logdet, c).item<double>();
        emit subjectReady(subject);
    });
}

void FacesWorker::serveEditRequest() {
    auto request = m_edits.take();
    if (!request || !m_state->model || m_state->subject.empty()) return;
    runGuarded(*this, [&] {
        QElapsedTimer timer;
        timer.start();
        auto& s = *m_state;
        std::map<std::string, double> alphas;
        for (auto it = request->alphas.begin(); it != request->alphas.end(); ++it)
            alphas[it.key().toStdString()] = it.value();
        torch::NoGradGuard noGrad;
        auto x = s.model->decodeNoise(editLatents(s.subject, s.attributes, alphas));
        FaceEdit edit;
        edit.image = toQImage(toUnitRange(x)[0]);
        edit.alphas = request->alphas;
        edit.serial = request->serial;
        edit.milliseconds = static_cast<double>(timer.elapsed());
        emit editReady(edit);
    });
}

void FacesWorker::mixWithSample(int index, int steps) {
    if (!m_state->model || m_state->subject.empty() || m_state->lastSampleLatents.empty()) return;
    runGuarded(*this, [&] {
        auto& s = *m_state;
        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> other;
        for (const auto& z : s.lastSampleLatents) other.push_back(z.slice(0, index, index + 1));
        emit mixReady(mixStrip(s, other, steps));
    });
}

void FacesWorker::mixWithPhoto(const QString& path, int steps) {
    if (!m_state->model || m_state->subject.empty()) return;
    runGuarded(*this, [&] {
        auto& s = *m_state;
        const auto& c = s.model->config();
        auto pixels = loadImageTensor(path.toStdString(), c.imageSize, c.inChannels);
        torch::NoGradGuard noGrad;
        auto other = s.model->encode(toModelSpace(pixels.unsqueeze(0), c.nBits).to(s.model->device())).eps;
        emit mixReady(mixStrip(s, other, steps));
    });
}

void FacesWorker::resampleLevel(int level, int count, double temperature) {
    if (!m_state->model || m_state->subject.empty()) return;
    runGuarded(*this, [&] {
        auto& s = *m_state;
        if (level < 0 || level >= s.model->config().levels) throw std::invalid_argument("no such level");
        torch::NoGradGuard noGrad;
        auto gen = makeGenerator(deriveSeed(static_cast<uint64_t>(level), 0x5CA1E));
        auto shape = s.model->latentShape(level);
        auto eps = torch::randn({count, shape[0], shape[1], shape[2]}, gen) * temperature;
        FaceScales out;
        out.level = level;
        out.images = toQImages(toUnitRange(s.model->decodeResampled(s.subject, level, eps.to(s.model->device()))));
        emit scalesReady(out);
    });
}

void FacesWorker::evaluate(const QString& spec, int limit) {
    if (!m_state->model) return;
    runGuarded(*this, [&] {
        QElapsedTimer timer;
        timer.start();
        const auto& c = m_state->model->config();
        ImageDatasetOptions o;
        o.size = c.imageSize;
        o.channels = c.inChannels;
        o.split = "test";
        o.limit = limit;
        const auto set = loadImageDataset(spec.toStdString(), o);
        const auto r = evaluateGlow(*m_state->model, set.images, 64, 0);
        m_state->model->eval();
        FaceEvaluation e;
        e.data = QString::fromStdString(set.description);
        e.bitsPerDim = r.mean;
        e.ci95 = r.ci95;
        e.levelPrior = r.levelPrior;
        e.levelLogdet = r.levelLogdet;
        e.discretisation = r.discretisation;
        e.seconds = timer.elapsed() / 1000.0;
        emit evaluated(e);
    });
}

}  // namespace flowscope
