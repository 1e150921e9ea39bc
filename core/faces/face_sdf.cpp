#include "faces/face_sdf.h"

namespace flowscope::sdf {

Tensor smoothstep(const Tensor& x, double e0, double e1) {
    auto t = ((x - e0) / (e1 - e0)).clamp(0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

/// Coverage of the shape whose signed distance (negative inside) is d: 1 inside, 0 outside,
/// a smoothstep over one pixel across the edge.
Tensor cover(const Tensor& d, const Tensor& px) { return smoothstep(d / px, 0.5, -0.5); }

/// Soft mask: 1 well inside, fading to 0 across `width` around the edge (shading, not outlines).
Tensor soft(const Tensor& d, double width) { return smoothstep(d, 0.5 * width, -0.5 * width); }

/// Approximate ellipse distance (Quilez's first-order form; exact enough within a few pixels of
/// the edge, which is where coverage reads it).
Tensor ellipseSdf(const Tensor& x, const Tensor& y, const Tensor& rx, const Tensor& ry) {
    auto u = x / rx, v = y / ry;
    auto k0 = (u * u + v * v).sqrt();
    auto u2 = u / rx, v2 = v / ry;
    auto k1 = (u2 * u2 + v2 * v2).sqrt().clamp_min(1e-6);
    auto far = k0 * (k0 - 1.0) / k1;
    auto near = (k0 - 1.0) * torch::min(rx, ry);
    return torch::where(k0 < 0.5, near, far);
}
Tensor ellipseSdf(const Tensor& x, const Tensor& y, double rx, double ry) {
    return ellipseSdf(x, y, torch::scalar_tensor(rx), torch::scalar_tensor(ry));
}

/// Distance to the segment a–b minus radius r (a capsule).
Tensor segmentSdf(const Tensor& x, const Tensor& y, const Tensor& ax, const Tensor& ay, const Tensor& bx,
                  const Tensor& by, double r) {
    auto dx = bx - ax, dy = by - ay;
    auto px = x - ax, py = y - ay;
    auto h = ((px * dx + py * dy) / (dx * dx + dy * dy).clamp_min(1e-9)).clamp(0.0, 1.0);
    auto ex = px - h * dx, ey = py - h * dy;
    return (ex * ex + ey * ey).sqrt() - r;
}

/// Rounded box centred at the origin with half sizes (hx, hy) and corner radius r.
Tensor boxSdf(const Tensor& x, const Tensor& y, const Tensor& hx, const Tensor& hy, const Tensor& r) {
    auto qx = x.abs() - hx + r, qy = y.abs() - hy + r;
    auto ox = qx.clamp_min(0.0), oy = qy.clamp_min(0.0);
    return (ox * ox + oy * oy).sqrt() + torch::max(qx, qy).clamp_max(0.0) - r;
}

/// Band of half-width w around the curve y = f(x), given f and its slope at each pixel.
Tensor curveBandSdf(const Tensor& y, const Tensor& f, const Tensor& slope, const Tensor& w) {
    return (y - f).abs() / (1.0 + slope * slope).sqrt() - w;
}

Tensor blend(const Tensor& a, const Tensor& b, const Tensor& t) { return a + (b - a) * t; }

}  // namespace flowscope::sdf
