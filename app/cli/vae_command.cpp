// flowscope-cli vae: the help text, the dispatch, and train / eval / posterior.
#include "cli/vae_support.h"

#include "cli/commands.h"
#include "cli/glow_support.h"
#include "common/vae_lab_config.h"
#include "util/compute_threads.h"
#include "util/device.h"
#include "util/random.h"
#include "vae/binarised_images.h"
#include "vae/posterior_grid.h"
#include "vae/vae_evaluation.h"
#include "vae/vae_trainer.h"

#include <QJsonArray>

#include <chrono>
#include <cmath>
#include <iostream>
#include <sstream>

namespace flowscope::cli {

const char* const kVaeHelp = R"(usage: flowscope-cli vae <command> [options]

A variational auto-encoder whose posterior q_K(z|x) is a Gaussian pushed through K planar or
radial layers (Rezende & Mohamed 2015 §4): trained on the Flow-ELBO, measured by importance
sampling, and, with a 2-D latent, compared with the exact posterior on a grid.

  train      [--data DATA] [--latent D] [--flow none|planar|radial] [--layers K]
             [--amortised|--global] [--hidden H | --hidden H1,H2,…] [--decoder-hidden H1,…]
             [--activation relu|elu|tanh] [--lab]
             [--steps N] [--batch B] [--lr LR] [--samples S] [--anneal T] [--seed S]
             [--limit N] [--device auto|cpu|cuda] [--threads T] [--checkpoint-every N]
             [--resume MODEL] [--drop-training-state] --out MODEL
             Maximises the Flow-ELBO on dynamically binarised images (a fresh draw per batch);
             --anneal T weights the likelihood and prior by β_t = min(1, 0.01 + t/T) (the
             paper's schedule). Progress on stderr; a JSON summary (test ELBO on 1000 images)
             on stdout. Defaults: Fashion-MNIST, D 40, 10 amortised planar layers, encoder
             784-512-256, decoder 256-512-784 (--hidden lists the encoder's widths; the
             decoder mirrors them unless --decoder-hidden), ReLU, batch 100, lr 1e-3. --lab: the
             Flow-ELBO lab's 2-D-latent architecture (784-256-128 | 2-128-64-784, ELU) with
             --layers K amortised planar layers.
  eval       --model MODEL [--data DATA] [--split test|train] [--samples S] [--limit N]
             [--batch B] [--seed S] [--threads T] [--device auto|cpu|cuda]
             {"elbo", "nll_is", "nll_is_stderr", "kl_term", "n", …}: the ELBO and the
             importance-sampled −ln p(x) with S samples per image (default 100), nats per image,
             on the fixed binarisation.
  posterior  --model MODEL --index I [--data DATA] [--split test|train] [--grid N]
             [--bounds X0,X1,Y0,Y1] [--mc-samples S] [--seed S]
             2-D latents: the exact posterior of image I by quadrature on an N×N grid (default
             128; the region is found unless --bounds), as JSON: log_px, elbo (quadrature),
             elbo_mc ± elbo_mc_stderr (S samples of q_K, default 10000), kl_qk_posterior,
             kl_q0_posterior, q_mass (∫q_K on the grid), posterior_mass_at_edge.
  table      [--layers 0,2,10,20,40,80] [--global-layers K] [--latent D] [--steps N] [--batch B]
             [--lr LR] [--anneal T] [--seed S] [--samples S] [--limit N] [--data DATA]
             [--threads T] [--quick] --out DIR
             The paper's Table 2 experiment: one model per K (amortised planar; K = 0 is the
             mean field) and one global-flow model (default K 10; 0 leaves it out), the same
             budget, batches and seeds for each; −ln p(x) by importance sampling on the test set.
             Writes DIR/K<k>.fsm (resumable: run it again to continue), DIR/table.csv, .png,
             .pdf and summary.json, and prints the table. --quick: 8-D latent, small nets,
             300 steps, 200 test images (a smoke test).

DATA is fashion-mnist (the Debian package dataset-fashion-mnist), idx:DIR (MNIST-style IDX
files), faces (built in), or a folder of images; images become grey at the model's size (28).
)";

namespace vae {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<int64_t> parseWidths(const std::string& text) {
    return parseIntegerList(text, "--hidden", "widths", 1, 8192, 8);
}

std::string dataOf(const Arguments& a, const LoadedVaeModel& m) {
    return a.text("data", m.extras.metadata.value("data").toString("fashion-mnist").toStdString());
}

}  // namespace

std::vector<int64_t> parseIntegerList(const std::string& text, const std::string& option, const std::string& what,
                                      int64_t lo, int64_t hi, size_t maxCount) {
    const std::string usage = option + " takes " + what + " " + std::to_string(lo) + "…" + std::to_string(hi) +
                              " separated by commas (at most " + std::to_string(maxCount) + "), got '" + text + "'";
    std::vector<int64_t> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        size_t used = 0;
        long long v = 0;
        try {
            v = std::stoll(item, &used);
        } catch (const std::exception&) {
            throw UsageError(usage);
        }
        if (used != item.size() || v < lo || v > hi) throw UsageError(usage);
        out.push_back(v);
    }
    if (out.empty() || out.size() > maxCount) throw UsageError(usage);
    return out;
}

GreyImages loadGreyImages(const std::string& spec, int64_t imageSize, const std::string& split, int64_t limit) {
    if (split != "train" && split != "test") throw UsageError("--split must be train or test, got '" + split + "'");
    ImageDatasetOptions o;
    o.size = imageSize;
    o.channels = 1;
    o.split = split;
    o.limit = limit;
    GreyImages g;
    g.set = loadImageDataset(spec, o);
    for (const auto& p : g.set.problems) std::cerr << "skipped: " << p << "\n";
    for (const auto& n : g.set.notes) std::cerr << "data: " << n << "\n";
    if (g.set.images.size(0) == 0) throw std::runtime_error("'" + spec + "' holds no " + split + " images");
    g.grey = greyLevels(g.set.images);
    return g;
}

std::vector<Arguments::Spec> modelAndTrainingOptions() {
    return {{"lab", false},
            {"decoder-hidden"},
            {"latent"},
            {"flow"},
            {"layers"},
            {"amortised", false},
            {"global", false},
            {"hidden"},
            {"activation"},
            {"seed"},
            {"steps"},
            {"batch"},
            {"lr"},
            {"samples"},
            {"anneal"},
            {"device"},
            {"checkpoint-every"},
            {"threads"},
            {"data"},
            {"limit"}};
}

VaeConfig configFromArguments(const Arguments& a, int64_t imageSize) {
    if (a.has("lab")) {
        for (const char* other : {"latent", "flow", "hidden", "decoder-hidden", "activation", "global"})
            if (a.has(other)) throw UsageError(std::string("--lab fixes the architecture: drop --") + other);
        VaeConfig lab = vaeLabConfig(a.integer("layers", 8, 0, 1000));
        if (a.has("seed")) lab.seed = static_cast<uint64_t>(a.integer("seed", 0, 0, INT64_MAX));
        return lab;
    }
    VaeConfig c;
    c.imageSize = imageSize;
    c.latent = a.integer("latent", 40, 1, 1024);
    const std::string flow = a.text("flow", "planar");
    const auto kind = kindFromName(kVaeFlows, flow);
    if (!kind) throw UsageError("--flow must be " + kindNames(kVaeFlows) + ", got '" + flow + "'");
    c.flow = *kind;
    c.layers = a.integer("layers", c.flow == VaeFlow::None ? 0 : 10, 0, 1000);
    if (c.layers == 0) c.flow = VaeFlow::None;
    if (a.has("amortised") && a.has("global")) throw UsageError("--amortised and --global exclude each other");
    c.amortised = !a.has("global");
    if (a.has("hidden")) {
        auto widths = parseWidths(a.text("hidden", ""));
        if (widths.size() == 1) widths.push_back(widths.front());
        c.encoderHidden = widths;
        c.decoderHidden.assign(widths.rbegin(), widths.rend());
    }
    if (a.has("decoder-hidden")) c.decoderHidden = parseWidths(a.text("decoder-hidden", ""));
    const std::string activation = a.text("activation", "relu");
    const auto act = kindFromName(kVaeActivations, activation);
    if (!act) throw UsageError("--activation must be " + kindNames(kVaeActivations) + ", got '" + activation + "'");
    c.activation = *act;
    c.seed = static_cast<uint64_t>(a.integer("seed", 0, 0, INT64_MAX));
    try {
        validate(c);
        vaeParameterShapes(c);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return c;
}

VaeTrainConfig trainConfigFromArguments(const Arguments& a) {
    VaeTrainConfig t;
    t.steps = a.integer("steps", 10000, 0, 100'000'000);
    t.batch = a.integer("batch", 100, 1, 4096);
    t.learningRate = a.real("lr", 1e-3, 1e-8, 1.0);
    t.samples = a.integer("samples", 1, 1, 1024);
    t.annealSteps = a.integer("anneal", 0, 0, 100'000'000);
    t.seed = static_cast<uint64_t>(a.integer("seed", 0, 0, INT64_MAX));
    t.device = a.text("device", "auto");
    t.checkpointEvery = a.integer("checkpoint-every", 0, 0, 100'000'000);
    return t;
}

QJsonObject trainAndSave(VaeModel model, const GreyImages& data, const std::string& dataSpec,
                         const VaeTrainConfig& train, const std::string& out, const VaeFileExtras* resumed,
                         bool dropState, const std::string& progressLabel) {
    VaeTrainer trainer(model, data.grey, train);
    if (resumed) trainer.restoreTrainingState(resumed->trainingState);
    const auto start = Clock::now();
    const int64_t firstStep = trainer.stepsDone();
    auto metadata = [&](const VaeProgress& p) {
        return QJsonObject{{"data", QString::fromStdString(dataSpec)},
                           {"steps", static_cast<qint64>(p.step)},
                           {"planned_steps", static_cast<qint64>(train.steps)},
                           {"batch", static_cast<qint64>(train.batch)},
                           {"lr", train.learningRate},
                           {"anneal", static_cast<qint64>(train.annealSteps)},
                           {"train_seed", QString::number(train.seed)},
                           {"train_elbo", p.averageElbo},
                           {"finished", p.finished}};
    };
    auto save = [&](const VaeProgress& p, bool withState) {
        VaeFileExtras extras;
        extras.metadata = metadata(p);
        if (withState) extras.trainingState = trainer.trainingState();
        saveVaeModel(out, *trainer.model(), extras);
    };
    VaeProgress last;
    last.step = trainer.stepsDone();
    last.total = train.steps;
    last.finished = trainer.stepsDone() >= train.steps;
    // A resumed run with nothing left to train keeps the checkpoint's figures.
    if (resumed) last.averageElbo = resumed->metadata.value("train_elbo").toDouble();
    trainer.run(
        nullptr,
        [&](const VaeProgress& p) {
            last = p;
            if (!p.event.empty()) std::cerr << "\n" << p.event << "\n";
            char line[200];
            std::snprintf(line, sizeof line,
                          "\r%s step %lld/%lld  ELBO %.2f (avg %.2f)  β %.3f  %.1f steps/s  ETA %s   ",
                          progressLabel.c_str(), static_cast<long long>(p.step), static_cast<long long>(p.total),
                          p.elbo, p.averageElbo, p.beta, p.stepsPerSecond, glow::formatSeconds(p.etaSeconds).c_str());
            std::cerr << line << std::flush;
        },
        [&](VaeTrainer& t) {
            VaeProgress p = last;
            p.step = t.stepsDone();
            save(p, true);
        });
    std::cerr << "\n";
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    save(last, !dropState);
    return QJsonObject{
        {"model", QString::fromStdString(out)},
        {"data", QString::fromStdString(dataSpec)},
        {"batch", static_cast<qint64>(train.batch)},
        {"lr", train.learningRate},
        {"steps", static_cast<qint64>(trainer.stepsDone())},
        {"seconds", seconds},
        {"steps_per_s", seconds > 0 ? static_cast<double>(trainer.stepsDone() - firstStep) / seconds : 0.0},
        {"train_elbo", last.averageElbo},
        {"rolled_back", static_cast<qint64>(last.rolledBack)}};
}

int train(const std::vector<std::string>& args) {
    auto specs = modelAndTrainingOptions();
    specs.push_back({"out"});
    specs.push_back({"resume"});
    specs.push_back({"drop-training-state", false});
    Arguments a(args, specs);
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const std::string out = a.required("out");
    auto trainConfig = trainConfigFromArguments(a);
    LoadedVaeModel resumed;
    VaeModel model{nullptr};
    if (a.has("resume")) {
        resumed = loadVaeModel(a.required("resume"));
        if (resumed.extras.trainingState.empty())
            throw std::runtime_error("'" + a.required("resume") + "' holds no training state to resume");
        model = resumed.model;
        // The checkpoint's data and training settings carry on unless given again.
        const QJsonObject& meta = resumed.extras.metadata;
        if (!a.has("batch") && meta.contains("batch")) trainConfig.batch = meta.value("batch").toInteger();
        if (!a.has("lr") && meta.contains("lr")) trainConfig.learningRate = meta.value("lr").toDouble();
        if (!a.has("anneal") && meta.contains("anneal")) trainConfig.annealSteps = meta.value("anneal").toInteger();
    }
    const int64_t imageSize = model.is_empty() ? 28 : model->config().imageSize;
    const std::string dataSpec = a.has("resume") ? dataOf(a, resumed) : a.text("data", "fashion-mnist");
    auto data = loadGreyImages(dataSpec, imageSize, "train", a.integer("limit", 0, 0, 100'000'000));
    if (model.is_empty()) model = VaeModel(configFromArguments(a, imageSize));
    auto summary = trainAndSave(model, data, dataSpec, trainConfig, out, a.has("resume") ? &resumed.extras : nullptr,
                                a.has("drop-training-state"), "train");
    // A quick held-out figure for the summary: the ELBO on the first 1000 test images.
    auto test = loadGreyImages(dataSpec, imageSize, "test", 1000);
    auto e = evaluateVae(*model, fixedBinarisation(test.grey), 1, trainConfig.seed);
    summary["test_elbo"] = e.elbo;
    summary["test_images"] = static_cast<qint64>(e.n);
    printJsonLine(summary);
    return 0;
}

int eval(const std::vector<std::string>& args) {
    Arguments a(args,
                {{"model"}, {"data"}, {"split"}, {"samples"}, {"limit"}, {"batch"}, {"seed"}, {"threads"}, {"device"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const auto device = resolveDevice(a.text("device", "auto"), /*preferCudaForAuto=*/true);
    auto m = loadVaeModel(a.required("model"));
    m.model->to(device);
    const std::string spec = dataOf(a, m);
    const std::string split = a.text("split", "test");
    auto data = loadGreyImages(spec, m.model->config().imageSize, split, a.integer("limit", 0, 0, 100'000'000));
    const int64_t samples = a.integer("samples", 100, 1, 100'000);
    const auto start = Clock::now();
    double shown = -1;
    auto r = evaluateVae(*m.model, fixedBinarisation(data.grey), samples,
                         static_cast<uint64_t>(a.integer("seed", 0, 0, INT64_MAX)), a.integer("batch", 100, 1, 4096),
                         [&](int64_t done, int64_t total) {
                             const double s = std::chrono::duration<double>(Clock::now() - start).count();
                             if (s - shown < 0.5 && done < total) return;
                             shown = s;
                             std::cerr << "\r" << done << "/" << total << " images, ETA "
                                       << glow::formatSeconds(s / done * (total - done)) << "   " << std::flush;
                         });
    std::cerr << "\n";
    printJsonLine(QJsonObject{{"model", QString::fromStdString(a.required("model"))},
                              {"data", QString::fromStdString(data.set.description)},
                              {"split", QString::fromStdString(split)},
                              {"elbo", r.elbo},
                              {"elbo_stderr", r.elboStderr},
                              {"nll_is", r.nllIs},
                              {"nll_is_stderr", r.nllIsStderr},
                              {"kl_term", r.klTerm},
                              {"log_likelihood", r.logLikelihood},
                              {"n", static_cast<qint64>(r.n)},
                              {"samples", static_cast<qint64>(r.samples)},
                              {"seconds", std::chrono::duration<double>(Clock::now() - start).count()}});
    return 0;
}

int posterior(const std::vector<std::string>& args) {
    Arguments a(
        args, {{"model"}, {"index"}, {"data"}, {"split"}, {"grid"}, {"bounds"}, {"mc-samples"}, {"seed"}, {"threads"}});
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    auto m = loadVaeModel(a.required("model"));
    if (m.model->config().latent != 2)
        throw std::runtime_error("the posterior grid needs a 2-D latent; '" + a.required("model") + "' has " +
                                 std::to_string(m.model->config().latent));
    const int64_t index = a.integer("index", 0, 0, 100'000'000);
    auto data = loadGreyImages(dataOf(a, m), m.model->config().imageSize, a.text("split", "test"), index + 1);
    if (index >= data.grey.size(0))
        throw std::runtime_error("image " + std::to_string(index) + " is beyond the " +
                                 std::to_string(data.grey.size(0)) + " images of the set");
    PosteriorGridOptions o;
    o.size = a.integer("grid", 128, 2, 1024);
    o.seed = static_cast<uint64_t>(a.integer("seed", 0, 0, INT64_MAX));
    if (a.has("bounds")) {
        const auto b = a.reals("bounds", 4);
        if (!(b[1] > b[0]) || !(b[3] > b[2])) throw UsageError("--bounds needs X0 < X1 and Y0 < Y1");
        GridSpec g;
        g.x0 = b[0], g.x1 = b[1], g.y0 = b[2], g.y1 = b[3];
        o.bounds = g;
    }
    torch::NoGradGuard noGrad;
    m.model->eval();
    auto x = fixedBinarisation(data.grey).narrow(0, index, 1);
    auto q = m.model->encode(x);
    const auto start = Clock::now();
    auto grid = posteriorOnGrid(q, m.model->likelihoodOf(x), o);
    const double gridMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    auto gen = makeGenerator(o.seed);
    const int64_t mcSamples = a.integer("mc-samples", 10000, 2, 10'000'000);
    torch::Tensor elbos;
    for (int64_t done = 0; done < mcSamples; done += 4096) {
        auto part = flowElboTerms(q, m.model->likelihoodOf(x), std::min<int64_t>(4096, mcSamples - done), gen)
                        .elbo()
                        .to(torch::kFloat64)
                        .reshape(-1);
        elbos = elbos.defined() ? torch::cat({elbos, part}) : part;
    }
    QJsonObject out{{"model", QString::fromStdString(a.required("model"))},
                    {"index", static_cast<qint64>(index)},
                    {"log_px", grid.logPx},
                    {"elbo", grid.elbo},
                    {"elbo_mc", elbos.mean().item<double>()},
                    {"elbo_mc_stderr", elbos.std().item<double>() / std::sqrt(static_cast<double>(mcSamples))},
                    {"kl_qk_posterior", grid.klQKPosterior},
                    {"kl_q0_posterior", grid.klQ0Posterior},
                    {"kl_best_gaussian_posterior", bestDiagonalGaussian(grid).kl},
                    {"elbo_q0", grid.elboQ0},
                    {"q_mass", grid.qMass},
                    {"posterior_mass_at_edge", grid.posteriorMassAtEdge},
                    {"bounds", QJsonArray{grid.spec.x0, grid.spec.x1, grid.spec.y0, grid.spec.y1}},
                    {"grid", static_cast<qint64>(grid.spec.nx)},
                    {"grid_ms", gridMs}};
    if (data.set.classes.defined()) {
        const auto k = static_cast<size_t>(data.set.classes[index].item<int64_t>());
        out["class"] =
            QString::fromStdString(k < data.set.classNames.size() ? data.set.classNames[k] : std::to_string(k));
    }
    if (grid.posteriorMassAtEdge > 1e-4)
        std::cerr << "warning: " << grid.posteriorMassAtEdge
                  << " of the posterior lies on the grid's border: widen --bounds\n";
    printJsonLine(out);
    return 0;
}

}  // namespace vae

int runVae(const std::vector<std::string>& args) {
    if (args.empty()) throw UsageError("vae needs a command: train, eval, posterior or table");
    const std::string command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "train") return vae::train(rest);
    if (command == "eval") return vae::eval(rest);
    if (command == "posterior") return vae::posterior(rest);
    if (command == "table") return vae::table(rest);
    throw UsageError("unknown vae command '" + command + "' (expected train, eval, posterior or table)");
}

}  // namespace flowscope::cli
