#include "analysis/grid.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "infinitesimal/energy_potential.h"
#include "infinitesimal/fokker_planck.h"
#include "cli/offscreen_gui.h"
#include "io/atomic_file.h"
#include "io/heatmap_image.h"
#include "io/langevin_animation.h"
#include "io/image_tensor.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <cstdio>

namespace flowscope::cli {

const char* const kLangevinHelp =
    R"(usage: flowscope-cli langevin --target U1 [--grid N] [--time T] [--frames F] [--out DIR]
                                [--gif FILE [--fps F] [--size PX]]

The Langevin flow dz = −∇U dt + √2 dW (Rezende & Mohamed 2015, §3.2) as a density: p_t moved by
its Fokker–Planck equation ∂p/∂t = ∇·(p∇U) + Δp on an N×N grid of cells, by finite volumes
(Scharfetter–Gummel fluxes between cells, none through the edge: mass is conserved; forward
Euler at a step chosen for positivity), from a Gaussian towards the stationary exp(−U)/Z.

  --target U      U1, U2, U3 or U4
  --grid N        cells per side (default 128, 8…1024)
  --bounds B      x0,x1,y0,y1 (default: the target's extent)
  --time T        how long to run (default 5)
  --frames F      records F + 1 frames at t = 0, T/F, …, T (default 10, at most 1000)
  --mean x,y      the starting Gaussian's mean (default 0,0)
  --sigma S       its standard deviation (default 1)
  --out DIR       also writes frame_NNN.png (the density, one colour scale for all frames) and
                  langevin.json
  --gif FILE      also writes the F + 1 frames as a looping animated GIF ("t = …" in a corner,
                  one colour scale), at --fps (default 25) and --size pixels a side (default 512)

Prints {"target", "grid", "bounds", "dt", "steps", "times", "kl", "mass", "min_density",
"seconds"}: KL(p_t ‖ p) against the stationary state on the grid, the total mass and the
smallest density at every frame.
)";

int runLangevin(const std::vector<std::string>& args) {
    Arguments a(args, {{"target"},
                       {"grid"},
                       {"bounds"},
                       {"time"},
                       {"frames"},
                       {"mean"},
                       {"sigma"},
                       {"out"},
                       {"gif"},
                       {"fps"},
                       {"size"}});
    if (!a.has("gif") && (a.has("fps") || a.has("size"))) throw UsageError("--fps and --size go with --gif");
    const std::string targetName = a.required("target");
    if (!Energy::isEnergyName(targetName))
        throw UsageError("--target must be U1, U2, U3 or U4, got '" + targetName + "'");
    const Energy energy = Energy::fromName(targetName);
    GridSpec grid;
    grid.nx = grid.ny = a.integer("grid", 128, 8, 1024);
    const auto e = energy.extent();
    grid.x0 = e[0], grid.x1 = e[1], grid.y0 = e[2], grid.y1 = e[3];
    if (a.has("bounds")) {
        const auto b = a.reals("bounds", 4);
        if (!(b[1] > b[0]) || !(b[3] > b[2])) throw UsageError("--bounds needs x0 < x1 and y0 < y1");
        grid.x0 = b[0], grid.x1 = b[1], grid.y0 = b[2], grid.y1 = b[3];
    }
    validate(grid);
    const double duration = a.real("time", 5.0, 0.0, 1e4);
    const auto frames = a.integer("frames", 10, 1, 1000);
    const std::vector<double> mean = a.has("mean") ? a.reals("mean", 2) : std::vector<double>{0.0, 0.0};
    const double sigma = a.real("sigma", 1.0, 1e-3, 1e3);

    std::optional<QDir> out;
    if (a.has("out")) {
        const std::string dir = a.required("out");
        if (!QDir().mkpath(QString::fromStdString(dir)))
            throw std::runtime_error("cannot create output folder '" + dir + "'");
        out = QDir(QString::fromStdString(dir));
    }

    const auto t0 = std::chrono::steady_clock::now();
    FokkerPlanckSolver solver(grid, energyOnCells(energy, grid));
    solver.setGaussian(mean[0], mean[1], sigma);
    QJsonArray times, kl, mass, minDensity;
    std::vector<ScalarGrid> logFrames;  // kept for --out and --gif
    std::vector<double> frameTimes;
    const bool keepFrames = out || a.has("gif");
    for (int64_t f = 0; f <= frames; ++f) {
        if (f > 0) solver.advance(duration * static_cast<double>(f) / static_cast<double>(frames) - solver.time());
        times.append(solver.time());
        kl.append(solver.klToStationary());
        mass.append(solver.mass());
        minDensity.append(solver.minDensity());
        if (keepFrames) {
            logFrames.push_back(solver.logDensity());
            frameTimes.push_back(solver.time());
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    QJsonObject result{{"target", QString::fromStdString(energy.name())},
                       {"grid", static_cast<qint64>(grid.nx)},
                       {"bounds", QJsonArray{grid.x0, grid.x1, grid.y0, grid.y1}},
                       {"dt", solver.stableStep()},
                       {"steps", static_cast<qint64>(solver.stepsTaken())},
                       {"times", times},
                       {"kl", kl},
                       {"mass", mass},
                       {"min_density", minDensity},
                       {"seconds", seconds}};
    if (out) {
        // One colour scale for every frame (the densest frame's maximum), so the frames compare.
        float peak = std::numeric_limits<float>::lowest();
        for (const auto& g : logFrames) peak = std::max(peak, g.maxValue());
        for (size_t f = 0; f < logFrames.size(); ++f) {
            char name[32];
            std::snprintf(name, sizeof name, "frame_%03zu.png", f);
            writePng(heatmapImage(logFrames[f], ColorScale::Density, true, std::exp(double(peak))),
                     out->filePath(name).toStdString());
        }
        QFile json(out->filePath("langevin.json"));
        if (!json.open(QIODevice::WriteOnly) || json.write(QJsonDocument(result).toJson()) < 0)
            throw std::runtime_error("cannot write '" + json.fileName().toStdString() + "'");
    }
    if (a.has("gif")) {
        ensureOffscreenGui();  // the "t = …" labels need fonts
        DensityGifOptions o;
        o.fps = a.real("fps", 25, 1, 50);
        o.size = static_cast<int>(a.integer("size", 512, 16, 2048));
        const auto gif = encodeDensityFramesGif(logFrames, frameTimes, o, {});
        const std::string path = a.required("gif");
        writeFileAtomically(path, gif.bytes);
        result["gif"] = QString::fromStdString(path);
        result["gif_bytes"] = static_cast<qint64>(gif.bytes.size());
    }
    printJsonLine(result);
    return 0;
}

}  // namespace flowscope::cli
