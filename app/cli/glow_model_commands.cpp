#include "cli/glow_support.h"

#include "cli/arguments.h"
#include "cli/commands.h"
#include "common/resource_paths.h"
#include "faces/face_renderer.h"
#include "glow/bfloat16_preview.h"
#include "glow/latent_editing.h"
#include "io/image_labels.h"
#include "glow/glow_trainer.h"
#include "glow/quantization.h"
#include "io/glow_model_file.h"
#include "io/glow_pytorch_import.h"
#include "io/y0ast_glow_import.h"
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

int sample(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"},
                       {"n"},
                       {"temperature"},
                       {"temperatures"},
                       {"seed"},
                       {"out"},
                       {"threads"},
                       {"device"},
                       {"bf16-preview", false}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const std::string out = a.required("out");
    const int64_t n = a.integer("n", 16, 1, 1024);
    auto loaded = loadModelArgument(modelPathOrShipped(a), a);
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
    auto eps = loaded.model->noise(n, gen);
    for (size_t l = 0; l < eps.size(); ++l) eps[l] = eps[l] * temps[temps.size() == 1 ? 0 : l];
    QJsonObject precision;
    torch::Tensor x;
    if (a.has("bf16-preview")) {
        // The preview's cost and its error against the float32 decode of the same noise.
        const auto decodeTimed = [&](bool bf16, double& ms) {
            BFloat16PreviewGuard guard(bf16);
            const auto start = std::chrono::steady_clock::now();
            auto y = toUnitRange(loaded.model->decodeNoise(eps)).cpu();
            ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            return y;
        };
        double msExact = 0, msPreview = 0;
        decodeTimed(true, msPreview);  // first call: caches and oneDNN's kernel choices
        x = decodeTimed(true, msPreview);
        const auto exact = decodeTimed(false, msExact);
        precision = {{"precision", "bfloat16"},
                     {"bfloat16_is_fast_here", bfloat16IsFast(loaded.model->device())},
                     {"max_abs_error_vs_float32", (x - exact).abs().max().item<double>()},
                     {"mean_abs_error_vs_float32", (x - exact).abs().mean().item<double>()},
                     {"decode_ms", msPreview},
                     {"float32_decode_ms", msExact}};
    } else {
        x = toUnitRange(loaded.model->decodeNoise(eps)).cpu();
    }
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
    for (auto it = precision.begin(); it != precision.end(); ++it) summary[it.key()] = it.value();
    printJsonLine(summary);
    return 0;
}

int logp(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"}, {"input"}, {"key"}, {"threads"}, {"device"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    auto loaded = loadModelArgument(a.required("model"), a);
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
    Arguments a(args, {{"from"}, {"format"}, {"size"}, {"n-bits"}, {"hparams"}, {"out"}});
    const std::string format = a.text("format", "glow-pytorch");
    if (format != "glow-pytorch" && format != "y0ast")
        throw UsageError("unknown format '" + format + "' (expected glow-pytorch or y0ast)");
    const std::string out = a.required("out");
    LoadedGlowModel imported;
    if (format == "y0ast") {
        if (a.has("n-bits")) throw UsageError("y0ast/Glow-PyTorch models are 8-bit: --n-bits does not apply");
        Y0astImportOptions o;
        o.hparamsPath = a.text("hparams", "");
        o.imageSize = a.integer("size", 0, 4, 512);
        imported = importY0astGlow(a.required("from"), o);
    } else {
        if (a.has("hparams")) throw UsageError("--hparams belongs to --format y0ast");
        GlowImportOptions o;
        o.imageSize = a.integer("size", 64, 4, 512);
        o.nBits = a.integer("n-bits", 5, 1, 8);
        imported = importGlowPytorch(a.required("from"), o);
    }
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

}  // namespace flowscope::cli::glow
