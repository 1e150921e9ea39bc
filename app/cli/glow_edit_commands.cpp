#include "cli/glow_support.h"

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
#include "io/image_dataset.h"
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

namespace flowscope::cli::glow {

int attributes(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"},
                       {"data"},
                       {"attrs"},
                       {"limit"},
                       {"scale"},
                       {"out"},
                       {"threads"},
                       {"batch"},
                       {"split"},
                       {"drop-training-state", false},
                       {"device"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const std::string out = a.required("out");
    auto loaded = loadModelArgument(modelPathOrShipped(a), a);
    ImageDatasetOptions dataOptions;
    dataOptions.size = loaded.model->config().imageSize;
    dataOptions.channels = loaded.model->config().inChannels;
    dataOptions.split = a.text("split", "train");
    dataOptions.limit = a.integer("limit", 0, 0, 10'000'000);
    const std::string dataArg = a.required("data");
    auto data = loadImageDataset(dataArg, dataOptions);
    for (const auto& p : data.problems) std::cerr << "skipped: " << p << "\n";
    for (const auto& n : data.notes) std::cerr << "data: " << n << "\n";
    if (data.attributeNames.empty())
        throw std::runtime_error("'" + dataArg +
                                 "' has no labels FlowScope understands (classes, a list_attr*.txt file, X/not_X "
                                 "sub-folders or UTKFace file names)");
    const std::string source = data.description + " (" + data.attributeSource + ")";
    std::vector<std::string> wanted;
    if (a.has("attrs"))
        for (const auto& part : QString::fromStdString(a.text("attrs", "")).split(',', Qt::SkipEmptyParts))
            wanted.push_back(part.trimmed().toStdString());
    for (const auto& w : wanted)
        if (std::find(data.attributeNames.begin(), data.attributeNames.end(), w) == data.attributeNames.end()) {
            std::string have;
            for (const auto& n : data.attributeNames) have += (have.empty() ? "" : ", ") + n;
            throw UsageError("the data has no attribute '" + w + "' (it has: " + have + ")");
        }
    std::vector<std::string> names;
    std::vector<size_t> columns;
    for (size_t i = 0; i < data.attributeNames.size(); ++i)
        if (wanted.empty() || std::find(wanted.begin(), wanted.end(), data.attributeNames[i]) != wanted.end()) {
            names.push_back(data.attributeNames[i]);
            columns.push_back(i);
        }
    std::vector<std::vector<int8_t>> labels;
    for (const auto& row : data.attributes) {
        std::vector<int8_t> r;
        for (size_t c : columns) r.push_back(c < row.size() ? row[c] : 0);
        labels.push_back(r);
    }
    const auto start = std::chrono::steady_clock::now();
    auto vectors = computeAttributeVectors(
        *loaded.model, data.images, labels, names, source, a.integer("batch", 32, 1, 4096),
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
                    {"source", QString::fromStdString(source)},
                    {"attributes", report},
                    {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()}});
    return 0;
}

namespace {

/// A photo in model space [1, C, S, S] (centre crop, resize, bin centres).
torch::Tensor photoInModelSpace(const std::string& path, const GlowConfig& c) {
    return toModelSpace(loadImageTensor(path, c.imageSize, c.inChannels).unsqueeze(0), c.nBits);
}

}  // namespace

int edit(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"}, {"image"}, {"attr"}, {"out"}, {"json", false}, {"threads"}, {"device"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const std::string out = a.required("out");
    auto loaded = loadModelArgument(modelPathOrShipped(a), a);
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
    Arguments a(args, {{"model"}, {"a"}, {"b"}, {"steps"}, {"out"}, {"threads"}, {"device"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const std::string out = a.required("out");
    const int64_t steps = a.integer("steps", 8, 2, 64);
    auto loaded = loadModelArgument(modelPathOrShipped(a), a);
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

}  // namespace flowscope::cli::glow
