// flowscope-cli bench glow: training and decoding at glow-pytorch's benchmark sizes, the Faces
// page's slider edit with the shipped model, and how much of each is spent outside convolutions.
#include "cli/bench_glow.h"

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/op_profile.h"
#include "common/resource_paths.h"
#include "faces/face_renderer.h"
#include "glow/bfloat16_preview.h"
#include "glow/glow_trainer.h"
#include "glow/latent_editing.h"
#include "glow/quantization.h"
#include "io/glow_model_file.h"
#include "util/compute_threads.h"
#include "util/random.h"

#include <QJsonArray>
#include <QJsonObject>
#include <torch/torch.h>

#include <chrono>
#include <iostream>

namespace flowscope::cli {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

/// Milliseconds per call of `work`, averaged over `repeats` calls (after the caller's warm-up).
double timePerCall(int repeats, const std::function<void()>& work) {
    const auto t0 = Clock::now();
    for (int i = 0; i < repeats; ++i) work();
    return msSince(t0) / repeats;
}

/// The share of one call's time outside convolution kernels.
double overheadFraction(const OpProfile& p, double unprofiledMs) { return 1.0 - convolutionShare(p, unprofiledMs); }

void printProfile(const char* phase, const OpProfile& p, double unprofiledMs) {
    QJsonArray outside;
    for (size_t i = 0; i < p.outsideMs.size() && i < 15; ++i)
        outside.append(QJsonArray{QString::fromStdString(p.outsideMs[i].first), p.outsideMs[i].second});
    printJsonLine(QJsonObject{{"bench", "glow_profile"},
                              {"phase", phase},
                              {"unprofiled_ms", unprofiledMs},
                              {"profiled_ms", p.wallMs},
                              {"convolution_ms", p.convolutionMs},
                              {"operators", static_cast<qint64>(p.operators)},
                              {"overhead_fraction", overheadFraction(p, unprofiledMs)},
                              {"outside_convolutions_ms", outside}});
}

}  // namespace

int runGlowBench(const std::vector<std::string>& args) {
    Arguments a(args, {{"size"},
                       {"levels"},
                       {"steps"},
                       {"hidden"},
                       {"batch"},
                       {"threads"},
                       {"device"},
                       {"iters"},
                       {"quick", false},
                       {"profile", false}});
    const bool quick = a.has("quick"), profile = a.has("profile");
    GlowConfig c;
    c.imageSize = a.integer("size", 32, 4, 512);
    c.levels = a.integer("levels", 3, 1, 8);
    c.steps = a.integer("steps", quick ? 1 : 8, 1, 64);
    c.hidden = a.integer("hidden", quick ? 16 : 512, 1, 4096);
    validate(c);
    const int threads = static_cast<int>(a.integer("threads", 1, 1, 256));
    setComputeThreads(threads);
    GlowTrainConfig tc;
    tc.batch = a.integer("batch", 16, 1, 4096);
    tc.device = a.text("device", "auto");
    const int iters = static_cast<int>(a.integer("iters", quick ? 1 : 5, 1, 1000));
    tc.iterations = iters + 3;
    GlowModel model(c, 1);
    GlowTrainer trainer(model, std::make_shared<FaceImageSource>(c.imageSize, 0), tc);
    const bool cuda = trainer.device().is_cuda();
    auto sync = [&] {
        if (cuda) torch::cuda::synchronize();
    };
    trainer.step();  // data-dependent init
    trainer.step();
    const double stepMs = timePerCall(iters, [&] { trainer.step(); });
    const auto trainProfile = profileOperators([&] { trainer.step(); });

    torch::NoGradGuard noGrad;
    model->eval();
    auto gen = makeGenerator(1);
    auto decode = [&] {
        model->sample(16, {0.7}, gen);
        sync();
    };
    decode();  // warm-up (and the cached inverse weights)
    const double decodeMs = timePerCall(quick ? 1 : 3, decode);
    const auto decodeProfile = profileOperators(decode);
    // The opt-in bfloat16 preview of the same decode, where it is faster (its error is measured
    // on the shipped model below: this model's conditioners have barely left zero).
    QJsonValue previewMs;
    if (bfloat16IsFast(trainer.device())) {
        BFloat16PreviewGuard preview;
        decode();
        previewMs = timePerCall(quick ? 1 : 3, decode);
    }

    // The Faces page's slider latency: one edited 64×64 face decoded by the shipped model.
    QJsonValue editMs, editOverhead, previewError;
    try {
        auto shipped = loadGlowModel(shippedFaceModelPath());
        auto& m = *shipped.model;
        m.eval();
        const auto& sc = m.config();
        auto face = toModelSpace(unitToUint8(sampleFaces(0, 1, sc.imageSize, 3).images), sc.nBits);
        auto eps = m.encode(face).eps;
        const std::string attribute = shipped.extras.attributes.empty() ? "" : shipped.extras.attributes.front().name;
        const int edits = quick ? 2 : 10;
        int i = 0;
        auto edit = [&] {
            std::map<std::string, double> alphas;
            if (!attribute.empty()) alphas[attribute] = -1.0 + 2.0 * (i++ % edits) / std::max(1, edits - 1);
            m.decodeNoise(editLatents(eps, shipped.extras.attributes, alphas));
        };
        edit();  // warm-up
        const double ms = timePerCall(edits, edit);
        const auto p = profileOperators(edit);
        editMs = ms;
        editOverhead = overheadFraction(p, ms);
        if (profile) printProfile("edit", p, ms);
        auto noise = m.noise(16, gen);
        for (auto& e : noise) e.mul_(0.7);
        const auto exact = toUnitRange(m.decodeNoise(noise));
        BFloat16PreviewGuard preview;
        previewError = (toUnitRange(m.decodeNoise(noise)) - exact).abs().max().item<double>();
    } catch (const std::exception& e) {
        std::cerr << "edit latency not measured: " << e.what() << "\n";
    }
    if (profile) {
        printProfile("train", trainProfile, stepMs);
        printProfile("decode", decodeProfile, decodeMs);
    }
    printJsonLine(QJsonObject{{"bench", "glow"},
                              {"image_size", static_cast<qint64>(c.imageSize)},
                              {"levels", static_cast<qint64>(c.levels)},
                              {"steps", static_cast<qint64>(c.steps)},
                              {"hidden", static_cast<qint64>(c.hidden)},
                              {"batch", static_cast<qint64>(tc.batch)},
                              {"threads", threads},
                              {"device", QString::fromStdString(trainer.device().str())},
                              {"train_images_per_s", 1e3 * static_cast<double>(tc.batch) / stepMs},
                              {"overhead_fraction", overheadFraction(trainProfile, stepMs)},
                              {"decode_batch_ms", decodeMs},
                              {"decode_overhead_fraction", overheadFraction(decodeProfile, decodeMs)},
                              {"decode_bf16_batch_ms", previewMs},
                              {"decode_bf16_max_abs_error", previewError},
                              {"edit_latency_ms", editMs},
                              {"edit_overhead_fraction", editOverhead}});
    return 0;
}

}  // namespace flowscope::cli
