// flowscope-cli bench vae: the Flow-ELBO's training speed at the sizes of normflows'
// examples/vae.py, and the lab's exact-posterior grid.
#include "cli/bench_vae.h"

#include "cli/arguments.h"
#include "cli/commands.h"
#include "common/resource_paths.h"
#include "common/vae_lab_config.h"
#include "io/vae_model_file.h"
#include "util/compute_threads.h"
#include "util/random.h"
#include "vae/vae_config.h"
#include "vae/binarised_images.h"
#include "vae/posterior_grid.h"
#include "vae/vae_trainer.h"

#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <iostream>

namespace flowscope::cli {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

/// Grey images with Fashion-MNIST's size; the speed of a step does not depend on their content.
torch::Tensor syntheticGrey(int64_t n) {
    auto gen = makeGenerator(7);
    return uniformTensor({n, 784}, 0.0, 1.0, gen);
}

}  // namespace

int runVaeBench(const std::vector<std::string>& args) {
    Arguments a(args, {{"threads"}, {"steps"}, {"batch"}, {"layers"}, {"device"}, {"quick", false}});
    setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const bool quick = a.has("quick");

    VaeConfig c;  // latent 40, amortised planar, encoder 784-512-256, decoder 256-512-784, ReLU
    c.layers = a.integer("layers", 10, 0, 1000);
    if (c.layers == 0) c.flow = VaeFlow::None;
    VaeTrainConfig t;
    t.batch = a.integer("batch", 256, 1, 4096);
    t.steps = 1'000'000;
    t.device = a.text("device", "cpu");
    VaeTrainer trainer(VaeModel(c), syntheticGrey(4096), t);
    for (int i = 0; i < 3; ++i) trainer.step();  // warm-up: allocations, first touch
    const int64_t steps = quick ? 3 : a.integer("steps", 60, 1, 100000);
    auto start = Clock::now();
    for (int64_t i = 0; i < steps; ++i) trainer.step();
    const double trainMs = msSince(start);
    const double stepsPerS = 1000.0 * static_cast<double>(steps) / trainMs;
    // What the matrix products alone allow on this thread: the step's multiply-adds (forward,
    // weight gradients, input gradients but the first layer's) at the speed of one sgemm of
    // the encoder's first layer, measured here.
    double forwardMacs = 0, firstLayer = 0;
    for (const auto& p : vaeParameterShapes(c))
        if (p.shape.size() == 2) forwardMacs += static_cast<double>(t.batch) * p.shape[0] * p.shape[1];
    firstLayer = static_cast<double>(t.batch) * c.dataDim() * c.encoderHidden.front();
    const double stepFlops = 2.0 * (3.0 * forwardMacs - firstLayer);
    auto gemmA = torch::rand({t.batch, c.dataDim()}), gemmB = torch::rand({c.dataDim(), c.encoderHidden.front()});
    torch::matmul(gemmA, gemmB);
    start = Clock::now();
    const int gemms = quick ? 2 : 40;
    for (int i = 0; i < gemms; ++i) torch::matmul(gemmA, gemmB);
    const double gflops = 2.0 * firstLayer * gemms / (msSince(start) * 1e6);
    printJsonLine(QJsonObject{{"bench", "vae_train"},
                              {"latent", static_cast<qint64>(c.latent)},
                              {"layers", static_cast<qint64>(c.layers)},
                              {"batch", static_cast<qint64>(t.batch)},
                              {"threads", static_cast<qint64>(torch::get_num_threads())},
                              {"device", QString::fromStdString(trainer.device().str())},
                              {"steps", static_cast<qint64>(steps)},
                              {"steps_per_s", stepsPerS},
                              // The figure for normflows on its machine; compare on this one
                              // with tools/bench_vae_reference.py run just before or after.
                              {"normflows_reference_steps_per_s", 14.0},
                              {"goal_steps_per_s", 28.0},
                              {"step_gflop", stepFlops / 1e9},
                              {"sgemm_gflops", gflops},
                              {"gemm_bound_steps_per_s", gflops * 1e9 / stepFlops}});

    // The lab's posterior grid: the shipped K = 8 model when present, else its architecture fresh.
    VaeModel lab{nullptr};
    std::string source = "fresh";
    try {
        lab = loadVaeModel(shippedVaeLabModelPath(8)).model;
        source = "shipped";
    } catch (const std::exception&) {
        lab = VaeModel(vaeLabConfig(8));
    }
    lab->eval();
    torch::NoGradGuard noGrad;
    auto x = fixedBinarisation(syntheticGrey(1));
    auto q = lab->encode(x);
    PosteriorGridOptions o;
    o.size = 128;
    auto found = posteriorOnGrid(q, lab->likelihoodOf(x), o);  // warm-up, and the region
    const int repeats = quick ? 1 : 10;
    double fixedMs = 1e30, autoMs = 1e30;
    for (int r = 0; r < repeats; ++r) {
        start = Clock::now();
        posteriorOnGrid(q, lab->likelihoodOf(x), o);
        autoMs = std::min(autoMs, msSince(start));
        PosteriorGridOptions fixed = o;
        fixed.bounds = found.spec;
        start = Clock::now();
        posteriorOnGrid(q, lab->likelihoodOf(x), fixed);
        fixedMs = std::min(fixedMs, msSince(start));
    }
    printJsonLine(QJsonObject{{"bench", "vae_posterior_grid"},
                              {"model", QString::fromStdString(source)},
                              {"grid", 128},
                              {"threads", static_cast<qint64>(torch::get_num_threads())},
                              {"grid_ms", fixedMs},
                              {"grid_with_region_search_ms", autoMs},
                              {"goal_ms", 150.0}});
    return 0;
}

}  // namespace flowscope::cli
