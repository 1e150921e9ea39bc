#pragma once
/// \file The face renderer's drawing primitives: antialiased signed distance fields on pixel
/// grids, batched over faces ([B, H, W] tensors, negative inside). Only +, −, ×, ÷, sqrt, abs,
/// min/max/clamp and where touch pixels, so they round the same under any batch or thread split.

#include <torch/torch.h>

namespace flowscope::sdf {

using torch::Tensor;

/// 3t² − 2t³ of t = (x − e0)/(e1 − e0) clamped to [0, 1], per pixel.
Tensor smoothstep(const Tensor& x, double e0, double e1);
/// Coverage of the shape whose signed distance (negative inside) is d: 1 inside, 0 outside,
/// a smoothstep over one pixel across the edge.
Tensor cover(const Tensor& d, const Tensor& px);
/// Soft mask: 1 well inside, fading to 0 across `width` around the edge (shading, not outlines).
Tensor soft(const Tensor& d, double width);
/// Approximate ellipse distance (Quilez's first-order form; exact enough within a few pixels of
/// the edge, which is where coverage reads it).
Tensor ellipseSdf(const Tensor& x, const Tensor& y, const Tensor& rx, const Tensor& ry);
Tensor ellipseSdf(const Tensor& x, const Tensor& y, double rx, double ry);
/// Distance to the segment a–b minus radius r (a capsule).
Tensor segmentSdf(const Tensor& x, const Tensor& y, const Tensor& ax, const Tensor& ay, const Tensor& bx,
                  const Tensor& by, double r);
/// Rounded box centred at the origin with half sizes (hx, hy) and corner radius r.
Tensor boxSdf(const Tensor& x, const Tensor& y, const Tensor& hx, const Tensor& hy, const Tensor& r);
/// Band of half-width w around the curve y = f(x), given f and its slope at each pixel.
Tensor curveBandSdf(const Tensor& y, const Tensor& f, const Tensor& slope, const Tensor& w);
/// a + (b − a)·t.
Tensor blend(const Tensor& a, const Tensor& b, const Tensor& t);

}  // namespace flowscope::sdf
