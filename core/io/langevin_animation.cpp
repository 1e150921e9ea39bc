#include "io/langevin_animation.h"

#include "io/frame_label.h"
#include "io/gif_encoder.h"
#include "io/heatmap_image.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace flowscope {

FlowAnimationGif encodeLangevinAnimationGif(FokkerPlanckSolver& solver, const LangevinAnimationOptions& o,
                                            const std::function<bool(int done, int total)>& progress) {
    if (o.frames < 2 || o.frames > 2000) throw std::invalid_argument("a Langevin animation needs 2…2000 frames");
    if (!(o.duration > 0.0) || o.duration > 1e4)
        throw std::invalid_argument("a Langevin animation lasts (0, 10⁴] time units");
    if (o.size < 16 || o.size > 2048)
        throw std::invalid_argument("a Langevin animation's frames are 16…2048 pixels a side");
    if (!(o.holdSeconds >= 0.0) || o.holdSeconds > 600.0)
        throw std::invalid_argument("the last frame's hold must be 0…600 s");
    FlowAnimationGif out;
    out.delayMs = gifDelayMs(o.fps);
    const int total = 2 * o.frames;
    // First the densities (the colour scale needs the densest of them), then the frames.
    const double start = solver.time();
    std::vector<ScalarGrid> densities;
    std::vector<double> times;
    float peak = std::numeric_limits<float>::lowest();
    for (int i = 0; i < o.frames; ++i) {
        const double t = start + o.duration * i / (o.frames - 1);
        if (t > solver.time()) solver.advance(t - solver.time());
        densities.push_back(solver.logDensity());
        times.push_back(solver.time());
        peak = std::max(peak, densities.back().maxValue());
        if (progress && !progress(i + 1, total)) {
            out.cancelled = true;
            return out;
        }
    }
    GifEncoder gif(o.size, o.size);
    for (int i = 0; i < o.frames; ++i) {
        QImage frame =
            heatmapImage(densities[static_cast<size_t>(i)], ColorScale::Density, true, std::exp(double(peak)))
                .scaled(o.size, o.size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .convertToFormat(QImage::Format_RGB32);
        if (o.label) {
            QPainter p(&frame);
            p.setRenderHint(QPainter::Antialiasing);
            drawFrameLabel(p, o.size, QStringLiteral("t = %1").arg(times[static_cast<size_t>(i)], 0, 'f', 2));
        }
        const bool last = i == o.frames - 1;
        gif.addFrame(frame, last ? out.delayMs + static_cast<int>(std::lround(1000 * o.holdSeconds)) : out.delayMs);
        if (progress && !progress(o.frames + i + 1, total)) {
            out.cancelled = true;
            return out;
        }
    }
    out.bytes = gif.finish();
    out.frames = o.frames;
    return out;
}

}  // namespace flowscope
