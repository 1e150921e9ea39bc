#include "cli/arguments.h"
#include "cli/commands.h"
#include "common/resource_paths.h"
#include "faces/face_renderer.h"
#include "glow/latent_editing.h"
#include "io/image_labels.h"
#include "glow/glow_trainer.h"
#include "glow/quantization.h"
#include "io/glow_model_file.h"
#include "io/glow_pytorch_import.h"
#include "io/image_folder.h"
#include "io/image_tensor.h"
#include "io/model_file.h"
#include "io/torch_checkpoint_reader.h"
#include "util/random.h"
#include "util/compute_threads.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <chrono>
#include <iostream>

namespace flowscope::cli {

const char* const kGlowHelp = R"(usage: flowscope-cli glow <command> [options]

  train       --data DIR|faces --size S [--levels L] [--steps K] [--hidden H]
              [--coupling affine|additive] [--lu|--plain] [--batch B] --iters N [--lr LR]
              [--n-bits N] [--channels 1|3] [--limit N] [--seed S] [--device auto|cpu|cuda]
              [--threads T] [--checkpoint-every N] [--preview-every N] [--out MODEL]
              [--resume MODEL]
              Trains by maximum likelihood; progress (step, bits/dim, images/s, ETA) on stderr;
              a JSON summary on stdout. --resume continues a checkpoint (model, optimiser, step)
              up to --iters steps in all.
  sample      [--model MODEL] [--n N] [--temperature T | --temperatures T1,T2,…] [--seed S]
              --out PNG|DIR/  a grid of samples at temperature T (per level if several), or
                              one PNG per sample (DIR/sample_0000.png, …) at the model's size
  logp        --model MODEL --input FILE.pt [--key x]
              log p, log-det and bits/dim (with the −log 2^n discretisation term) of the float
              tensor stored under KEY (values in [−0.5, 0.5), no dequantisation noise), as JSON
  import      --from FILE.pt --format glow-pytorch [--size S] [--n-bits N] --out MODEL
              converts a rosinality/glow-pytorch checkpoint (defaults: size 64, 5 bits)
  info        [--model MODEL] architecture, image size, n_bits, attributes and metadata (JSON)
  attributes  [--model MODEL] --data DIR|faces [--attrs A,B,…] [--limit N] [--scale X]
              [--drop-training-state] --out MODEL
              attribute vectors v = mean z(with) − mean z(without) from labelled images
              (CelebA list_attr*.txt, X/not_X sub-folders, or UTKFace names; the built-in faces
              carry true labels), stored in the model file
  edit        [--model MODEL] --image IN [--attr NAME=α …] --out OUT.png [--json]
              encodes a photo (centre crop, resize, quantise), moves z by Σ α·scale·v, decodes;
              with all α = 0 it reproduces the input (--json reports the error in model space)
  interpolate [--model MODEL] --a IMG --b IMG [--steps N] --out PNG
              the straight line between two encoded photos, N images

Without --model, the shipped face model (resources/faces64.fsm) is used.

Model files are FlowScope's own (.fsm); glow-pytorch .pt files go through 'import' first.
Any unusable file gives one line on stderr and exit status 2.
)";

namespace {

LoadedGlowModel loadModelArgument(const std::string& path) {
    if (!looksLikeModelFile(path) && QFileInfo(QString::fromStdString(path)).suffix() == "pt")
        throw std::runtime_error("'" + path +
                                 "' is a PyTorch checkpoint: convert it first with 'flowscope-cli glow import --from " +
                                 path + " --format glow-pytorch --out MODEL.fsm'");
    return loadGlowModel(path);
}

QJsonArray toJsonArray(const torch::Tensor& t) {
    QJsonArray a;
    auto c = t.detach().to(torch::kCPU, torch::kFloat64).contiguous();
    for (int64_t i = 0; i < c.numel(); ++i) a.append(c.data_ptr<double>()[i]);
    return a;
}

std::string modelPathOrShipped(const Arguments& a) {
    return a.has("model") ? a.required("model") : shippedFaceModelPath();
}

/// `--out` naming a folder (a trailing '/' or an existing directory) rather than one PNG.
bool namesFolder(const std::string& out) {
    return !out.empty() && (out.back() == '/' || QFileInfo(QString::fromStdString(out)).isDir());
}

std::string formatSeconds(double s) {
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%dh%02dm", int(s / 3600), int(std::fmod(s, 3600) / 60));
    else if (s >= 60)
        std::snprintf(buf, sizeof buf, "%dm%02ds", int(s / 60), int(std::fmod(s, 60)));
    else
        std::snprintf(buf, sizeof buf, "%.0fs", s);
    return buf;
}

int train(const std::vector<std::string>& args) {
    Arguments a(args, {{"data"},          {"size"},         {"levels"}, {"steps"},  {"hidden"},  {"coupling"},
                       {"lu", false},     {"plain", false}, {"batch"},  {"iters"},  {"lr"},      {"n-bits"},
                       {"channels"},      {"limit"},        {"seed"},   {"device"}, {"threads"}, {"checkpoint-every"},
                       {"preview-every"}, {"out"},          {"resume"}, {"warmup"}});
    if (a.has("lu") && a.has("plain")) throw UsageError("--lu and --plain exclude each other");
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    GlowTrainConfig tc;
    tc.batch = a.integer("batch", 16, 1, 4096);
    tc.iterations = a.integer("iters", 1000, 1, 100'000'000);
    tc.learningRate = a.real("lr", 1e-4, 1e-8, 1.0);
    tc.warmup = a.integer("warmup", 100, 0, 1'000'000);
    tc.seed = static_cast<uint64_t>(a.integer("seed", 0, 0, INT64_MAX));
    tc.device = a.text("device", "auto");
    if (tc.device != "auto" && tc.device != "cpu" && tc.device != "cuda")
        throw UsageError("unknown device '" + tc.device + "' (expected auto, cpu or cuda)");
    tc.checkpointEvery = a.integer("checkpoint-every", 0, 0, 100'000'000);
    tc.previewEvery = a.integer("preview-every", 0, 0, 100'000'000);
    const std::string out = a.text("out", "");
    const std::string resume = a.text("resume", "");
    if (tc.checkpointEvery > 0 && out.empty()) throw UsageError("--checkpoint-every needs --out");

    GlowModel model{nullptr};
    GlowFileExtras extras;
    if (!resume.empty()) {
        auto loaded = loadModelArgument(resume);
        model = loaded.model;
        extras = loaded.extras;
    } else {
        GlowConfig c;
        c.imageSize = a.integer("size", 32, 4, 512);
        c.levels = a.integer("levels", 3, 1, 8);
        c.steps = a.integer("steps", 8, 1, 64);
        c.hidden = a.integer("hidden", 512, 1, 4096);
        const std::string coupling = a.text("coupling", "affine");
        if (coupling != "affine" && coupling != "additive")
            throw UsageError("--coupling must be affine or additive, got '" + coupling + "'");
        c.affine = coupling == "affine";
        c.lu = !a.has("plain");
        c.nBits = a.integer("n-bits", 5, 1, 8);
        c.inChannels = a.integer("channels", 3, 1, 3);
        if (c.inChannels == 2) throw UsageError("--channels must be 1 or 3");
        validate(c);
        model = GlowModel(c, tc.seed);
    }
    const auto& mc = model->config();
    const std::string dataArg = a.required("data");
    std::shared_ptr<GlowDataSource> data;
    if (dataArg == "faces") {
        if (mc.inChannels != 3) throw UsageError("the built-in faces are RGB: use --channels 3");
        data = std::make_shared<FaceImageSource>(mc.imageSize, 0);
    } else {
        ImageFolderOptions fo;
        fo.size = mc.imageSize;
        fo.channels = mc.inChannels;
        fo.limit = a.integer("limit", 0, 0, 100'000'000);
        auto set = readImageFolder(dataArg, fo);
        for (const auto& p : set.problems) std::cerr << "skipped: " << p << "\n";
        std::cerr << "read " << set.images.size(0) << " images from " << dataArg << "\n";
        data = std::make_shared<TensorImageSource>(set.images,
                                                   QFileInfo(QString::fromStdString(dataArg)).fileName().toStdString());
    }
    GlowTrainer trainer(model, data, tc);
    if (!resume.empty()) {
        trainer.restoreTrainingState(extras.trainingState);
        std::cerr << "resuming " << resume << " at step " << trainer.stepsDone() << "\n";
    }
    auto metadata = [&](const GlowProgress& p) {
        QJsonObject m = extras.metadata;
        m["data"] = QString::fromStdString(data->description());
        m["image_size"] = static_cast<qint64>(mc.imageSize);
        m["n_bits"] = static_cast<qint64>(mc.nBits);
        m["steps"] = static_cast<qint64>(trainer.stepsDone());
        m["bits_per_dim"] = p.averageBitsPerDim;
        m["batch"] = static_cast<qint64>(tc.batch);
        m["lr"] = tc.learningRate;
        m["saved"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        return m;
    };
    GlowProgress last;
    auto save = [&](GlowTrainer& t) {
        GlowFileExtras e = extras;
        e.metadata = metadata(last);
        e.trainingState = t.trainingState();
        saveGlowModel(out, *t.model(), e);
        std::cerr << "checkpoint: " << out << " (step " << t.stepsDone() << ")\n";
    };
    const auto start = std::chrono::steady_clock::now();
    const int64_t firstStep = trainer.stepsDone();
    last = trainer.run(
        nullptr,
        [&](const GlowProgress& p) {
            last = p;
            if (!p.event.empty()) std::cerr << "warning: " << p.event << "\n";
            char line[200];
            std::snprintf(line, sizeof line, "step %lld/%lld  %.3f bits/dim (avg %.3f)  %.2f images/s  ETA %s\n",
                          static_cast<long long>(p.step), static_cast<long long>(p.total), p.bitsPerDim,
                          p.averageBitsPerDim, p.imagesPerSecond, formatSeconds(p.etaSeconds).c_str());
            std::cerr << line << std::flush;
            if (p.preview.defined() && !out.empty()) {
                const std::string png = QDir(QFileInfo(QString::fromStdString(out)).absolutePath())
                                            .filePath(QString("preview_%1.png").arg(p.step, 7, 10, QChar('0')))
                                            .toStdString();
                writeImages(p.preview, png, 8);
            }
        },
        tc.checkpointEvery > 0 ? std::function<void(GlowTrainer&)>(save) : nullptr);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    QJsonObject summary{{"data", QString::fromStdString(data->description())},
                        {"image_size", static_cast<qint64>(mc.imageSize)},
                        {"levels", static_cast<qint64>(mc.levels)},
                        {"steps", static_cast<qint64>(mc.steps)},
                        {"hidden", static_cast<qint64>(mc.hidden)},
                        {"iterations", static_cast<qint64>(trainer.stepsDone())},
                        {"seconds", seconds},
                        {"images_per_s", seconds > 0 ? (trainer.stepsDone() - firstStep) * tc.batch / seconds : 0.0},
                        {"bits_per_dim", last.averageBitsPerDim},
                        {"rolled_back", static_cast<qint64>(trainer.rolledBack())},
                        {"device", QString::fromStdString(trainer.device().str())}};
    if (!out.empty()) {
        save(trainer);
        summary["model"] = QString::fromStdString(out);
    }
    printJsonLine(summary);
    return 0;
}

int sample(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"}, {"n"}, {"temperature"}, {"temperatures"}, {"seed"}, {"out"}, {"threads"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const std::string out = a.required("out");
    const int64_t n = a.integer("n", 16, 1, 1024);
    auto loaded = loadModelArgument(modelPathOrShipped(a));
    std::vector<double> temps;
    if (a.has("temperatures")) {
        temps = a.reals("temperatures", static_cast<size_t>(loaded.model->config().levels));
        for (double t : temps)
            if (t < 0 || t > 10) throw UsageError("temperatures must be between 0 and 10");
    } else {
        temps = {a.real("temperature", 0.7, 0.0, 10.0)};
    }
    auto gen = makeGenerator(static_cast<uint64_t>(a.integer("seed", 0, 0, INT64_MAX)));
    torch::NoGradGuard noGrad;
    loaded.model->eval();
    auto x = toUnitRange(loaded.model->sample(n, temps, gen));
    QJsonArray files;
    if (namesFolder(out)) {
        // One PNG per sample at the model's size: what a user drops into slides or a data set.
        const QDir dir(QString::fromStdString(out));
        if (!dir.exists() && !QDir().mkpath(dir.path()))
            throw std::runtime_error("cannot create the folder '" + out + "'");
        for (int64_t i = 0; i < n; ++i) {
            const QString file = dir.filePath(QString("sample_%1.png").arg(i, 4, 10, QChar('0')));
            writeImages(x.slice(0, i, i + 1), file.toStdString(), 1);
            files.append(file);
        }
    } else {
        const int64_t columns =
            std::max<int64_t>(1, static_cast<int64_t>(std::ceil(std::sqrt(static_cast<double>(n)))));
        writeImages(x, out, columns);
    }
    QJsonArray t;
    for (double v : temps) t.append(v);
    QJsonObject summary{{"out", QString::fromStdString(out)}, {"n", static_cast<qint64>(n)}, {"temperatures", t}};
    if (!files.isEmpty()) summary["files"] = files;
    printJsonLine(summary);
    return 0;
}

int logp(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"}, {"input"}, {"key"}, {"threads"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    auto loaded = loadModelArgument(a.required("model"));
    const std::string input = a.required("input");
    const std::string key = a.text("key", "x");
    std::map<std::string, torch::Tensor> tensors;
    for (auto& t : readTorchTensorTree(input)) tensors[t.name] = t.tensor;
    auto it = tensors.find(key);
    if (it == tensors.end()) throw std::runtime_error("'" + input + "' has no tensor under the key '" + key + "'");
    auto x = it->second.to(torch::kFloat32);
    const auto& c = loaded.model->config();
    if (x.dim() != 4 || x.size(1) != c.inChannels || x.size(2) != c.imageSize || x.size(3) != c.imageSize) {
        std::ostringstream msg;
        msg << "'" << key << "' in '" << input << "' has shape " << x.sizes() << "; the model takes [B, "
            << c.inChannels << ", " << c.imageSize << ", " << c.imageSize << "]";
        throw std::runtime_error(msg.str());
    }
    torch::NoGradGuard noGrad;
    loaded.model->eval();
    auto e = loaded.model->encode(x.to(loaded.model->device()));
    auto bpd = GlowModelImpl::bitsPerDim(e.logP, e.logdet, c);
    printJsonLine(QJsonObject{
        {"log_p", toJsonArray(e.logP)}, {"logdet", toJsonArray(e.logdet)}, {"bits_per_dim", toJsonArray(bpd)}});
    return 0;
}

int importModel(const std::vector<std::string>& args) {
    Arguments a(args, {{"from"}, {"format"}, {"size"}, {"n-bits"}, {"out"}});
    const std::string format = a.text("format", "glow-pytorch");
    if (format != "glow-pytorch") throw UsageError("unknown format '" + format + "' (expected glow-pytorch)");
    GlowImportOptions o;
    o.imageSize = a.integer("size", 64, 4, 512);
    o.nBits = a.integer("n-bits", 5, 1, 8);
    const std::string out = a.required("out");
    auto imported = importGlowPytorch(a.required("from"), o);
    saveGlowModel(out, *imported.model, imported.extras);
    QJsonObject j{{"out", QString::fromStdString(out)}, {"architecture", toJson(imported.model->config())}};
    printJsonLine(j);
    return 0;
}

int info(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"}});
    const std::string path = modelPathOrShipped(a);
    auto loaded = loadModelArgument(path);
    QJsonArray attributes;
    for (const auto& at : loaded.extras.attributes)
        attributes.append(QJsonObject{{"name", QString::fromStdString(at.name)},
                                      {"positives", static_cast<qint64>(at.positives)},
                                      {"negatives", static_cast<qint64>(at.negatives)},
                                      {"source", QString::fromStdString(at.source)},
                                      {"scale", at.scale}});
    int64_t parameters = 0;
    for (const auto& p : loaded.model->parameters()) parameters += p.numel();
    printJsonLine(QJsonObject{{"model", QString::fromStdString(path)},
                              {"architecture", toJson(loaded.model->config())},
                              {"image_size", static_cast<qint64>(loaded.model->config().imageSize)},
                              {"n_bits", static_cast<qint64>(loaded.model->config().nBits)},
                              {"parameters", static_cast<qint64>(parameters)},
                              {"attributes", attributes},
                              {"metadata", loaded.extras.metadata}});
    return 0;
}

/// The labelled images for attribute vectors: a folder (with its labels) or the built-in faces.
struct LabelledImages {
    torch::Tensor images;  ///< uint8
    std::vector<std::string> names;
    std::vector<std::vector<int8_t>> labels;
    std::string source;
};

LabelledImages labelledImages(const std::string& data, const GlowConfig& c, int64_t limit) {
    LabelledImages out;
    if (data == "faces") {
        if (c.inChannels != 3) throw UsageError("the built-in faces are RGB; this model takes grey images");
        const int64_t n = limit > 0 ? limit : 4000;
        std::vector<torch::Tensor> chunks;
        for (int64_t first = 0; first < n; first += 256) {
            auto batch = sampleFaces(first, std::min<int64_t>(256, n - first), c.imageSize, 0);
            chunks.push_back(unitToUint8(batch.images));
            for (const auto& f : batch.attributes) {
                std::vector<int8_t> row;
                for (bool b : faceLabels(f)) row.push_back(b ? 1 : -1);
                out.labels.push_back(row);
            }
        }
        out.images = torch::cat(chunks);
        out.names = faceLabelNames();
        out.source = "built-in faces (seed 0, " + std::to_string(n) + " faces)";
        return out;
    }
    ImageFolderOptions o;
    o.size = c.imageSize;
    o.channels = c.inChannels;
    o.limit = limit;
    auto set = readImageFolder(data, o);
    for (const auto& p : set.problems) std::cerr << "skipped: " << p << "\n";
    auto labels = readImageLabels(data, set.files);
    for (const auto& p : labels.problems) std::cerr << "labels: " << p << "\n";
    if (labels.names.empty())
        throw std::runtime_error(
            "'" + data +
            "' has no labels FlowScope understands (a list_attr*.txt file, X/not_X sub-folders or UTKFace file names)");
    out.images = set.images;
    out.names = labels.names;
    out.labels = labels.values;
    out.source = QFileInfo(QString::fromStdString(data)).fileName().toStdString() + " (" + labels.source + ")";
    return out;
}

int attributes(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"},
                       {"data"},
                       {"attrs"},
                       {"limit"},
                       {"scale"},
                       {"out"},
                       {"threads"},
                       {"batch"},
                       {"drop-training-state", false}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const std::string out = a.required("out");
    auto loaded = loadModelArgument(modelPathOrShipped(a));
    auto data = labelledImages(a.required("data"), loaded.model->config(), a.integer("limit", 0, 0, 10'000'000));
    std::vector<std::string> wanted;
    if (a.has("attrs"))
        for (const auto& part : QString::fromStdString(a.text("attrs", "")).split(',', Qt::SkipEmptyParts))
            wanted.push_back(part.trimmed().toStdString());
    for (const auto& w : wanted)
        if (std::find(data.names.begin(), data.names.end(), w) == data.names.end()) {
            std::string have;
            for (const auto& n : data.names) have += (have.empty() ? "" : ", ") + n;
            throw UsageError("the data has no attribute '" + w + "' (it has: " + have + ")");
        }
    std::vector<std::string> names;
    std::vector<size_t> columns;
    for (size_t i = 0; i < data.names.size(); ++i)
        if (wanted.empty() || std::find(wanted.begin(), wanted.end(), data.names[i]) != wanted.end()) {
            names.push_back(data.names[i]);
            columns.push_back(i);
        }
    std::vector<std::vector<int8_t>> labels;
    for (const auto& row : data.labels) {
        std::vector<int8_t> r;
        for (size_t c : columns) r.push_back(c < row.size() ? row[c] : 0);
        labels.push_back(r);
    }
    const auto start = std::chrono::steady_clock::now();
    auto vectors = computeAttributeVectors(
        *loaded.model, data.images, labels, names, data.source, a.integer("batch", 32, 1, 4096),
        [](int64_t done, int64_t total) { std::cerr << "\rencoded " << done << "/" << total << std::flush; });
    std::cerr << "\n";
    const double scale = a.real("scale", 1.0, 1e-6, 1e6);
    QJsonArray report;
    for (auto& v : vectors) {
        v.scale = scale;
        double norm = 0;
        for (const auto& l : v.levels) norm += l.pow(2).sum().item<double>();
        report.append(QJsonObject{{"name", QString::fromStdString(v.name)},
                                  {"positives", static_cast<qint64>(v.positives)},
                                  {"negatives", static_cast<qint64>(v.negatives)},
                                  {"norm", std::sqrt(norm)}});
        // A new vector replaces an old one of the same name.
        auto& existing = loaded.extras.attributes;
        existing.erase(std::remove_if(existing.begin(), existing.end(),
                                      [&](const AttributeVector& e) { return e.name == v.name; }),
                       existing.end());
        existing.push_back(v);
    }
    if (vectors.empty()) throw std::runtime_error("no attribute had both positive and negative images");
    // A finished model needs no optimiser moments (they are two thirds of a checkpoint's size).
    if (a.has("drop-training-state")) loaded.extras.trainingState.clear();
    saveGlowModel(out, *loaded.model, loaded.extras);
    printJsonLine(
        QJsonObject{{"out", QString::fromStdString(out)},
                    {"images", static_cast<qint64>(data.images.size(0))},
                    {"source", QString::fromStdString(data.source)},
                    {"attributes", report},
                    {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()}});
    return 0;
}

/// A photo in model space [1, C, S, S] (centre crop, resize, bin centres).
torch::Tensor photoInModelSpace(const std::string& path, const GlowConfig& c) {
    return toModelSpace(loadImageTensor(path, c.imageSize, c.inChannels).unsqueeze(0), c.nBits);
}

int edit(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"}, {"image"}, {"attr"}, {"out"}, {"json", false}, {"threads"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const std::string out = a.required("out");
    auto loaded = loadModelArgument(modelPathOrShipped(a));
    std::map<std::string, double> alphas;
    for (const auto& spec : a.all("attr")) {
        const auto eq = spec.find('=');
        if (eq == std::string::npos || eq == 0) throw UsageError("--attr expects NAME=VALUE, got '" + spec + "'");
        const std::string name = spec.substr(0, eq), value = spec.substr(eq + 1);
        char* end = nullptr;
        const double alpha = std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0' || !std::isfinite(alpha) || std::abs(alpha) > 10)
            throw UsageError("--attr " + name + " needs a number between −10 and 10, got '" + value + "'");
        bool known = false;
        for (const auto& v : loaded.extras.attributes) known = known || v.name == name;
        if (!known) {
            std::string have;
            for (const auto& v : loaded.extras.attributes) have += (have.empty() ? "" : ", ") + v.name;
            throw UsageError("the model has no attribute vector '" + name +
                             "' (it has: " + (have.empty() ? "none" : have) + ")");
        }
        alphas[name] = alpha;
    }
    auto& model = *loaded.model;
    torch::NoGradGuard noGrad;
    model.eval();
    auto x = photoInModelSpace(a.required("image"), model.config()).to(model.device());
    auto e = model.encode(x);
    const double reconstructionError = (model.decodeNoise(e.eps) - x).abs().max().item<double>();
    auto edited = model.decodeNoise(editLatents(e.eps, loaded.extras.attributes, alphas));
    writeImages(toUnitRange(edited).cpu(), out, 1);  // the edited image itself, at the model's size
    if (a.has("json")) {
        QJsonObject applied;
        for (const auto& [k, v] : alphas) applied[QString::fromStdString(k)] = v;
        printJsonLine(
            QJsonObject{{"out", QString::fromStdString(out)},
                        {"reconstruction_max_abs_error", reconstructionError},
                        {"bits_per_dim", GlowModelImpl::bitsPerDim(e.logP, e.logdet, model.config()).item<double>()},
                        {"attributes", applied}});
    }
    return 0;
}

int interpolate(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"}, {"a"}, {"b"}, {"steps"}, {"out"}, {"threads"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const std::string out = a.required("out");
    const int64_t steps = a.integer("steps", 8, 2, 64);
    auto loaded = loadModelArgument(modelPathOrShipped(a));
    auto& model = *loaded.model;
    torch::NoGradGuard noGrad;
    model.eval();
    auto za = model.encode(photoInModelSpace(a.required("a"), model.config()).to(model.device())).eps;
    auto zb = model.encode(photoInModelSpace(a.required("b"), model.config()).to(model.device())).eps;
    std::vector<torch::Tensor> frames;
    for (int64_t i = 0; i < steps; ++i)
        frames.push_back(
            model.decodeNoise(interpolateLatents(za, zb, static_cast<double>(i) / static_cast<double>(steps - 1))));
    writeImages(toUnitRange(torch::cat(frames)).cpu(), out, steps);
    printJsonLine(QJsonObject{{"out", QString::fromStdString(out)}, {"steps", static_cast<qint64>(steps)}});
    return 0;
}

}  // namespace

int runGlow(const std::vector<std::string>& args) {
    if (args.empty())
        throw UsageError("glow needs a command: train, sample, logp, import, info, attributes, edit or interpolate");
    const std::string command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "train") return train(rest);
    if (command == "sample") return sample(rest);
    if (command == "logp") return logp(rest);
    if (command == "import") return importModel(rest);
    if (command == "info") return info(rest);
    if (command == "attributes") return attributes(rest);
    if (command == "edit") return edit(rest);
    if (command == "interpolate") return interpolate(rest);
    throw UsageError("unknown glow command '" + command +
                     "' (expected train, sample, logp, import, info, attributes, edit or interpolate)");
}

}  // namespace flowscope::cli
