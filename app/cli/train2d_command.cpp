#include "cli/arguments.h"
#include "cli/commands.h"
#include "common/target_resolver.h"
#include "io/flow_model_file.h"
#include "train/trainer_2d.h"
#include "util/compute_threads.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace flowscope::cli {

namespace {

const char* const kHelpTemplate = R"(usage: flowscope-cli train2d --target TARGET --flow FLOW --layers K [options]

Trains a 2D normalizing flow. Energies (U1–U4, Rezende & Mohamed 2015) are fitted by reverse KL
with the paper's annealing; data sets and CSV files by maximum likelihood.

  --target T      U1 | U2 | U3 | U4 | moons | circles | 8gaussians | checkerboard | pinwheel |
                  spirals | FILE.csv (x,y per line, optional header)
  --flow F        {flows}
  --layers K      number of layers (default 8)
  --hidden H      coupling conditioner width (default 64)
  --batch B       samples per step (default 256)
  --steps N       Adam steps (default 5000)
  --lr LR         learning rate (default 1e-3)
  --seed S        seed for initialisation and sampling (default 0)
  --anneal T      annealing length: β_t = min(1, 0.01 + t/T) (default: 0.8 × the steps)
  --no-anneal     plain reverse KL (β = 1 throughout)
  --actnorm       an ActNorm layer before every coupling layer
  --threads T     LibTorch intra-op threads (default: LibTorch's choice)
  --device D      auto | cpu | cuda (auto means the CPU for 2D flows)
  --out MODEL     save the trained model (FlowScope model file)

Progress goes to stderr; at the end one JSON object goes to stdout: target, flow, layers, steps,
seconds, steps_per_s, final_loss, and kl_estimate and ess for energies (nll for data).
)";

}  // namespace

std::string train2dHelp() {
    std::string help = kHelpTemplate;
    const std::string slot = "{flows}";
    help.replace(help.find(slot), slot.size(), flowKindNames(" | ", " | "));
    return help;
}

namespace {

QJsonValue finiteOrNull(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }

}  // namespace

int runTrain2d(const std::vector<std::string>& args) {
    Arguments a(args, {{"target"},
                       {"flow"},
                       {"layers"},
                       {"hidden"},
                       {"batch"},
                       {"steps"},
                       {"lr"},
                       {"seed"},
                       {"anneal"},
                       {"no-anneal", false},
                       {"actnorm", false},
                       {"threads"},
                       {"device"},
                       {"out"},
                       {"eval-samples"}});
    if (a.has("anneal") && a.has("no-anneal")) throw UsageError("--anneal and --no-anneal exclude each other");
    FlowConfig flow;
    const std::string kind = a.required("flow");
    const auto flowKind = flowKindFromName(kind);
    if (!flowKind) throw UsageError("unknown flow '" + kind + "' (expected " + flowKindNames() + ")");
    flow.flow = *flowKind;
    flow.layers = a.integer("layers", 8, 1, 1024);
    flow.hidden = a.integer("hidden", 64, 1, 4096);
    flow.actnorm = a.has("actnorm");
    TrainConfig train;
    train.batch = a.integer("batch", 256, 1, 1'000'000);
    train.steps = a.integer("steps", 5000, 0, 100'000'000);
    train.learningRate = a.real("lr", 1e-3, 1e-12, 10.0);
    train.seed = static_cast<uint64_t>(a.integer("seed", 0, 0, INT64_MAX));
    flow.seed = train.seed;
    train.anneal = !a.has("no-anneal");
    train.annealSteps = a.integer("anneal", 0, 1, 100'000'000);
    train.evalSamples = a.integer("eval-samples", 10000, 10000, 10'000'000);
    train.device = a.text("device", "auto");
    if (train.device != "auto" && train.device != "cpu" && train.device != "cuda")
        throw UsageError("unknown device '" + train.device + "' (expected auto, cpu or cuda)");
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const std::string outPath = a.text("out", "");

    auto resolved = resolveTarget(a.required("target"));
    for (const auto& w : resolved.warnings) std::cerr << "warning: " << w << "\n";

    Trainer2D trainer(FlowModel(flow), resolved.target, train);
    const bool energy = resolved.target.isEnergy();
    // The core's chunked loop in one-second chunks, a progress line after each. The loop is timed
    // alone; the final evaluation (≥ 10k samples) is reported separately.
    using Clock = std::chrono::steady_clock;
    const auto loopStart = Clock::now();
    auto lastLine = loopStart;
    Trainer2D::StepResult last{trainer.lastLoss(), 1.0, true};
    while (trainer.stepsDone() < train.steps) {
        const auto chunk = trainer.runChunk({/*seconds=*/1.0});
        last = chunk.last;
        if (!chunk.event.empty()) std::cerr << "warning: " << chunk.event << "\n";
        const auto now = Clock::now();
        if (std::chrono::duration<double>(now - lastLine).count() < 1.0 && !chunk.finished) continue;
        lastLine = now;
        char line[200];
        std::snprintf(line, sizeof line, "step %lld/%lld  loss %.4f%s  %.1f s\n",
                      static_cast<long long>(trainer.stepsDone()), static_cast<long long>(train.steps), last.loss,
                      energy ? ("  beta " + std::to_string(last.beta).substr(0, 4)).c_str() : "",
                      std::chrono::duration<double>(now - loopStart).count());
        std::cerr << line << std::flush;
    }
    const double loopSeconds = std::chrono::duration<double>(Clock::now() - loopStart).count();
    const int64_t steps = trainer.stepsDone();
    const Evaluation ev = trainer.evaluate();

    QJsonObject out{{"target", QString::fromStdString(resolved.target.name())},
                    {"flow", QString::fromUtf8(flowKindName(flow.flow))},
                    {"layers", static_cast<qint64>(flow.layers)},
                    {"hidden", static_cast<qint64>(flow.hidden)},
                    {"batch", static_cast<qint64>(train.batch)},
                    {"steps", static_cast<qint64>(train.steps)},
                    {"seed", static_cast<qint64>(train.seed)},
                    {"lr", train.learningRate},
                    {"anneal", train.anneal},
                    {"seconds", loopSeconds},
                    {"steps_per_s", loopSeconds > 0 ? steps / loopSeconds : 0.0},
                    {"final_loss", finiteOrNull(last.loss)},
                    {"rolled_back", static_cast<qint64>(trainer.rolledBack())},
                    {"fused_path", trainer.usesFusedPath()},
                    {"device", QString::fromStdString(trainer.device().str())}};
    if (energy) {
        out["kl_estimate"] = finiteOrNull(ev.kl);
        out["ess"] = finiteOrNull(ev.ess);
        out["log_z"] = resolved.target.energy().logZ();
    } else {
        out["nll"] = finiteOrNull(ev.nll);
    }
    if (!outPath.empty()) {
        const auto e = resolved.target.extent();
        QJsonObject meta = out;
        meta["extent"] = QJsonArray{e[0], e[1], e[2], e[3]};
        meta["created"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        saveFlowModel(outPath, *trainer.model(), meta);
        out["model"] = QString::fromStdString(outPath);
    }
    printJsonLine(out);
    return 0;
}

}  // namespace flowscope::cli
