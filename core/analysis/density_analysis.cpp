#include "analysis/density_analysis.h"

#include "analysis/planar_radial_kernel.h"
#include "util/random.h"

#include <stdexcept>

namespace flowscope {

namespace {

torch::Tensor gridPoints(const GridSpec& g, torch::Device device) {
    auto xs = torch::empty({g.nx}, torch::kFloat64);
    auto ys = torch::empty({g.ny}, torch::kFloat64);
    for (int64_t i = 0; i < g.nx; ++i) xs[i] = g.x(i);
    for (int64_t j = 0; j < g.ny; ++j) ys[j] = g.y(j);
    auto mesh = torch::meshgrid({ys, xs}, "ij");  // row j, column i
    auto pts = torch::stack({mesh[1].reshape(-1), mesh[0].reshape(-1)}, 1);
    return pts.to(device, torch::kFloat32);
}

ScalarGrid toGrid(const GridSpec& g, const torch::Tensor& values) {
    auto v = values.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    ScalarGrid out{g, std::vector<float>(v.data_ptr<float>(), v.data_ptr<float>() + v.numel())};
    return out;
}

struct PrefixResult {
    ScalarGrid logDensity, cumulative;
};

/// log q of `sequence` (all its layers) over `base` on `grid`, through the inverses. `fast` holds
/// the sequence's layers for the SIMD kernel when it applies.
PrefixResult prefixLogDensity(FlowSequenceImpl& sequence, const BaseDistribution& base, const GridSpec& grid,
                              const std::optional<std::vector<KernelLayer>>& fast, torch::Device device) {
    PrefixResult out{{grid, {}}, {grid, {}}};
    if (fast) {
        out.logDensity.values.resize(static_cast<size_t>(grid.size()));
        out.cumulative.values.resize(static_cast<size_t>(grid.size()));
        planarRadialLogDensity(*fast, grid, out.logDensity.values.data(), out.cumulative.values.data());
        return out;
    }
    auto pts = gridPoints(grid, device);
    auto pass = sequence.inverse(pts);
    auto logq0 = base.logProb(pass.z.front());
    out.logDensity = toGrid(grid, logq0 - pass.totalLogdet);
    out.cumulative = toGrid(grid, pass.totalLogdet);
    return out;
}

std::optional<std::vector<KernelLayer>> fastLayers(const FlowSequenceImpl& sequence, const BaseDistribution& base,
                                                   const AnalysisOptions& options) {
    if (!options.allowFastKernel || base.kind() != BaseKind::Standard) return std::nullopt;
    return kernelLayers(sequence);
}

struct EvalMode {
    explicit EvalMode(torch::nn::Module& m) : module(m), wasTraining(m.is_training()) { m.eval(); }
    ~EvalMode() { module.train(wasTraining); }
    torch::nn::Module& module;
    bool wasTraining;
};

}  // namespace

DensityAnalysis analyzeDensities(FlowModelImpl& model, const GridSpec& grid, const AnalysisOptions& options) {
    validate(grid);
    torch::NoGradGuard noGrad;
    EvalMode eval(model);
    DensityAnalysis out;
    const size_t K = model.flows->size();
    const auto fast = fastLayers(*model.flows, *model.base, options);
    for (size_t k = 0; k <= K; ++k) {
        auto prefix = model.flows->prefix(k);
        std::optional<std::vector<KernelLayer>> fastPrefix;
        if (fast) fastPrefix.emplace(fast->begin(), fast->begin() + static_cast<long>(k));
        auto r = prefixLogDensity(*prefix, *model.base, grid, fastPrefix, model.device());
        out.logDensity.push_back(std::move(r.logDensity));
        out.cumulativeLogdet.push_back(std::move(r.cumulative));
        if (options.layerLogdets && k > 0) out.layerLogdet.push_back(layerLogdetGrid(model, k, grid));
    }
    return out;
}

FrameAnalysis analyzeFrame(FlowModelImpl& model, size_t k, double t, const GridSpec& grid,
                           const AnalysisOptions& options) {
    validate(grid);
    torch::NoGradGuard noGrad;
    EvalMode eval(model);
    auto prefix = model.flows->prefix(k, t);
    auto r = prefixLogDensity(*prefix, *model.base, grid, fastLayers(*prefix, *model.base, options), model.device());
    return {std::move(r.logDensity), std::move(r.cumulative)};
}

ScalarGrid frameLogDensity(FlowModelImpl& model, size_t k, double t, const GridSpec& grid,
                           const AnalysisOptions& options) {
    return analyzeFrame(model, k, t, grid, options).logDensity;
}

ScalarGrid stepLogDensity(FlowModelImpl& model, size_t k, const GridSpec& grid, const AnalysisOptions& options) {
    return frameLogDensity(model, k, 0.0, grid, options);
}

ScalarGrid layerLogdetGrid(FlowModelImpl& model, size_t k, const GridSpec& grid) {
    validate(grid);
    if (k < 1 || k > model.flows->size())
        throw std::out_of_range("layer " + std::to_string(k) + " does not exist (the flow has " +
                                std::to_string(model.flows->size()) + " layers)");
    torch::NoGradGuard noGrad;
    EvalMode eval(model);
    auto pts = gridPoints(grid, model.device());
    return toGrid(grid, model.flows->layer(k - 1)->forward(pts).logdet);
}

namespace {

/// The z_0 points of the coordinate grid's lines, [2·lines·points, 2] (vertical lines first).
torch::Tensor gridLinePoints(double lo, double hi, int lines, int points) {
    if (lines < 2 || points < 2 || lines > 1000 || points > 100000 || !(hi > lo))
        throw std::invalid_argument("grid lines: need 2…1000 lines, 2…100000 points and lo < hi");
    std::vector<float> coords;
    coords.reserve(static_cast<size_t>(2 * lines * points * 2));
    for (int dir = 0; dir < 2; ++dir)
        for (int l = 0; l < lines; ++l)
            for (int p = 0; p < points; ++p) {
                const double fixed = lo + (hi - lo) * l / (lines - 1);
                const double along = lo + (hi - lo) * p / (points - 1);
                coords.push_back(static_cast<float>(dir == 0 ? fixed : along));
                coords.push_back(static_cast<float>(dir == 0 ? along : fixed));
            }
    const int64_t n = static_cast<int64_t>(coords.size() / 2);
    return torch::from_blob(coords.data(), {n, 2}, torch::kFloat32).clone();
}

std::vector<Polyline> toPolylines(const torch::Tensor& z, int lines, int points) {
    auto c = z.to(torch::kCPU, torch::kFloat64).contiguous();
    auto a = c.accessor<double, 2>();
    std::vector<Polyline> out;
    for (int line = 0; line < 2 * lines; ++line) {
        Polyline pl;
        for (int p = 0; p < points; ++p) {
            const int64_t idx = static_cast<int64_t>(line) * points + p;
            pl.x.push_back(a[idx][0]);
            pl.y.push_back(a[idx][1]);
        }
        out.push_back(std::move(pl));
    }
    return out;
}

torch::Device sequenceDevice(const FlowSequenceImpl& sequence) {
    for (const auto& p : sequence.parameters()) return p.device();
    return torch::kCPU;
}

}  // namespace

std::vector<std::vector<Polyline>> warpedGridLines(FlowModelImpl& model, double lo, double hi, int lines, int points) {
    torch::NoGradGuard noGrad;
    EvalMode eval(model);
    auto z0 = gridLinePoints(lo, hi, lines, points).to(model.device());
    auto pass = model.flows->forward(z0, true);
    std::vector<std::vector<Polyline>> out;
    for (const auto& zk : pass.z) out.push_back(toPolylines(zk, lines, points));
    return out;
}

std::vector<Polyline> gridLinesThrough(FlowSequenceImpl& sequence, double lo, double hi, int lines, int points) {
    torch::NoGradGuard noGrad;
    auto z0 = gridLinePoints(lo, hi, lines, points).to(sequenceDevice(sequence));
    return toPolylines(sequence.forward(z0).z.back(), lines, points);
}

std::vector<std::vector<float>> particleTrajectories(FlowModelImpl& model, int64_t n, uint64_t seed) {
    if (n < 1 || n > 10'000'000) throw std::invalid_argument("particleTrajectories: n must be 1…10000000");
    torch::NoGradGuard noGrad;
    EvalMode eval(model);
    auto gen = makeGenerator(seed);
    auto z0 = model.base->sample(n, gen, model.device());
    auto pass = model.flows->forward(z0, true);
    std::vector<std::vector<float>> out;
    for (const auto& zk : pass.z) {
        auto c = zk.to(torch::kCPU, torch::kFloat32).contiguous();
        out.emplace_back(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    }
    return out;
}

}  // namespace flowscope
