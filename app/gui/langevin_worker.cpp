#include "gui/langevin_worker.h"

#include "analysis/contours.h"
#include "infinitesimal/energy_potential.h"
#include "infinitesimal/fokker_planck.h"
#include "infinitesimal/langevin_particles.h"
#include "infinitesimal/point_potential.h"
#include "io/atomic_file.h"
#include "io/langevin_animation.h"
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

namespace {

/// What a target sets up: the grid, U on its cells, ∇U for the particles, the contours and a name.
struct LangevinTarget {
    GridSpec grid;
    std::vector<double> potential;
    LangevinParticles::Gradient gradient;
    std::vector<Polyline> contours;
    QString name;
};

LangevinTarget makeTarget(const LangevinSettings& settings) {
    const std::string name = settings.target.toStdString();
    const bool drawn = settings.target == "drawn";
    if (!drawn && !Energy::isEnergyName(name))
        throw std::invalid_argument("unknown target '" + name + "' (expected U1…U4 or drawn)");
    LangevinTarget t;
    t.grid.nx = t.grid.ny = std::clamp(settings.grid, 16, 512);
    GridSpec contourGrid;
    if (drawn) {
        // The drawing's canvas is the page's view, [−4, 4]²; its kernel density is the target.
        const PointPotential shape(settings.drawnPoints);
        t.grid.x0 = t.grid.y0 = -4, t.grid.x1 = t.grid.y1 = 4;
        t.potential = shape.onCells(t.grid);
        t.gradient = tabulatedGradient(shape, t.grid);
        contourGrid = t.grid;
        contourGrid.nx = contourGrid.ny = 160;
        ScalarGrid u{contourGrid, {}};
        for (double v : shape.onCells(contourGrid)) u.values.push_back(static_cast<float>(v));
        t.contours = densityContours(u, {0.9, 0.5, 0.1, 0.01});
        t.name = LangevinWorker::tr("your drawing");
    } else {
        const Energy energy = Energy::fromName(name);
        const auto e = energy.extent();
        t.grid.x0 = e[0], t.grid.x1 = e[1], t.grid.y0 = e[2], t.grid.y1 = e[3];
        t.potential = energyOnCells(energy, t.grid);
        t.gradient = [energy](double x, double y, double& gx, double& gy) { energy.evaluate(x, y, &gx, &gy); };
        contourGrid = t.grid;
        contourGrid.nx = contourGrid.ny = 160;
        t.contours = energyContours(energy, contourGrid);
        t.name = settings.target;
    }
    return t;
}

}  // namespace

void LangevinWorker::configure(const LangevinSettings& settings, int generation) {
    auto& s = *m_state;
    s.solver.reset();  // until the new one stands, advance() does nothing
    s.generation = generation;
    LangevinTarget target = makeTarget(settings);
    const GridSpec grid = target.grid;
    LangevinTargetInfo info;
    info.contours = std::move(target.contours);
    info.name = target.name;
    LangevinParticles::Gradient gradient = std::move(target.gradient);
    std::vector<double> potential = std::move(target.potential);
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

void LangevinWorker::exportAnimation(const LangevinAnimationRequest& request) {
    try {
        LangevinTarget target = makeTarget(request.settings);
        FokkerPlanckSolver solver(target.grid, std::move(target.potential));
        solver.setGaussian(request.settings.meanX, request.settings.meanY, request.settings.sigma);
        LangevinAnimationOptions o;
        o.frames = request.frames;
        o.duration = request.duration;
        o.gif.size = request.size;
        o.gif.fps = request.fps;
        o.gif.holdSeconds = request.holdSeconds;
        const auto gif = encodeLangevinAnimationGif(solver, o, [&](int done, int total) {
            if (request.cancel->load()) return false;
            emit animationProgress(done, total);
            return true;
        });
        if (gif.cancelled) {
            emit animationExported(request.path, 0, 0);
            return;
        }
        writeFileAtomically(request.path.toStdString(), gif.bytes);
        emit animationExported(request.path, gif.frames, static_cast<qint64>(gif.bytes.size()));
    } catch (const std::exception& e) {
        emit failed(QString::fromUtf8(e.what()));
        emit animationExported(request.path, 0, -1);
    }
}

}  // namespace flowscope
