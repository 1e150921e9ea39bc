#include "io/flow_animation.h"

#include "analysis/density_analysis.h"
#include "analysis/grid.h"
#include "io/gif_encoder.h"
#include "io/frame_label.h"
#include "io/heatmap_image.h"
#include "util/random.h"

#include <QPainter>
#include <QPainterPath>
#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace flowscope {
namespace {

struct Mapping {  // plane → pixel (y up)
    GridSpec b;
    int size;
    QPointF operator()(double x, double y) const {
        return {(x - b.x0) / (b.x1 - b.x0) * size, (b.y1 - y) / (b.y1 - b.y0) * size};
    }
};

void drawGridLines(QPainter& p, const Mapping& map, const std::vector<Polyline>& lines) {
    p.setPen(QPen(QColor(255, 255, 255, 150), std::max(1.0, map.size / 400.0)));
    for (const auto& line : lines) {
        QPainterPath path;
        for (size_t i = 0; i < line.x.size(); ++i) {
            if (!std::isfinite(line.x[i]) || !std::isfinite(line.y[i])) continue;
            const QPointF q = map(line.x[i], line.y[i]);
            if (path.elementCount() == 0)
                path.moveTo(q);
            else
                path.lineTo(q);
        }
        p.drawPath(path);
    }
}

void drawParticles(QPainter& p, const Mapping& map, const torch::Tensor& xy) {
    const auto points = xy.to(torch::kCPU, torch::kDouble).contiguous();
    const double* v = points.data_ptr<double>();
    const double r = std::max(1.2, map.size / 300.0);
    p.setPen(QPen(QColor(20, 20, 20, 200), 0.8));
    p.setBrush(QColor(255, 255, 255, 230));
    for (int64_t i = 0; i < points.size(0); ++i)
        if (std::isfinite(v[2 * i]) && std::isfinite(v[2 * i + 1])) p.drawEllipse(map(v[2 * i], v[2 * i + 1]), r, r);
}

}  // namespace

FramePosition framePosition(int i, int n, size_t layers) {
    if (n < 2 || i < 0 || i >= n) throw std::invalid_argument("framePosition: frame out of range");
    if (i == n - 1) return {layers, 0.0};
    const double s = static_cast<double>(i) * static_cast<double>(layers) / (n - 1);
    auto k = static_cast<size_t>(std::floor(s));
    double t = s - static_cast<double>(k);
    if (k >= layers) k = layers, t = 0.0;
    return {k, t};
}

void renderFlowAnimation(FlowModelImpl& model, const FlowAnimationOptions& o,
                         const std::function<bool(int, const QImage&)>& sink) {
    if (o.frames < 2 || o.frames > 2000) throw std::invalid_argument("an animation has 2..2000 frames");
    if (o.size < 16 || o.size > 2048) throw std::invalid_argument("animation frames are 16..2048 pixels a side");
    if (o.particleCount < 1 || o.particleCount > 20000)
        throw std::invalid_argument("an animation carries 1..20000 particles");
    GridSpec grid = o.bounds;
    grid.nx = grid.ny = o.size;
    validate(grid);
    torch::NoGradGuard noGrad;
    const size_t K = model.flows->size();
    const auto device = model.parameters().empty() ? torch::Device(torch::kCPU) : model.parameters().front().device();
    torch::Tensor base;
    if (o.particles) {
        auto gen = makeGenerator(o.seed);
        base = model.base->sample(o.particleCount, gen, device);
    }
    const Mapping map{grid, o.size};
    for (int i = 0; i < o.frames; ++i) {
        const auto [k, t] = framePosition(i, o.frames, K);
        const ScalarGrid density = frameLogDensity(model, k, t, grid);
        QImage image = heatmapImage(density, ColorScale::Density);
        if (o.particles || o.gridLines || o.label) {
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            if (o.gridLines || o.particles) {
                auto prefix = model.flows->prefix(k, t);
                if (o.gridLines) drawGridLines(p, map, gridLinesThrough(*prefix, -3.0, 3.0, 13, 80));
                if (o.particles) drawParticles(p, map, prefix->forward(base).z.back());
            }
            if (o.label)
                drawFrameLabel(p, o.size,
                               QStringLiteral("k = %1 / %2").arg(static_cast<double>(k) + t, 0, 'f', 2).arg(K));
        }
        if (!sink(i, image)) return;
    }
}

FlowAnimationGif encodeFlowAnimationGif(FlowModelImpl& model, const FlowAnimationOptions& options, double fps,
                                        double holdSeconds, const std::function<bool(int done, int total)>& progress) {
    if (!(holdSeconds >= 0.0) || holdSeconds > 600.0)
        throw std::invalid_argument("the last frame's hold must be 0…600 s");
    FlowAnimationGif out;
    out.delayMs = gifDelayMs(fps);
    GifEncoder gif(options.size, options.size);
    const int last = options.frames - 1;
    renderFlowAnimation(model, options, [&](int i, const QImage& frame) {
        gif.addFrame(frame, i == last ? out.delayMs + static_cast<int>(std::lround(1000 * holdSeconds)) : out.delayMs);
        if (progress && !progress(i + 1, options.frames)) {
            out.cancelled = true;
            return false;
        }
        return true;
    });
    if (out.cancelled) return out;
    out.bytes = gif.finish();
    out.frames = options.frames;
    return out;
}

}  // namespace flowscope
