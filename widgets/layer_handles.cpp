#include "widgets/layer_handles.h"

#include <cmath>

namespace flowscope::ui {

namespace {
double at(const std::vector<double>& v, size_t i) { return i < v.size() ? v[i] : 0.0; }
}  // namespace

QPointF hyperplaneFoot(const LayerGeometry& g) {
    const double w0 = at(g.w, 0), w1 = at(g.w, 1), ww = w0 * w0 + w1 * w1;
    if (!(ww > 1e-12)) return {0.0, 0.0};
    return {-g.b * w0 / ww, -g.b * w1 / ww};
}

std::vector<LayerHandle> layerHandles(const LayerGeometry& g) {
    std::vector<LayerHandle> out;
    if (g.kind == LayerGeometry::Kind::Hyperplane) {
        const double w0 = at(g.w, 0), w1 = at(g.w, 1);
        if (!(w0 * w0 + w1 * w1 > 1e-12)) return out;
        const QPointF p0 = hyperplaneFoot(g);
        out.push_back({HandleKind::PlanarDirection, p0 + QPointF(at(g.uHat, 0), at(g.uHat, 1))});
        out.push_back({HandleKind::PlanarNormal, p0 + QPointF(w0, w1)});
        out.push_back({HandleKind::PlanarOffset, p0});
    } else if (g.kind == LayerGeometry::Kind::Radial) {
        const QPointF c(at(g.z0, 0), at(g.z0, 1));
        out.push_back({HandleKind::RadialBeta, c + QPointF(0.0, g.alpha + 0.5 * g.beta)});
        out.push_back({HandleKind::RadialAlpha, c + QPointF(g.alpha, 0.0)});
        out.push_back({HandleKind::RadialCentre, c});
    }
    return out;
}

LayerGeometry dragHandle(const LayerGeometry& start, HandleKind kind, QPointF to) {
    LayerGeometry g = start;
    switch (kind) {
        case HandleKind::PlanarOffset:
            // The line now passes through `to`: wᵀto + b = 0.
            g.b = -(at(g.w, 0) * to.x() + at(g.w, 1) * to.y());
            break;
        case HandleKind::PlanarNormal: {
            const QPointF p0 = hyperplaneFoot(start);
            const QPointF w = to - p0;
            g.w = {w.x(), w.y()};
            g.b = -(w.x() * p0.x() + w.y() * p0.y());  // the line keeps passing through p0
            break;
        }
        case HandleKind::PlanarDirection: {
            const QPointF u = to - hyperplaneFoot(start);
            g.uHat = {u.x(), u.y()};
            break;
        }
        case HandleKind::RadialCentre:
            g.z0 = {to.x(), to.y()};
            break;
        case HandleKind::RadialAlpha:
            g.alpha = std::hypot(to.x() - at(start.z0, 0), to.y() - at(start.z0, 1));
            break;
        case HandleKind::RadialBeta:
            g.beta = 2.0 * (std::hypot(to.x() - at(start.z0, 0), to.y() - at(start.z0, 1)) - start.alpha);
            break;
        case HandleKind::None:
            break;
    }
    return g;
}

}  // namespace flowscope::ui
