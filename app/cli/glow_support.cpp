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
#include "io/image_folder.h"
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
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <chrono>
#include <iostream>

namespace flowscope::cli::glow {

LoadedGlowModel loadModelArgument(const std::string& path) {
    if (!looksLikeModelFile(path) && QFileInfo(QString::fromStdString(path)).suffix() == "pt")
        throw std::runtime_error("'" + path +
                                 "' is a PyTorch checkpoint: convert it first with 'flowscope-cli glow import --from " +
                                 path + " --format glow-pytorch|y0ast --out MODEL.fsm'");
    return loadGlowModel(path);
}

LoadedGlowModel loadModelArgument(const std::string& path, const Arguments& a) {
    const auto device = resolveDevice(a.text("device", "auto"), /*preferCudaForAuto=*/true);
    auto loaded = loadModelArgument(path);
    loaded.model->to(device);
    return loaded;
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

}  // namespace flowscope::cli::glow
