#include "io/langevin_animation.h"

#include "io/frame_label.h"
#include "io/gif_encoder.h"
#include "io/heatmap_image.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace flowscope {

FlowAnimationGif encodeDensityFramesGif(const std::vector<ScalarGrid>& logDensities, const std::vector<double>& times,
                                        const DensityGifOptions& o,
                                        const std::function<bool(int done, int total)>& progress) {
    if (logDensities.empty() || logDensities.size() != times.size() || logDensities.size() > 2000)
        throw std::invalid_argument("a density animation needs 1…2000 frames, each with its time");
    if (o.size < 16 || o.size > 2048) throw std::invalid_argument("an animation's frames are 16…2048 pixels a side");
    if (!(o.holdSeconds >= 0.0) || o.holdSeconds > 600.0)
        throw std::invalid_argument("the last frame's hold must be 0…600 s");
    FlowAnimationGif out;
    out.delayMs = gifDelayMs(o.fps);
    float peak = std::numeric_limits<float>::lowest();
    for (const auto& g : logDensities) peak = std::max(peak, g.maxValue());
    const int n = static_cast<int>(logDensities.size());
    GifEncoder gif(o.size, o.size);
    for (int i = 0; i < n; ++i) {
        QImage frame =
            heatmapImage(logDensities[static_cast<size_t>(i)], ColorScale::Density, true, std::exp(double(peak)))
                .scaled(o.size, o.size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .convertToFormat(QImage::Format_RGB32);
        if (o.label) {
            QPainter p(&frame);
            p.setRenderHint(QPainter::Antialiasing);
            drawFrameLabel(p, o.size, QStringLiteral("t = %1").arg(times[static_cast<size_t>(i)], 0, 'f', 2));
        }
        const bool last = i == n - 1;
        gif.addFrame(frame, last ? out.delayMs + static_cast<int>(std::lround(1000 * o.holdSeconds)) : out.delayMs);
        if (progress && !progress(i + 1, n)) {
            out.cancelled = true;
            return out;
        }
    }
    out.bytes = gif.finish();
    out.frames = n;
    return out;
}

FlowAnimationGif encodeLangevinAnimationGif(FokkerPlanckSolver& solver, const LangevinAnimationOptions& o,
                                            const std::function<bool(int done, int total)>& progress) {
    if (o.frames < 2 || o.frames > 2000) throw std::invalid_argument("a Langevin animation needs 2…2000 frames");
    if (!(o.duration > 0.0) || o.duration > 1e4)
        throw std::invalid_argument("a Langevin animation lasts (0, 10⁴] time units");
    const int total = 2 * o.frames;
    const double start = solver.time();
    std::vector<ScalarGrid> densities;
    std::vector<double> times;
    for (int i = 0; i < o.frames; ++i) {
        const double t = start + o.duration * i / (o.frames - 1);
        if (t > solver.time()) solver.advance(t - solver.time());
        densities.push_back(solver.logDensity());
        times.push_back(solver.time());
        if (progress && !progress(i + 1, total)) {
            FlowAnimationGif cancelled;
            cancelled.cancelled = true;
            return cancelled;
        }
    }
    return encodeDensityFramesGif(densities, times, o.gif,
                                  [&](int done, int) { return !progress || progress(o.frames + done, total); });
}

}  // namespace flowscope
