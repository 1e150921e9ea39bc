#include "analysis/density_analysis.h"
#include "analysis/density_ledger.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/plane_bounds.h"
#include "io/flow_model_file.h"
#include "io/heatmap_image.h"
#include "io/image_tensor.h"
#include "io/npy_file.h"
#include "util/compute_threads.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <optional>
#include <cstdio>

namespace flowscope::cli {

const char* const kDensity2dHelp =
    R"(usage: flowscope-cli density2d --model MODEL --out DIR [--grid N] [--bounds x0,x1,y0,y1]
       flowscope-cli density2d --model MODEL --probe x,y [--square S]

Evaluates a trained 2D flow exactly on an N×N grid of cell centres, through the layers' inverses:
the density q_k of every step k = 0..K and each layer's log|det J_k| over its input domain.

  --model MODEL   a FlowScope 2D model file (flowscope-cli train2d --out)
  --grid N        cells per side (default 256)
  --bounds B      x0,x1,y0,y1 (default: the target's extent stored in the model, else -4,4,-4,4)
  --threads T     LibTorch intra-op threads
  --out DIR       written: density_kNN.png, logdet_kNN.png (k ≥ 1), cumulative_logdet_kNN.png,
                  log_density.npy [K+1,N,N], layer_logdet.npy [K,N,N], cumulative_logdet.npy
                  [K+1,N,N] (row j is y, column i is x) and analysis.json

Prints a JSON object with the midpoint-rule integral of every step's density (1 when the domain
holds the mass).

  --probe x,y     instead of the grid, the change-of-variables ledger of the point x = z_K:
                  {"steps": [{"k", "z": [z1, z2], "logdet", "log_q", "area"}, …], "log_q_final",
                  "square"} for k = 0..K, z_k traced back through the inverses, log|det J_k| of
                  layer k (0 for the base), log q_k(z_k) = log q_{k-1}(z_{k-1}) − log|det J_k|,
                  and the area of a small square around x (side --square, default 0.01) traced
                  back to step k: area_k / area_{k-1} ≈ |det J_k|. Computed in double.
)";

namespace {

std::string stepName(const char* prefix, size_t k) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s_k%02zu.png", prefix, k);
    return buf;
}

std::vector<float> stack(const std::vector<ScalarGrid>& grids) {
    std::vector<float> out;
    for (const auto& g : grids) out.insert(out.end(), g.values.begin(), g.values.end());
    return out;
}

}  // namespace

int probeLedger(const std::string& modelPath, const std::vector<double>& point, double side) {
    auto loaded = loadFlowModel(modelPath);
    const DensityLedger ledger = densityLedger(*loaded.model, point[0], point[1], side);
    QJsonArray steps;
    for (size_t k = 0; k < ledger.steps.size(); ++k) {
        const LedgerStep& s = ledger.steps[k];
        steps.append(QJsonObject{{"k", static_cast<qint64>(k)},
                                 {"z", QJsonArray{s.z[0], s.z[1]}},
                                 {"logdet", s.logdet},
                                 {"log_q", s.logQ},
                                 {"area", s.area}});
    }
    printJsonLine(QJsonObject{{"model", QString::fromStdString(modelPath)},
                              {"point", QJsonArray{point[0], point[1]}},
                              {"steps", steps},
                              {"log_q_final", ledger.logQFinal},
                              {"square", side}});
    return 0;
}

int runDensity2d(const std::vector<std::string>& args) {
    Arguments a(args, {{"model"}, {"grid"}, {"bounds"}, {"out"}, {"threads"}, {"probe"}, {"square"}});
    const std::string modelPath = a.required("model");
    if (a.has("probe")) {
        if (a.has("out") || a.has("grid") || a.has("bounds"))
            throw UsageError("--probe prints one point's ledger: it takes no --out, --grid or --bounds");
        return probeLedger(modelPath, a.reals("probe", 2), a.real("square", 0.01, 1e-9, 1e3));
    }
    if (a.has("square")) throw UsageError("--square goes with --probe");
    const std::string outDir = a.required("out");
    GridSpec grid;
    grid.nx = grid.ny = a.integer("grid", 256, 2, 4096);
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    const auto bounds = boundsOption(a);
    auto loaded = loadFlowModel(modelPath);
    applyPlaneBounds(grid, bounds, loaded.metadata);
    validate(grid);
    if (!QDir().mkpath(QString::fromStdString(outDir)))
        throw std::runtime_error("cannot create output folder '" + outDir + "'");
    const QDir dir(QString::fromStdString(outDir));
    auto file = [&](const std::string& name) { return dir.filePath(QString::fromStdString(name)).toStdString(); };

    const auto t0 = std::chrono::steady_clock::now();
    const DensityAnalysis analysis = analyzeDensities(*loaded.model, grid);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const size_t K = analysis.layerLogdet.size();
    QJsonArray integrals;
    for (size_t k = 0; k <= K; ++k) {
        integrals.append(analysis.logDensity[k].integralOfExp());
        auto save = [&](const QImage& img, const std::string& name) { writePng(img, file(name)); };
        save(heatmapImage(analysis.logDensity[k], ColorScale::Density), stepName("density", k));
        save(heatmapImage(analysis.cumulativeLogdet[k], ColorScale::Diverging), stepName("cumulative_logdet", k));
        if (k >= 1) save(heatmapImage(analysis.layerLogdet[k - 1], ColorScale::Diverging), stepName("logdet", k));
    }
    const auto n = grid.nx;
    writeNpyFloat32(file("log_density.npy"), {static_cast<int64_t>(K + 1), n, n}, stack(analysis.logDensity));
    writeNpyFloat32(file("layer_logdet.npy"), {static_cast<int64_t>(K), n, n}, stack(analysis.layerLogdet));
    writeNpyFloat32(file("cumulative_logdet.npy"), {static_cast<int64_t>(K + 1), n, n},
                    stack(analysis.cumulativeLogdet));

    QJsonObject out{{"model", QString::fromStdString(modelPath)},
                    {"grid", static_cast<qint64>(n)},
                    {"bounds", QJsonArray{grid.x0, grid.x1, grid.y0, grid.y1}},
                    {"steps", static_cast<qint64>(K + 1)},
                    {"integral", integrals},
                    {"seconds", seconds},
                    {"out", QString::fromStdString(outDir)}};
    QFile json(dir.filePath("analysis.json"));
    if (!json.open(QIODevice::WriteOnly) || json.write(QJsonDocument(out).toJson()) < 0)
        throw std::runtime_error("cannot write '" + file("analysis.json") + "'");
    printJsonLine(out);
    return 0;
}

}  // namespace flowscope::cli
