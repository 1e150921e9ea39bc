#include "cli/glow_support.h"

#include "cli/arguments.h"
#include "cli/commands.h"
#include "common/resource_paths.h"
#include "distributed/process_group.h"
#include "faces/face_renderer.h"
#include "glow/latent_editing.h"
#include "io/image_labels.h"
#include "glow/glow_trainer.h"
#include "glow/quantization.h"
#include "io/glow_model_file.h"
#include "io/glow_pytorch_import.h"
#include "io/image_dataset.h"
#include "io/image_tensor.h"
#include "io/model_file.h"
#include "io/torch_checkpoint_reader.h"
#include "util/random.h"
#include "util/compute_threads.h"
#include "util/device.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <chrono>
#include <iostream>

namespace flowscope::cli::glow {

int train(const std::vector<std::string>& args) {
    Arguments a(args,
                {{"data"},          {"size"},         {"levels"}, {"steps"},  {"hidden"},      {"coupling"},
                 {"lu", false},     {"plain", false}, {"batch"},  {"iters"},  {"lr"},          {"n-bits"},
                 {"channels"},      {"limit"},        {"seed"},   {"device"}, {"threads"},     {"checkpoint-every"},
                 {"preview-every"}, {"out"},          {"resume"}, {"warmup"}, {"permutation"}, {"timeout"}});
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
    // Under torchrun (or any launcher that sets RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT): one
    // rank of a data-parallel job, each rank on its own LOCAL_RANK's GPU when CUDA is used.
    const auto job = distributedEnvironment();
    const auto timeout = std::chrono::milliseconds(a.integer("timeout", 300, 1, 86400) * 1000);
    if (job && (tc.device == "auto" || tc.device == "cuda") && torch::cuda::is_available())
        tc.device = "cuda:" + std::to_string(job->localRank);
    const bool leader = !job || job->rank == 0;  // prints, previews and writes files
    std::shared_ptr<ProcessGroup> group;
    if (job && job->worldSize > 1) {
        group = ProcessGroup::join(*job, resolveDevice(tc.device, true), timeout);
        if (leader)
            std::cerr << "joined a job of " << job->worldSize << " processes through " << job->masterAddress << ":"
                      << job->masterPort << "\n";
    }

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
        const std::string permutation = a.text("permutation", "conv1x1");
        const auto kind = kindFromName(kGlowPermutations, permutation);
        if (!kind)
            throw UsageError("--permutation must be " + kindNames(kGlowPermutations) + ", got '" + permutation + "'");
        c.permutation = *kind;
        c.nBits = a.integer("n-bits", 5, 1, 8);
        c.inChannels = a.integer("channels", 3, 1, 3);
        if (c.inChannels == 2) throw UsageError("--channels must be 1 or 3");
        validate(c);
        model = GlowModel(c, tc.seed);
    }
    const auto& mc = model->config();
    ImageDatasetOptions dataOptions;
    dataOptions.size = mc.imageSize;
    dataOptions.channels = mc.inChannels;
    dataOptions.limit = a.integer("limit", 0, 0, 100'000'000);
    std::vector<std::string> notes;
    auto data = openTrainingData(a.required("data"), dataOptions, &notes);
    if (leader) {
        for (const auto& n : notes) std::cerr << "data: " << n << "\n";
        std::cerr << "training on " << data->description() << "\n";
    }
    if (group) {
        const auto architecture = QJsonDocument(toJson(mc)).toJson(QJsonDocument::Compact).toStdString();
        const int64_t resumedAt =
            extras.trainingState.count("step") ? extras.trainingState.at("step").item<int64_t>() : 0;
        group->requireSameSettings({{"architecture", architecture},
                                    {"data", data->description()},
                                    {"batch", std::to_string(tc.batch)},
                                    {"iters", std::to_string(tc.iterations)},
                                    {"lr", std::to_string(tc.learningRate)},
                                    {"warmup", std::to_string(tc.warmup)},
                                    {"seed", std::to_string(tc.seed)},
                                    {"resumed step", std::to_string(resumedAt)}});
    }
    GlowTrainer trainer(model, data, tc, group);
    if (!resume.empty()) {
        trainer.restoreTrainingState(extras.trainingState);
        if (leader) std::cerr << "resuming " << resume << " at step " << trainer.stepsDone() << "\n";
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
        if (!leader) return;
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
            if (!leader) return;
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
    const int64_t world = group ? group->worldSize() : 1;
    QJsonObject summary{
        {"data", QString::fromStdString(data->description())},
        {"image_size", static_cast<qint64>(mc.imageSize)},
        {"levels", static_cast<qint64>(mc.levels)},
        {"steps", static_cast<qint64>(mc.steps)},
        {"hidden", static_cast<qint64>(mc.hidden)},
        {"iterations", static_cast<qint64>(trainer.stepsDone())},
        {"seconds", seconds},
        {"world_size", static_cast<qint64>(world)},
        {"images_per_s",
         seconds > 0 ? static_cast<double>((trainer.stepsDone() - firstStep) * tc.batch * world) / seconds : 0.0},
        {"bits_per_dim", last.averageBitsPerDim},
        {"rolled_back", static_cast<qint64>(trainer.rolledBack())},
        {"device", QString::fromStdString(trainer.device().str())}};
    if (!leader) return 0;
    if (!out.empty()) {
        save(trainer);
        summary["model"] = QString::fromStdString(out);
    }
    printJsonLine(summary);
    return 0;
}

}  // namespace flowscope::cli::glow
