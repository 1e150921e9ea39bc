#include "gui/hamiltonian_worker.h"

#include "infinitesimal/leapfrog.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowscope {
namespace {

constexpr int kGrid = 160;
constexpr double kMomentumHalfRange = 4.0;

}  // namespace

void HamiltonianWorker::compute(const HamiltonianSettings& settings, int generation) {
    const auto potential = Potential1D::fromName(settings.target.toStdString());
    if (!potential)
        throw std::invalid_argument("unknown target '" + settings.target.left(40).toStdString() + "' (expected " +
                                    Potential1D::names() + ")");
    const Leapfrog leapfrog(*potential, settings.stepSize, std::clamp(settings.steps, 1, 1000));
    const auto e = potential->extent();
    GridSpec grid;
    grid.nx = grid.ny = kGrid;
    grid.x0 = e[0], grid.x1 = e[1], grid.y0 = -kMomentumHalfRange, grid.y1 = kMomentumHalfRange;

    HamiltonianView v;
    v.generation = generation;
    v.bounds[0] = grid.x0, v.bounds[1] = grid.x1, v.bounds[2] = grid.y0, v.bounds[3] = grid.y1;
    // The joint e^{−H(q, p)} normalised on the grid (for the picture; log Z does not matter).
    v.logJoint.spec = grid;
    v.logJoint.values.resize(static_cast<size_t>(grid.size()));
    double hMin = INFINITY;
    for (int64_t j = 0; j < grid.ny; ++j)
        for (int64_t i = 0; i < grid.nx; ++i) hMin = std::min(hMin, leapfrog.energy({grid.x(i), grid.y(j)}));
    double sum = 0;
    for (int64_t j = 0; j < grid.ny; ++j)
        for (int64_t i = 0; i < grid.nx; ++i) {
            const double h = leapfrog.energy({grid.x(i), grid.y(j)}) - hMin;
            v.logJoint.values[static_cast<size_t>(j * grid.nx + i)] = static_cast<float>(-h);
            sum += std::exp(-h);
        }
    const float logNorm = static_cast<float>(std::log(sum * grid.dx() * grid.dy()));
    for (float& x : v.logJoint.values) x -= logNorm;

    GridSpec logdetGrid = grid;
    logdetGrid.nx = logdetGrid.ny = 96;
    v.logdet = leapfrogLogdetGrid(leapfrog, logdetGrid);
    for (float x : v.logdet.values) v.maxAbsLogdet = std::max(v.maxAbsLogdet, std::abs(static_cast<double>(x)));
    v.levelSets = hamiltonianLevelSets(*potential, grid, 12);
    auto warped = leapfrogWarpedGrid(leapfrog, grid, 11, 80);
    v.gridBefore = std::move(warped[0]);
    v.gridAfter = std::move(warped[1]);

    // Reversibility: flip p, map, flip p, map — over a coarse grid of starts and the chosen ones.
    auto roundTrip = [&](PhasePoint x) {
        PhasePoint y = leapfrog.map(x);
        y = leapfrog.map({y.q, -y.p});
        return std::hypot(y.q - x.q, -y.p - x.p);
    };
    for (int j = 1; j < 16; ++j)
        for (int i = 1; i < 16; ++i)
            v.reversibilityError = std::max(
                v.reversibilityError,
                roundTrip({grid.x0 + (grid.x1 - grid.x0) * i / 16.0, grid.y0 + (grid.y1 - grid.y0) * j / 16.0}));
    const int length = std::clamp(settings.orbitLength, 1, 5000);
    for (size_t s = 0; s + 1 < settings.starts.size() && s < 2 * 64; s += 2) {
        const PhasePoint start{settings.starts[s], settings.starts[s + 1]};
        if (!std::isfinite(start.q) || !std::isfinite(start.p)) continue;
        v.reversibilityError = std::max(v.reversibilityError, roundTrip(start));
        const double h0 = leapfrog.energy(start);
        for (const PhasePoint& x : leapfrog.orbit(start, length)) {
            if (!std::isfinite(x.q) || !std::isfinite(x.p)) break;
            v.orbitPoints.push_back(static_cast<float>(x.q));
            v.orbitPoints.push_back(static_cast<float>(x.p));
            v.maxEnergyDrift = std::max(v.maxEnergyDrift, std::abs(leapfrog.energy(x) - h0));
        }
    }
    emit viewReady(v);
}

}  // namespace flowscope
