#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/offscreen_gui.h"
#include "cli/plane_bounds.h"
#include "io/atomic_file.h"
#include "io/flow_animation.h"
#include "io/flow_model_file.h"
#include "util/compute_threads.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace flowscope::cli {

const char* const kAnimateHelp =
    R"(usage: flowscope-cli animate --model MODEL --out anim.gif [--frames N] [--fps F] [--size PX]
                             [--overlays particles,grid,label] [--hold S] [--bounds x0,x1,y0,y1]

The explorer's Play sequence of a 2D flow as an animated GIF for slides: z_0 → z_K with
in-between frames (layers 1..k applied, layer k+1 blended), each frame the exact density on a
PX × PX grid in the explorer's colours. The file loops forever and is written atomically.

  --model MODEL   a FlowScope 2D model file (train2d --out, or the explorer's File → Save model)
  --out FILE      the GIF to write
  --frames N      frames from z_0 to z_K (default 4 per layer + 1, 2…2000)
  --fps F         frames per second (default 25, 1…50)
  --size PX       pixels a side (default 512, 16…2048)
  --overlays L    comma-separated: particles (base samples carried along), grid (a coordinate
                  grid of z_0 carried along), label (k = … / K in a corner), none
                  (default label)
  --hold S        how long the last frame stays before the loop restarts (default 1.5 s)
  --bounds B      the plane shown (default: the target's extent stored in the model, else -4,4,-4,4)
  --threads T     LibTorch intra-op threads

Prints {"out", "frames", "width", "height", "fps", "bytes", "seconds"}; progress with an ETA goes
to stderr.
)";

int runAnimate(const std::vector<std::string>& args) {
    Arguments a(args,
                {{"model"}, {"out"}, {"frames"}, {"fps"}, {"size"}, {"overlays"}, {"hold"}, {"bounds"}, {"threads"}});
    const std::string modelPath = a.required("model");
    const std::string out = a.required("out");
    FlowAnimationOptions o;
    o.size = static_cast<int>(a.integer("size", 512, 16, 2048));
    const double fps = a.real("fps", 25, 1, 50);
    const double hold = a.real("hold", 1.5, 0, 60);
    if (a.has("threads")) setComputeThreads(static_cast<int>(a.integer("threads", 1, 1, 256)));
    o.label = false;
    for (const auto& part : QString::fromStdString(a.text("overlays", "label")).split(',', Qt::SkipEmptyParts)) {
        const QString name = part.trimmed();
        if (name == "particles")
            o.particles = true;
        else if (name == "grid")
            o.gridLines = true;
        else if (name == "label")
            o.label = true;
        else if (name != "none")
            throw UsageError("unknown overlay '" + name.toStdString() + "' (expected particles, grid, label or none)");
    }
    const auto bounds = boundsOption(a);
    auto loaded = loadFlowModel(modelPath);
    const auto K = static_cast<int64_t>(loaded.model->flows->size());
    o.frames = static_cast<int>(a.integer("frames", std::min<int64_t>(2000, 4 * K + 1), 2, 2000));
    applyPlaneBounds(o.bounds, bounds, loaded.metadata);
    ensureOffscreenGui();
    loaded.model->eval();

    const auto t0 = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    const bool tty = isatty(STDERR_FILENO);
    double lastReport = 0;
    const auto gif = encodeFlowAnimationGif(*loaded.model, o, fps, hold, [&](int done, int total) {
        const double s = elapsed();
        if (done == total || s - lastReport > (tty ? 0.2 : 5.0)) {
            lastReport = s;
            const double eta = s / done * (total - done);
            std::fprintf(stderr, tty ? "\rframe %d/%d, %.0f s left   " : "frame %d/%d, %.0f s left\n", done, total,
                         eta);
            if (tty && done == total) std::fputc('\n', stderr);
        }
        return true;
    });
    const std::string& bytes = gif.bytes;
    writeFileAtomically(out, bytes);
    printJsonLine(QJsonObject{{"out", QString::fromStdString(out)},
                              {"frames", o.frames},
                              {"width", o.size},
                              {"height", o.size},
                              {"fps", 1000.0 / gif.delayMs},
                              {"bytes", static_cast<qint64>(bytes.size())},
                              {"seconds", elapsed()}});
    return 0;
}

}  // namespace flowscope::cli
