#include "analysis/density_ledger.h"

#include "flow/module_state.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {

/// The boundary of the square of side `s` centred on (x, y), counter-clockwise from its lower-left
/// corner, `n` points a side, closed: [4n + 1, 2].
torch::Tensor squareOutline(double x, double y, double s, int n) {
    auto pts = torch::empty({4 * n + 1, 2}, torch::kFloat64);
    auto a = pts.accessor<double, 2>();
    const double h = s / 2;
    const double cx[5] = {x - h, x + h, x + h, x - h, x - h};
    const double cy[5] = {y - h, y - h, y + h, y + h, y - h};
    for (int side = 0; side < 4; ++side)
        for (int i = 0; i < n; ++i) {
            const double t = static_cast<double>(i) / n;
            a[side * n + i][0] = cx[side] + t * (cx[side + 1] - cx[side]);
            a[side * n + i][1] = cy[side] + t * (cy[side + 1] - cy[side]);
        }
    a[4 * n][0] = cx[0];
    a[4 * n][1] = cy[0];
    return pts;
}

/// Shoelace area of a closed polygon [M, 2] (last point equal to the first), its absolute value.
double polygonArea(const torch::Tensor& closed, Polyline* outline) {
    auto p = closed.contiguous();
    auto a = p.accessor<double, 2>();
    double twice = 0;
    // Relative to the first vertex: the products stay the size of the polygon, not of its position.
    const double ox = a[0][0], oy = a[0][1];
    outline->x.resize(static_cast<size_t>(p.size(0)));
    outline->y.resize(static_cast<size_t>(p.size(0)));
    for (int64_t i = 0; i < p.size(0); ++i) {
        outline->x[static_cast<size_t>(i)] = a[i][0];
        outline->y[static_cast<size_t>(i)] = a[i][1];
        if (i + 1 < p.size(0)) twice += (a[i][0] - ox) * (a[i + 1][1] - oy) - (a[i + 1][0] - ox) * (a[i][1] - oy);
    }
    return std::abs(twice) / 2;
}

}  // namespace

DensityLedger densityLedger(const FlowModelImpl& model, double x, double y, double squareSide, int pointsPerSide,
                            size_t step) {
    if (!std::isfinite(x) || !std::isfinite(y))
        throw std::invalid_argument("the probed point must be finite, got (" + std::to_string(x) + ", " +
                                    std::to_string(y) + ")");
    if (!(squareSide > 0) || !std::isfinite(squareSide))
        throw std::invalid_argument("the probe square's side must be positive, got " + std::to_string(squareSide));
    if (pointsPerSide < 1 || pointsPerSide > 4096)
        throw std::invalid_argument("points per side must be 1…4096, got " + std::to_string(pointsPerSide));
    if (model.config().dim != 2)
        throw std::invalid_argument("the ledger needs a 2-D flow, got dimension " + std::to_string(model.config().dim));

    torch::NoGradGuard noGrad;
    // A double copy on the CPU: the ledger's figures do not depend on the model's dtype or device.
    FlowModel copy(model.config());
    copyModuleState(model, *copy);
    copy->to(torch::kCPU, torch::kFloat64);
    copy->eval();

    auto point = torch::tensor({{x, y}}, torch::kFloat64);
    auto batch = torch::cat({point, squareOutline(x, y, squareSide, pointsPerSide)}, 0);
    const size_t layers = copy->flows->size();
    if (step != kAllSteps && step > layers)
        throw std::invalid_argument("the flow has steps 0…" + std::to_string(layers) + ", not " + std::to_string(step));
    auto through = step == kAllSteps || step == layers ? copy->flows.ptr() : copy->flows->prefix(step);
    const auto pass = through->inverse(batch, /*keepIntermediates=*/true);
    const size_t K = pass.logdet.size();

    DensityLedger ledger;
    ledger.squareSide = squareSide;
    ledger.steps.resize(K + 1);
    double logQ = copy->base->logProb(pass.z[0].slice(0, 0, 1)).item<double>();
    for (size_t k = 0; k <= K; ++k) {
        LedgerStep& step = ledger.steps[k];
        step.z[0] = pass.z[k][0][0].item<double>();
        step.z[1] = pass.z[k][0][1].item<double>();
        if (k > 0) {
            step.logdet = pass.logdet[k - 1][0].item<double>();
            logQ -= step.logdet;
        }
        step.logQ = logQ;
        step.area = polygonArea(pass.z[k].slice(0, 1), &step.outline);
    }
    ledger.logQFinal = logQ;
    return ledger;
}

}  // namespace flowscope
