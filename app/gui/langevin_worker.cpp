#include "gui/langevin_worker.h"

#include "analysis/contours.h"
#include "infinitesimal/energy_potential.h"
#include "infinitesimal/fokker_planck.h"
#include "infinitesimal/langevin_particles.h"
#include "infinitesimal/point_potential.h"
#include "targets/energy.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace flowscope {

struct LangevinWorkerState {
    int generation = 0;
    std::optional<FokkerPlanckSolver> solver;
    std::optional<LangevinParticles> particles;
};

LangevinWorker::LangevinWorker() : m_state(std::make_unique<LangevinWorkerState>()) {}
LangevinWorker::~LangevinWorker() = default;

void LangevinWorker::configure(const LangevinSettings& settings, int generation) {
    const std::string name = settings.target.toStdString();
    const bool drawn = settings.target == "drawn";
    if (!drawn && !Energy::isEnergyName(name))
        throw std::invalid_argument("unknown target '" + name + "' (expected U1…U4 or drawn)");
    auto& s = *m_state;
    s.solver.reset();  // until the new one stands, advance() does nothing
    s.generation = generation;
    GridSpec grid;
    grid.nx = grid.ny = std::clamp(settings.grid, 16, 512);
    GridSpec contourGrid;
    LangevinTargetInfo info;
    std::vector<double> potential;
    LangevinParticles::Gradient gradient;
    if (drawn) {
        // The drawing's canvas is the page's view, [−4, 4]²; its kernel density is the target.
        const PointPotential shape(settings.drawnPoints);
        grid.x0 = grid.y0 = -4, grid.x1 = grid.y1 = 4;
        potential = shape.onCells(grid);
        gradient = tabulatedGradient(shape, grid);
        contourGrid = grid;
        contourGrid.nx = contourGrid.ny = 160;
        ScalarGrid u{contourGrid, {}};
        for (double v : shape.onCells(contourGrid)) u.values.push_back(static_cast<float>(v));
        info.contours = densityContours(u, {0.9, 0.5, 0.1, 0.01});
        info.name = tr("your drawing");
    } else {
        const Energy energy = Energy::fromName(name);
        const auto e = energy.extent();
        grid.x0 = e[0], grid.x1 = e[1], grid.y0 = e[2], grid.y1 = e[3];
        potential = energyOnCells(energy, grid);
        gradient = [energy](double x, double y, double& gx, double& gy) { energy.evaluate(x, y, &gx, &gy); };
        contourGrid = grid;
        contourGrid.nx = contourGrid.ny = 160;
        info.contours = energyContours(energy, contourGrid);
        info.name = settings.target;
    }
    s.solver.emplace(grid, std::move(potential));
    s.solver->setGaussian(settings.meanX, settings.meanY, settings.sigma);
    s.particles.reset();
    if (settings.particles > 0)
        s.particles.emplace(gradient, settings.particles, settings.meanX, settings.meanY, settings.sigma,
                            settings.seed);

    info.bounds[0] = grid.x0, info.bounds[1] = grid.x1, info.bounds[2] = grid.y0, info.bounds[3] = grid.y1;
    info.logStationary.spec = grid;
    for (double pi : s.solver->stationary())  // a density, as p_t is
        info.logStationary.values.push_back(static_cast<float>(std::log(std::max(pi, 1e-300))));
    info.stableStep = s.solver->stableStep();
    emit configured(info);
    emitFrame();
}

void LangevinWorker::advance(double duration) {
    auto& s = *m_state;
    if (!s.solver) {
        // The last configuration failed: say so (the page stops playing) rather than stay silent,
        // which would leave the page waiting for a frame.
        emit failed(tr("No Langevin flow is set up: choose a target and press Reset."));
        return;
    }
    if (!(duration > 0)) {
        emitFrame();
        return;
    }
    duration = std::min(duration, 10.0);  // a stalled GUI never asks for an hour of work
    s.solver->advance(duration);
    // Euler–Maruyama at ~ the solver's step, at most 1e-3 (its O(dt) bias stays invisible).
    if (s.particles) s.particles->advance(duration, std::min(1e-3, s.solver->stableStep()));
    emitFrame();
}

void LangevinWorker::emitFrame() {
    const auto& s = *m_state;
    LangevinFrame f;
    f.generation = s.generation;
    f.time = s.solver->time();
    f.kl = s.solver->klToStationary();
    f.mass = s.solver->mass();
    f.minDensity = s.solver->minDensity();
    f.steps = s.solver->stepsTaken();
    f.logDensity = s.solver->logDensity();
    if (s.particles)
        for (double v : s.particles->positions()) f.particles.push_back(static_cast<float>(v));
    emit frameReady(f);
}

}  // namespace flowscope
