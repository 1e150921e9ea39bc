#include "analysis/density_analysis.h"
#include "cli/arguments.h"
#include "cli/bench_glow.h"
#include "cli/bench_gui.h"
#include "cli/bench_vae.h"
#include "cli/commands.h"
#include "train/trainer_2d.h"
#include "util/random.h"
#include "util/compute_threads.h"

#include <QJsonObject>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <iostream>

namespace flowscope::cli {

const char* const kBenchHelp =
    R"(usage: flowscope-cli bench 2d [--threads T] [--grid-threads T] [--only NAME,…] [--quick]
       flowscope-cli bench glow [--size 32] [--levels 3] [--steps 8] [--hidden 512] [--batch 16]
                                [--threads 1] [--device auto|cpu|cuda] [--iters 5] [--profile] [--quick]
       flowscope-cli bench vae [--threads 1] [--batch 256] [--layers 10] [--steps 60] [--quick]
       flowscope-cli bench gui [--seconds 3] [--preset fig3-u1-planar-32]

Speed benchmarks, one JSON object per line:
  planar_U1       reverse-KL training steps/s, planar K=32, batch 256
  radial_U1       the same with radial layers
  realnvp_moons   maximum-likelihood steps/s, 32 affine coupling blocks, hidden 64, batch 256
  density_grids   grids_256_ms: all 33 step densities of planar K=32 on a 256×256 grid (goal ≤ 50)
  play_frame      frame_512_ms: one exact in-between Play frame of that model at 512×512, median
                  over 24 frames spread along z_0 → z_K (goal ≤ 33, i.e. 30 frames per second)
Training runs on --threads (default 1), the grids on --grid-threads (default 2). The
reference figures are normflows' (Python over the same LibTorch) on this machine class.
--only runs the named benchmarks alone (density_grids then trains its planar model briefly).
--quick runs a few steps only (a smoke test, not a measurement).

bench gui: the explorer on the offscreen platform while it trains the preset: worst_stall_ms
(longest gap of a 5 ms timer on the GUI thread; goal ≤ 50), view_updates_per_s (goal ≥ 10) and
close_ms (closing the window mid-training, worker joined; goal ≤ 2000). GUI builds only.

bench vae: vae_train, Flow-ELBO training steps/s (latent 40, K amortised planar layers,
encoder 784-512-256, decoder 256-512-784, ReLU, batch 256; the reference is normflows'
examples/vae.py at those sizes, 14.0 steps/s on one thread; goal 28), and vae_posterior_grid,
the exact posterior of one image on a 128² grid with the lab's model (goal ≤ 150 ms). vae_train
also reports the step's GFLOP, this thread's sgemm GFLOP/s and the steps/s the matrix products
alone would allow (gemm_bound_steps_per_s).

bench glow: one JSON object with train_images_per_s (affine coupling, LU convolutions, on the
built-in faces, after two warm-up steps), decode_batch_ms (16 samples at T = 0.7, after a
warm-up decode) and edit_latency_ms (the Faces page's slider → face: one edited 64×64 face
decoded by the shipped model), each with the share of its time outside convolution kernels
(overhead_fraction for training, decode_ and edit_overhead_fraction; from LibTorch's operator
profiler). --profile adds one line per phase with the time outside convolutions by operator.
tools/bench_glow_vs_reference.sh runs it beside rosinality/glow-pytorch's model
(tools/bench_glow_reference.py) and prints the ratios measured in that one run.
)";

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct TrainBench {
    const char* name;
    const char* flow;
    const char* target;
    int64_t layers, hidden, steps;
    double normflowsStepsPerS;
};

FlowModel benchTraining(const TrainBench& b, int threads, bool quick, bool print = true) {
    setComputeThreads(threads);
    FlowConfig fc;
    fc.flow = *flowKindFromName(b.flow);  // the table below names only known kinds
    fc.layers = b.layers;
    fc.hidden = b.hidden;
    TrainConfig tc;
    tc.batch = 256;
    tc.steps = quick ? 20 : b.steps;
    tc.evalSamples = 10000;
    TrainingTarget target = Energy::isEnergyName(b.target)
                                ? TrainingTarget::energy(Energy::fromName(b.target))
                                : TrainingTarget::points(std::make_shared<ToyDistribution>(b.target));
    Trainer2D trainer(FlowModel(fc), target, tc);
    for (int i = 0; i < 5; ++i) trainer.step();  // warm-up (allocations, first-touch)
    const auto t0 = Clock::now();
    const int64_t n = tc.steps;
    for (int64_t i = 0; i < n; ++i) trainer.step();
    const double s = secondsSince(t0);
    const double rate = n / s;
    QJsonObject out{{"bench", b.name},
                    {"flow", b.flow},
                    {"target", b.target},
                    {"layers", static_cast<qint64>(b.layers)},
                    {"batch", 256},
                    {"threads", threads},
                    {"steps", static_cast<qint64>(n)},
                    {"seconds", s},
                    {"steps_per_s", rate},
                    {"fused_path", trainer.usesFusedPath()},
                    {"normflows_steps_per_s", b.normflowsStepsPerS},
                    {"speedup_vs_normflows", rate / b.normflowsStepsPerS}};
    if (std::string(b.flow) == "affine") out["hidden"] = static_cast<qint64>(b.hidden);
    if (print) printJsonLine(out);
    return trainer.model();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void benchGrids(FlowModel model, int threads, bool quick) {
    setComputeThreads(threads);
    GridSpec grid;
    grid.nx = grid.ny = 256;
    AnalysisOptions options;
    options.layerLogdets = false;  // the densities are what the explorer redraws
    std::vector<double> ms;
    const int repeats = quick ? 1 : 5;
    analyzeDensities(*model, grid, options);  // warm-up
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = Clock::now();
        const auto a = analyzeDensities(*model, grid, options);
        ms.push_back(1e3 * secondsSince(t0));
    }
    const double med = median(ms);
    printJsonLine(QJsonObject{{"bench", "density_grids"},
                              {"flow", "planar"},
                              {"layers", static_cast<qint64>(model->flows->size())},
                              {"grids", static_cast<qint64>(model->flows->size() + 1)},
                              {"grid", 256},
                              {"threads", threads},
                              {"grids_256_ms", med},
                              {"ms_min", *std::min_element(ms.begin(), ms.end())},
                              {"goal_ms", 50.0},
                              {"meets_goal", med <= 50.0}});
}

// One Play frame as the explorer's large view draws it on a projector: the exact in-between
// density (layers 1..k, layer k+1 blended at t) and the cumulative log-det, at 512², for frames
// spread over the whole sequence; and the same with layer k+1's log-det heatmap as well.
void benchPlayFrames(FlowModel model, int threads, bool quick) {
    setComputeThreads(threads);
    GridSpec grid;
    grid.nx = grid.ny = 512;
    grid.x0 = grid.y0 = -4;
    grid.x1 = grid.y1 = 4;
    const size_t K = model->flows->size();
    const int frames = quick ? 2 : 24;
    analyzeFrame(*model, K / 2, 0.5, grid);  // warm-up
    std::vector<double> frameMs, withLogdetMs;
    for (int i = 0; i < frames; ++i) {
        const double s = (i + 0.5) * static_cast<double>(K) / frames;  // position along z_0 → z_K
        const auto k = static_cast<size_t>(s);
        const double t = s - static_cast<double>(k);
        auto t0 = Clock::now();
        const auto frame = analyzeFrame(*model, k, t, grid);
        frameMs.push_back(1e3 * secondsSince(t0));
        t0 = Clock::now();
        const auto logdet = layerLogdetGrid(*model, k + 1, grid);
        withLogdetMs.push_back(frameMs.back() + 1e3 * secondsSince(t0));
    }
    const double med = median(frameMs);
    printJsonLine(QJsonObject{{"bench", "play_frame"},
                              {"flow", "planar"},
                              {"layers", static_cast<qint64>(K)},
                              {"grid", 512},
                              {"threads", threads},
                              {"frames", frames},
                              {"frame_512_ms", med},
                              {"frame_512_max_ms", *std::max_element(frameMs.begin(), frameMs.end())},
                              {"frame_512_with_layer_logdet_ms", median(withLogdetMs)},
                              {"goal_ms", 33.0},
                              {"meets_goal", med <= 33.0}});
}

}  // namespace

int runBench(const std::vector<std::string>& args) {
    if (!args.empty() && args.front() == "glow")
        return runGlowBench(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args.front() == "vae")
        return runVaeBench(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args.front() == "gui") {
#ifdef FLOWSCOPE_HAS_GUI
        return runGuiBench(std::vector<std::string>(args.begin() + 1, args.end()));
#else
        throw UsageError(
            "'bench gui' needs a build with the GUI (this one was configured with FLOWSCOPE_BUILD_GUI=OFF)");
#endif
    }
    if (args.empty() || args.front() != "2d")
        throw UsageError("bench needs a suite: 'bench 2d', 'bench glow', 'bench vae' or 'bench gui'");
    Arguments a(std::vector<std::string>(args.begin() + 1, args.end()),
                {{"threads"}, {"grid-threads"}, {"only"}, {"quick", false}});
    const int threads = static_cast<int>(a.integer("threads", 1, 1, 256));
    const int gridThreads = static_cast<int>(a.integer("grid-threads", 2, 1, 256));
    const bool quick = a.has("quick");
    const std::vector<TrainBench> training{{"planar_U1", "planar", "U1", 32, 64, 5000, 92.0},
                                           {"radial_U1", "radial", "U1", 32, 64, 5000, 96.0},
                                           {"realnvp_moons", "affine", "moons", 32, 64, 300, 46.0}};
    std::vector<std::string> only;
    for (const auto& part : QString::fromStdString(a.text("only", "")).split(',', Qt::SkipEmptyParts)) {
        only.push_back(part.trimmed().toStdString());
        bool known = only.back() == "density_grids" || only.back() == "play_frame";
        for (const auto& b : training) known = known || only.back() == b.name;
        if (!known)
            throw UsageError("unknown benchmark '" + only.back() +
                             "' (expected planar_U1, radial_U1, realnvp_moons, density_grids or play_frame)");
    }
    auto selected = [&](const std::string& name) {
        return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
    };
    FlowModel planar{nullptr};
    for (const auto& b : training)
        if (selected(b.name)) {
            auto model = benchTraining(b, threads, quick);
            if (std::string(b.name) == "planar_U1") planar = model;
        }
    if (selected("density_grids") || selected("play_frame")) {
        if (!planar) {
            std::cerr << "training the planar K=32 model for the grid benchmarks\n";
            planar = benchTraining(training.front(), threads, /*quick=*/false, /*print=*/false);
        }
        if (selected("density_grids")) benchGrids(planar, gridThreads, quick);
        if (selected("play_frame")) benchPlayFrames(planar, gridThreads, quick);
    }
    return 0;
}

}  // namespace flowscope::cli
