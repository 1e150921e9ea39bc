#include "faces/face_renderer.h"

#include "faces/face_sdf.h"
#include "util/random.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {

using torch::Tensor;
using Rgb = std::array<float, 3>;

// Only +, −, ×, ÷, sqrt, abs, min/max/clamp, floor, where and per-plane bilinear upsampling
// touch pixels: they round the same in LibTorch's SIMD and scalar loops and under any thread
// split, so a face's pixels do not depend on the batch around it. Transcendental functions are
// evaluated per face in C++, and every region of pixels worked on is fixed by the image size.

float clamp01(double v) { return static_cast<float>(std::clamp(v, 0.0, 1.0)); }
Rgb mix(const Rgb& a, const Rgb& b, double t) {
    return {static_cast<float>(a[0] + (b[0] - a[0]) * t), static_cast<float>(a[1] + (b[1] - a[1]) * t),
            static_cast<float>(a[2] + (b[2] - a[2]) * t)};
}
Rgb scaled(const Rgb& a, double s) { return {clamp01(a[0] * s), clamp01(a[1] * s), clamp01(a[2] * s)}; }
Rgb hsl(double h, double s, double l) {
    h = h - std::floor(h);
    auto channel = [&](double n) {
        const double k = std::fmod(n + h * 12, 12.0);
        const double a = s * std::min(l, 1 - l);
        return static_cast<float>(l - a * std::max(-1.0, std::min({k - 3, 9 - k, 1.0})));
    };
    return {channel(0), channel(8), channel(4)};
}
Rgb desaturate(const Rgb& c, double t) {
    const double y = 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2];
    return mix(c, {float(y), float(y), float(y)}, t);
}

using namespace sdf;

/// Per-face scalars as [B, 1, 1].
template <typename F>
Tensor column(const std::vector<FaceAttributes>& faces, F f) {
    std::vector<float> v;
    v.reserve(faces.size());
    for (const auto& a : faces) v.push_back(static_cast<float>(f(a)));
    return torch::tensor(v, torch::kFloat32).view({-1, 1, 1});
}

/// Per-face colours as [B, 3, 1, 1].
template <typename F>
Tensor colours(const std::vector<FaceAttributes>& faces, F f) {
    std::vector<float> v;
    v.reserve(faces.size() * 3);
    for (const auto& a : faces) {
        const Rgb c = f(a);
        v.insert(v.end(), c.begin(), c.end());
    }
    return torch::tensor(v, torch::kFloat32).view({-1, 3, 1, 1});
}

/// Per-face value-noise textures: uniform random cells bilinearly upsampled to the image.
Tensor noiseTexture(const std::vector<FaceAttributes>& faces, uint64_t stream, int64_t rows, int64_t cols,
                    int64_t size) {
    std::vector<Tensor> cells;
    cells.reserve(faces.size());
    for (const auto& a : faces) {
        auto gen = makeGenerator(deriveSeed(a.detailSeed, stream));
        cells.push_back(torch::rand({1, 1, rows, cols}, gen, torch::kFloat32));
    }
    auto grid = torch::cat(cells, 0);
    namespace F = torch::nn::functional;
    auto up = F::interpolate(
        grid,
        F::InterpolateFuncOptions().size(std::vector<int64_t>{size, size}).mode(torch::kBilinear).align_corners(false));
    return up.squeeze(1);  // [B, S, S]
}

Rgb hairBaseColour(const FaceAttributes& a) {
    static const Rgb dark[] = {
        {0.05f, 0.04f, 0.04f}, {0.22f, 0.13f, 0.07f}, {0.62f, 0.48f, 0.26f}, {0.42f, 0.15f, 0.06f}};
    static const Rgb light[] = {
        {0.16f, 0.13f, 0.11f}, {0.46f, 0.30f, 0.16f}, {0.93f, 0.80f, 0.52f}, {0.72f, 0.33f, 0.13f}};
    const int k = static_cast<int>(a.hairColor);
    return mix(dark[k], light[k], a.hairShade);
}

Rgb hairColour(const FaceAttributes& a) {
    const double g = hairGreyness(a);
    const Rgb grey = mix({0.50f, 0.50f, 0.52f}, {0.92f, 0.92f, 0.90f}, smoothStep(0.5, 1.0, g));
    return mix(hairBaseColour(a), grey, std::min(1.0, 1.15 * g));
}

Rgb skinColour(const FaceAttributes& a) {
    const Rgb lightSkin{0.97f, 0.80f, 0.68f}, mid{0.80f, 0.58f, 0.42f}, dark{0.40f, 0.26f, 0.17f};
    Rgb c = a.skinTone < 0.5 ? mix(lightSkin, mid, a.skinTone * 2) : mix(mid, dark, a.skinTone * 2 - 1);
    c = desaturate(c, 0.35 * a.age);
    return mix(c, {0.93f, 0.88f, 0.84f}, 0.10 * a.age * (1 - a.skinTone));
}

}  // namespace

// ---- rendering ----

namespace {

// Pose ranges (randomFaceAttributes draws roll, scale and shift in [−1, 1] or [0, 1]).
constexpr double kRoll = 0.12;  // radians of tilt at |roll| = 1
constexpr double kScaleMin = 1.06, kScaleSpan = 0.12;
constexpr double kShiftX = 0.06, kShiftY0 = -0.04, kShiftY = 0.05;

/// A rectangle of pixels, fixed for a given image size (never for a given batch, so a face's
/// pixels stay independent of its neighbours), with the face-frame coordinates of its pixels.
struct Region {
    int64_t r0 = 0, r1 = 0, c0 = 0, c1 = 0;
    Tensor x, y;  // [B, r1 − r0, c1 − c0]
    int64_t size = 0;
    /// A full-frame tensor [B, (3,) S, S] cut to the region; per-face tensors pass through.
    Tensor crop(const Tensor& t) const {
        if (t.dim() >= 3 && t.size(-1) == size && t.size(-2) == size) return t.slice(-2, r0, r1).slice(-1, c0, c1);
        return t;
    }
};

/// Everything the painting steps share: the faces, the canvas, the pose-corrected coordinates
/// and the geometry several parts use (face outline, eyes, mouth).
struct Scene {
    const std::vector<FaceAttributes>& faces;
    int64_t size;
    Tensor rgb;     // canvas [B, 3, S, S]
    Tensor X0, Y0;  // frame coordinates [1, 1, S] and [1, S, 1]
    Region full;    // the whole frame
    Tensor px;      // one pixel in face units [B, 1, 1]

    Scene(const std::vector<FaceAttributes>& f, int64_t s) : faces(f), size(s) {}

    template <typename F>
    Tensor col(F f) const {
        return column(faces, f);
    }
    template <typename F>
    Tensor rgbOf(F f) const {
        return colours(faces, f);
    }

    /// The pixels that can show the face-frame box [x0, x1] × [y0, y1] under any pose.
    Region region(double x0, double x1, double y0, double y1) const {
        double lo[2] = {1e9, 1e9}, hi[2] = {-1e9, -1e9};
        for (int k = 0; k <= 8; ++k) {
            const double roll = kRoll * (k / 4.0 - 1.0), c = std::cos(roll), s = std::sin(roll);
            for (double sc : {kScaleMin, kScaleMin + kScaleSpan})
                for (double fx : {x0, x1})
                    for (double fy : {y0, y1}) {
                        const double X = sc * (c * fx - s * fy), Y = sc * (s * fx + c * fy);
                        lo[0] = std::min(lo[0], X), hi[0] = std::max(hi[0], X);
                        lo[1] = std::min(lo[1], Y), hi[1] = std::max(hi[1], Y);
                    }
        }
        const double margin = 0.01;
        lo[0] -= kShiftX + margin, hi[0] += kShiftX + margin;
        lo[1] += kShiftY0 - kShiftY - margin, hi[1] += kShiftY0 + kShiftY + margin;
        const double half = size / 2.0;
        auto clampPx = [&](double v) { return std::clamp<int64_t>(static_cast<int64_t>(v), 0, size); };
        Region r;
        r.size = size;
        r.c0 = clampPx(std::floor((lo[0] + 1) * half - 1));
        r.c1 = clampPx(std::ceil((hi[0] + 1) * half + 1));
        r.r0 = clampPx(std::floor((1 - hi[1]) * half - 1));
        r.r1 = clampPx(std::ceil((1 - lo[1]) * half + 1));
        r.r1 = std::max(r.r1, r.r0), r.c1 = std::max(r.c1, r.c0);
        r.x = full.x.slice(1, r.r0, r.r1).slice(2, r.c0, r.c1);
        r.y = full.y.slice(1, r.r0, r.r1).slice(2, r.c0, r.c1);
        return r;
    }

    /// Paints `colour` ([B or 1, 3, 1, 1], or full-frame [B, 3, S, S]) with coverage `alpha`
    /// (region-sized) over the region.
    void paint(const Region& r, const Tensor& alpha, const Tensor& colour) {
        auto view = rgb.slice(2, r.r0, r.r1).slice(3, r.c0, r.c1);
        view.add_((r.crop(colour) - view) * alpha.unsqueeze(1));
    }

    // Shared per-face geometry and colours.
    Tensor lx, ly, lz;  // light direction
    Tensor fRx, fRy, taper, jaw, outline, feat;
    Tensor faceIn;  // face coverage, full frame
    Tensor skin, skinShadow, hair, hairPaint;
    Tensor ageT, smileT, smileUp;
    Tensor eyeY, eyeDx, eyeRx, eyeRy0, eyeRy;
    Tensor mouthHalf, mouthY, cornerY;
    Tensor hairOuter, hairTex, capTop, sideBottom, hcy, hRx, hRy;
    static constexpr double kCurve = 0.075;  // mouth curvature per unit smile

    Tensor lambert(const Tensor& nx, const Tensor& ny) const {
        auto nz = (1.0 - nx * nx - ny * ny).clamp_min(0.0).sqrt();
        return (nx * lx + ny * ly + nz * lz).clamp_min(0.0);
    }
    /// The face outline's distance in a region: an ellipse whose lower half narrows towards the
    /// chin (squarer with `jaw`), grown by `grow`.
    Tensor faceSdf(const Region& r, const Tensor& grow) const {
        auto below = ((-r.y) / fRy).clamp(0.0, 1.0);
        auto b2 = below * below;
        auto s = 1.0 - taper * (jaw * b2 * b2 + (1.0 - jaw) * b2);
        return ellipseSdf((r.x - outline) / s, r.y, fRx + grow, fRy + grow);
    }
    Tensor cover(const Tensor& d) const { return flowscope::cover(d, px); }
};

Tensor constant(float r, float g, float b) { return torch::tensor({r, g, b}).view({1, 3, 1, 1}); }

void setUpPose(Scene& s) {
    auto axis = (torch::arange(s.size, torch::kFloat32) + 0.5) * (2.0 / s.size) - 1.0;
    s.X0 = axis.view({1, 1, s.size});
    s.Y0 = (-axis).view({1, s.size, 1});
    auto cr = s.col([](const FaceAttributes& a) { return std::cos(kRoll * a.roll); });
    auto sr = s.col([](const FaceAttributes& a) { return std::sin(kRoll * a.roll); });
    auto sc = s.col([](const FaceAttributes& a) { return kScaleMin + kScaleSpan * a.scale; });
    auto tx = s.col([](const FaceAttributes& a) { return kShiftX * a.shiftX; });
    auto ty = s.col([](const FaceAttributes& a) { return kShiftY0 + kShiftY * a.shiftY; });
    auto xr = (s.X0 - tx) / sc, yr = (s.Y0 - ty) / sc;
    s.full.size = s.size;
    s.full.r1 = s.full.c1 = s.size;
    s.full.x = cr * xr + sr * yr;  // [B, S, S]
    s.full.y = cr * yr - sr * xr;
    s.px = (2.0 / s.size) / sc;

    auto norm = [](const FaceAttributes& a) {
        return std::sqrt(0.36 * a.lightX * a.lightX + std::pow(0.1 + 0.4 * a.lightY, 2) + 1.0);
    };
    s.lx = s.col([&](const FaceAttributes& a) { return 0.6 * a.lightX / norm(a); });
    s.ly = s.col([&](const FaceAttributes& a) { return (0.1 + 0.4 * a.lightY) / norm(a); });
    s.lz = s.col([&](const FaceAttributes& a) { return 1.0 / norm(a); });
}

void setUpGeometry(Scene& s) {
    auto pos = [](double v) { return std::max(v, 0.0); };
    s.fRx = s.col([](const FaceAttributes& a) { return 0.50 + 0.07 * a.faceWidth + 0.02 * a.male; });
    s.fRy = s.col([](const FaceAttributes& a) { return 0.64 + 0.07 * a.faceLength; });
    s.taper = s.col([](const FaceAttributes& a) { return 0.40 - 0.20 * a.jaw - 0.05 * a.age; });
    s.jaw = s.col([](const FaceAttributes& a) { return a.jaw; });
    s.outline = s.col([](const FaceAttributes& a) { return 0.03 * a.yaw; });
    s.feat = s.col([](const FaceAttributes& a) { return 0.085 * a.yaw; });
    s.faceIn = s.cover(s.faceSdf(s.full, torch::zeros({1, 1, 1})));
    s.skin = s.rgbOf([](const FaceAttributes& a) { return skinColour(a); });
    s.skinShadow = s.rgbOf([](const FaceAttributes& a) { return scaled(skinColour(a), 0.62); });
    s.hair = s.rgbOf([](const FaceAttributes& a) { return hairColour(a); });
    s.ageT = s.col([](const FaceAttributes& a) { return a.age; });
    s.smileT = s.col([](const FaceAttributes& a) { return a.smile; });
    s.smileUp = s.col([pos](const FaceAttributes& a) { return pos(a.smile); });
    s.eyeY = s.col([](const FaceAttributes& a) { return 0.09 + 0.015 * a.faceLength; });
    s.eyeDx = s.col([](const FaceAttributes& a) { return 0.19 + 0.03 * a.faceWidth; });
    s.eyeRx = s.col([](const FaceAttributes& a) { return 0.078 + 0.022 * a.eyeSize - 0.006 * a.age; });
    s.eyeRy0 = s.eyeRx * 0.55;
    s.eyeRy = s.eyeRy0 * s.col([pos](const FaceAttributes& a) { return 1.0 - 0.18 * pos(a.smile) - 0.12 * a.age; });
    s.mouthHalf = s.col([pos](const FaceAttributes& a) {
        return 0.16 + 0.03 * a.lipFullness + 0.06 * pos(a.smile) - 0.015 * pos(-a.smile);
    });
    s.mouthY = s.col([](const FaceAttributes& a) { return -0.36 - 0.02 * a.faceLength; });
    s.cornerY = s.mouthY + Scene::kCurve * s.smileT * 0.65;
}

/// Background: a two-colour gradient tilted towards the light, darker in the corners.
void paintBackground(Scene& s) {
    auto c1 =
        s.rgbOf([](const FaceAttributes& a) { return hsl(a.backgroundHue, 0.35, 0.25 + 0.5 * a.backgroundLightness); });
    auto c2 = s.rgbOf(
        [](const FaceAttributes& a) { return hsl(a.backgroundHue2, 0.30, 0.15 + 0.45 * a.backgroundLightness); });
    auto gx = s.col([](const FaceAttributes& a) { return 0.35 * a.lightX; });
    auto t = ((s.Y0 + gx * s.X0) * 0.5 + 0.5).clamp(0.0, 1.0);  // [B, S, S]
    auto base = blend(c2, c1, t.unsqueeze(1));
    auto r2 = s.X0 * s.X0 + s.Y0 * s.Y0;
    s.rgb = (base * (1.0 - 0.18 * smoothstep(r2, 0.6, 2.0)).unsqueeze(1)).contiguous();
}

/// Shoulders in a coloured top, and the neck, shadowed under the chin.
void paintBody(Scene& s) {
    const Region& r = s.full;
    auto shirt = s.rgbOf([](const FaceAttributes& a) { return hsl(a.shirtHue, 0.45, 0.15 + 0.55 * a.shirtLightness); });
    auto d = ellipseSdf(r.x - s.outline * 0.5, r.y + 1.42, 0.98, 0.62);
    auto shade = 0.7 + 0.3 * s.lambert((r.x / 1.2).clamp(-1.0, 1.0), ((r.y + 1.42) / 0.9).clamp(-1.0, 1.0));
    s.paint(r, s.cover(d), shirt * shade.unsqueeze(1));
    auto neckHalf = s.col([](const FaceAttributes& a) { return 0.24 + 0.05 * a.male; });
    auto neck = torch::max(torch::max((r.x - s.outline).abs() - neckHalf, r.y + 0.3), -(r.y + 1.05));
    auto neckShade = 0.55 + 0.25 * smoothstep(-r.y, 0.45, 0.8);
    s.paint(r, s.cover(neck), s.skin * neckShade.unsqueeze(1));
}

/// Ears, `visible` ∈ {0, 1} per face. The one on the far side of a turned head shrinks.
void paintEars(Scene& s, const Tensor& visible) {
    const Region r = s.region(-0.78, 0.78, -0.2, 0.13);
    for (double side : {-1.0, 1.0}) {
        auto grow = s.col([side](const FaceAttributes& a) { return 1.0 - 0.5 * side * a.yaw; });
        auto ex = side * (s.fRx - 0.01) + s.outline;
        auto d = ellipseSdf(r.x - ex, r.y + 0.03, 0.075 * grow, 0.125 * torch::ones_like(grow));
        auto inner =
            ellipseSdf(r.x - ex - side * 0.012 * grow, r.y + 0.03, 0.035 * grow, 0.08 * torch::ones_like(grow));
        s.paint(r, s.cover(d) * visible, s.skin * 0.86);
        s.paint(r, s.cover(inner) * 0.45 * visible, s.skinShadow);
    }
}

/// The hair's outline (an ellipse around the head, a curtain down to the shoulders for long
/// hair, bumpy for curls), its lit and textured colour, and the part behind the head.
void paintBackHair(Scene& s) {
    const Region& r = s.full;
    auto vol = s.col([](const FaceAttributes& a) {
        double v = 0.04 + 0.06 * a.hairVolume;
        if (a.hairStyle == HairStyle::Curly) v = 0.16 + 0.10 * a.hairVolume;
        if (a.hairStyle == HairStyle::Long) v = 0.05 + 0.05 * a.hairVolume;
        if (a.hairStyle == HairStyle::Bald) v = 0.025;
        return v * (1.0 - 0.25 * a.age);
    });
    s.sideBottom = s.col([](const FaceAttributes& a) {
        switch (a.hairStyle) {
            case HairStyle::Long:
                return -0.95 - 0.3 * a.hairVolume;
            case HairStyle::Curly:
                return -0.25 - 0.25 * a.hairVolume;
            case HairStyle::Bald:
                return -0.05;
            default:
                return 0.02 - 0.1 * a.hairVolume;
        }
    });
    s.capTop = s.col([](const FaceAttributes& a) { return a.hairStyle == HairStyle::Bald ? 0.2 : 5.0; });
    auto isLong = s.col([](const FaceAttributes& a) { return a.hairStyle == HairStyle::Long ? 1.0 : 0.0; });
    auto curly = s.col([](const FaceAttributes& a) { return a.hairStyle == HairStyle::Curly ? 1.0 : 0.0; });
    s.hRx = s.fRx + vol, s.hRy = s.fRy + vol;
    s.hcy = 0.03 + vol * 0.3;
    auto hx = r.x - s.outline * 0.7;
    s.hairOuter = ellipseSdf(hx, r.y - s.hcy, s.hRx, s.hRy);
    auto cy = (s.hcy + s.sideBottom) * 0.5, hy = (s.hcy - s.sideBottom) * 0.5;
    auto curtain = boxSdf(hx, r.y - cy, s.hRx * 0.98, hy, torch::full_like(s.hRx, 0.12));
    s.hairOuter = torch::where(isLong > 0.5, torch::min(s.hairOuter, curtain), s.hairOuter);
    // Textures: strands (fine across, long down) or curls (fine both ways).
    auto strands = noiseTexture(s.faces, 1, 6, std::max<int64_t>(8, s.size / 3), s.size);
    auto curls = noiseTexture(s.faces, 2, std::max<int64_t>(6, s.size / 5), std::max<int64_t>(6, s.size / 5), s.size);
    s.hairTex = blend(strands, curls, curly);
    s.hairOuter = s.hairOuter - curly * (curls - 0.5) * 0.08;  // curls make the outline bumpy
    auto light = 0.55 + 0.55 * s.lambert((hx / s.hRx).clamp(-1.0, 1.0), ((r.y - s.hcy) / s.hRy).clamp(-1.0, 1.0));
    s.hairPaint = (s.hair * (light * (0.82 + 0.36 * s.hairTex)).unsqueeze(1)).clamp(0.0, 1.0);
    auto d = torch::max(torch::max(s.hairOuter, s.sideBottom - r.y), r.y - s.capTop);
    s.paint(r, s.cover(d), s.hairPaint);
}

/// Face skin with directional light and blotches, age spots, cheeks (rosy when young, lifted and
/// highlighted by a smile).
void paintSkin(Scene& s) {
    const Region& r = s.full;
    auto skinNoise = noiseTexture(s.faces, 3, 10, 10, s.size);
    auto spotNoise = noiseTexture(s.faces, 4, 18, 18, s.size);
    auto nx = ((r.x - s.outline) / s.fRx).clamp(-1.0, 1.0) * 0.9;
    auto ny = (r.y / s.fRy).clamp(-1.0, 1.0) * 0.8;
    auto light = 0.62 + 0.45 * s.lambert(nx, ny);
    auto blotch = 1.0 + (skinNoise - 0.5) * (0.05 + 0.16 * s.ageT);
    s.paint(r, s.faceIn, (s.skin * (light * blotch).unsqueeze(1)).clamp(0.0, 1.0));
    auto spots = smoothstep(spotNoise, 0.80, 0.90) * smoothstep(s.ageT, 0.5, 1.0) * s.faceIn * 0.35;
    s.paint(r, spots, s.skinShadow);

    const Region c = s.region(-0.6, 0.6, -0.3, 0.1);
    auto faceIn = c.crop(s.faceIn);
    for (double side : {-1.0, 1.0}) {
        auto k = ellipseSdf(c.x - side * 0.25 - s.feat, c.y + 0.12 - 0.04 * s.smileUp, 0.12, 0.08);
        s.paint(c, soft(k, 0.14) * faceIn * (0.10 + 0.12 * (1.0 - s.ageT)), constant(0.85f, 0.35f, 0.35f));
        s.paint(c, soft(k, 0.1) * faceIn * 0.12 * s.smileUp, constant(1, 1, 1));
    }
}

/// Wrinkles fading in with age: forehead lines, crow's feet, under-eye bags, nasolabial folds
/// (deepened by a smile) and marionette lines.
void paintWrinkles(Scene& s) {
    const auto& ink = s.skinShadow;
    auto strong = smoothstep(s.ageT, 0.35, 1.0);
    {
        const Region r = s.region(-0.36, 0.36, 0.33, 0.56);
        auto faceIn = r.crop(s.faceIn);
        auto xx = r.x - s.feat;
        for (int i = 0; i < 3; ++i) {
            auto f = s.eyeY + 0.26 + 0.065 * i + 0.25 * xx * xx;
            auto d =
                torch::max(curveBandSdf(r.y, f, 0.5 * xx, torch::scalar_tensor(0.008)), xx.abs() - (0.22 - 0.03 * i));
            s.paint(r, s.cover(d) * faceIn * strong * 0.55, ink);
        }
    }
    {
        const Region r = s.region(-0.62, 0.62, -0.1, 0.2);
        auto faceIn = r.crop(s.faceIn);
        auto crow = smoothstep(s.ageT, 0.45, 1.0) * 0.55;
        for (double side : {-1.0, 1.0}) {
            auto cx = side * s.eyeDx + s.feat + side * (s.eyeRx + 0.025);
            for (double ang : {-0.45, 0.0, 0.45}) {
                auto ex = cx + side * 0.055 * std::cos(ang);
                auto ey = s.eyeY + 0.055 * std::sin(ang);
                s.paint(r, s.cover(segmentSdf(r.x, r.y, cx, s.eyeY, ex, ey, 0.006)) * faceIn * crow, ink);
            }
            auto by = s.eyeY - s.eyeRy0 - 0.035;
            auto bag = ellipseSdf(r.x - side * s.eyeDx - s.feat, r.y - by, s.eyeRx * 1.05, s.eyeRy0 * 0.7);
            auto bagLine = torch::max(bag.abs() - 0.006, r.y - by);
            s.paint(r, s.cover(bagLine) * faceIn * smoothstep(s.ageT, 0.3, 1.0) * 0.5, ink);
        }
    }
    {
        const Region r = s.region(-0.46, 0.46, -0.66, -0.1);
        auto faceIn = r.crop(s.faceIn);
        for (double side : {-1.0, 1.0}) {
            auto ax = side * 0.085 + s.feat * 1.2;
            auto ay = torch::full_like(ax, -0.15);
            auto bx = side * (s.mouthHalf + 0.045) + s.feat;
            auto by = s.cornerY - 0.05;
            auto mx = (ax + bx) * 0.5 + side * 0.035, my = (ay + by) * 0.5;
            auto fold =
                torch::min(segmentSdf(r.x, r.y, ax, ay, mx, my, 0.007), segmentSdf(r.x, r.y, mx, my, bx, by, 0.007));
            s.paint(r, s.cover(fold) * faceIn * (0.12 + 0.5 * strong + 0.2 * s.smileUp), ink);
            auto mcx = side * (s.mouthHalf + 0.01) + s.feat;
            auto line = segmentSdf(r.x, r.y, mcx, s.cornerY - 0.03, mcx + side * 0.02, s.cornerY - 0.14, 0.006);
            s.paint(r, s.cover(line) * faceIn * smoothstep(s.ageT, 0.6, 1.0) * 0.45, ink);
        }
    }
}

/// Beard and stubble: the lower face from the sideburns along the jaw, and the upper lip.
void paintBeard(Scene& s) {
    if (std::none_of(s.faces.begin(), s.faces.end(), [](const FaceAttributes& a) { return a.beard > 0; })) return;
    const Region r = s.region(-0.75, 0.75, -0.85, 0.2);
    auto beard = s.col([](const FaceAttributes& a) { return a.beard; });
    auto hasBeard = s.col([](const FaceAttributes& a) { return a.beard > 0 ? 1.0 : 0.0; });
    auto stubble = r.crop(noiseTexture(s.faces, 5, s.size, s.size, s.size));
    auto grown = s.faceSdf(r, 0.03 * beard);  // full beards reach past the chin
    auto xx = r.x - s.outline;
    // The beard line: a moustache under the nose, lower over the cheeks, up to the sideburns.
    auto ax = xx.abs();
    auto line = -0.2 - 0.12 * smoothstep(ax, 0.1, 0.28) + 0.38 * smoothstep(ax, 0.3, 0.6) - 0.04 * (1.0 - beard);
    auto area = s.cover(grown) * soft(r.y - line, 0.07);
    auto lips =
        ellipseSdf(r.x - s.feat, r.y - s.mouthY + 0.01, s.mouthHalf + 0.01, torch::full_like(s.mouthHalf, 0.035));
    auto alpha = area * (0.15 + 0.6 * beard) * (0.7 + 0.3 * stubble) * hasBeard * (1.0 - 0.5 * soft(lips, 0.03));
    s.paint(r, alpha, s.hair * 0.85);
}

/// Eyes: socket shadow, white, iris following the gaze, pupil, catchlight, upper lid and lashes.
void paintEyes(Scene& s) {
    const Region r = s.region(-0.55, 0.55, -0.08, 0.29);
    auto iris = s.rgbOf([](const FaceAttributes& a) {
        const Rgb brown{0.30f, 0.17f, 0.08f}, hazel{0.45f, 0.35f, 0.15f}, green{0.25f, 0.42f, 0.25f},
            blue{0.25f, 0.45f, 0.70f};
        const double t = a.eyeColor * 3;
        return t < 1 ? mix(brown, hazel, t) : t < 2 ? mix(hazel, green, t - 1) : mix(green, blue, t - 2);
    });
    auto gx = s.col([](const FaceAttributes& a) { return a.gazeX; });
    auto gy = s.col([](const FaceAttributes& a) { return a.gazeY; });
    auto yaw = s.col([](const FaceAttributes& a) { return a.yaw; });
    auto lash = s.col([](const FaceAttributes& a) { return a.male ? 0.007 : 0.011; });
    for (double side : {-1.0, 1.0}) {
        auto ex = side * s.eyeDx + s.feat * (1.0 + 0.1 * side);
        auto rx = s.eyeRx * (1.0 - 0.15 * side * yaw);
        auto socket = ellipseSdf(r.x - ex, r.y - s.eyeY - 0.01, rx * 1.45, s.eyeRy0 * 2.1);
        s.paint(r, soft(socket, 0.08) * 0.22, s.skinShadow);
        auto eye = ellipseSdf(r.x - ex, r.y - s.eyeY, rx, s.eyeRy);
        s.paint(r, s.cover(eye), constant(0.92f, 0.90f, 0.88f));
        auto ix = ex + gx * rx * 0.45, iy = s.eyeY + gy * s.eyeRy0 * 0.3;
        auto ir = s.eyeRy0 * 0.95;
        s.paint(r, s.cover(torch::max(ellipseSdf(r.x - ix, r.y - iy, ir, ir), eye)), iris);
        s.paint(r, s.cover(torch::max(ellipseSdf(r.x - ix, r.y - iy, ir * 0.45, ir * 0.45), eye)),
                constant(0.03f, 0.03f, 0.03f));
        auto glint = ellipseSdf(r.x - ix - ir * 0.35, r.y - iy - ir * 0.35, ir * 0.2, ir * 0.2);
        s.paint(r, s.cover(torch::max(glint, eye)) * 0.8, constant(1, 1, 1));
        auto lid = torch::max(eye.abs() - lash, s.eyeY - 0.15 * s.eyeRy - r.y);
        s.paint(r, s.cover(lid) * 0.9, constant(0.08f, 0.08f, 0.08f));
        auto lower = torch::max(eye.abs() - 0.004, r.y - s.eyeY);
        s.paint(r, s.cover(lower) * 0.3, s.skinShadow);
    }
}

/// Brows: arched bands, thinner at the tail, lifted by a smile, lowered by a frown, greying.
void paintBrows(Scene& s) {
    const Region r = s.region(-0.45, 0.45, 0.1, 0.34);
    auto arch = s.col([](const FaceAttributes& a) { return 0.015 + 0.03 * a.browArch; });
    auto thick = s.col([](const FaceAttributes& a) { return 0.011 + 0.013 * a.browThickness - 0.003 * a.age; });
    auto colour = s.rgbOf([](const FaceAttributes& a) {
        Rgb c = mix(hairBaseColour(a), {0.15f, 0.10f, 0.07f}, a.hairColor == HairColor::Blond ? 0.5 : 0.25);
        return mix(c, {0.75f, 0.75f, 0.75f}, 0.7 * hairGreyness(a));
    });
    auto lift = 0.015 * s.smileUp - 0.01 * (-s.smileT).clamp_min(0.0);
    for (double side : {-1.0, 1.0}) {
        auto bx = side * s.eyeDx + s.feat * 1.05;
        auto by = s.eyeY + s.eyeRy0 + 0.055 + lift;
        auto t = (r.x - bx) / 0.11 * side;  // −1 inner end, +1 outer end
        auto f = by + arch * (1.0 - t * t) - 0.01 * t;
        auto slope = (-arch * 2.0 * t - 0.01) * (side / 0.11);
        auto w = thick * (1.0 - 0.175 * (t.clamp(-1.0, 1.0) + 1.0));
        auto d = torch::max(curveBandSdf(r.y, f, slope, w), (r.x - bx).abs() - 0.11);
        s.paint(r, s.cover(d) * 0.92, colour);
    }
}

/// Nose: a shadow along the side away from the light, a shadow under the tip, nostrils, wings
/// and a highlight.
void paintNose(Scene& s) {
    const Region r = s.region(-0.3, 0.3, -0.26, 0.14);
    auto nx = s.feat * 1.35;
    auto tipY = s.col([](const FaceAttributes& a) { return -0.10 - 0.045 * a.noseLength; });
    auto nw = s.col([](const FaceAttributes& a) { return 0.05 + 0.02 * a.noseWidth + 0.01 * a.male; });
    auto away = s.col([](const FaceAttributes& a) { return a.lightX >= 0 ? -1.0 : 1.0; });
    auto strength = s.col([](const FaceAttributes& a) { return 0.12 + 0.2 * std::abs(a.lightX); });
    auto ridge = segmentSdf(r.x, r.y, nx + away * 0.035, s.eyeY - 0.03, nx + away * 0.045, tipY + 0.01, 0.012);
    s.paint(r, soft(ridge, 0.05) * strength, s.skinShadow);
    auto under = ellipseSdf(r.x - nx, r.y - tipY + 0.035, nw * 1.1, torch::full_like(nw, 0.028));
    s.paint(r, soft(under, 0.04) * 0.35, s.skinShadow);
    auto tip = ellipseSdf(r.x - nx, r.y - tipY, nw * 0.6, torch::full_like(nw, 0.035));
    s.paint(r, soft(tip, 0.04) * 0.18, constant(1, 1, 1));
    for (double side : {-1.0, 1.0}) {
        auto n = ellipseSdf(r.x - nx - side * nw * 0.55, r.y - tipY + 0.035, nw * 0.33, nw * 0.22);
        s.paint(r, s.cover(n) * 0.75, s.skinShadow * 0.5);
        auto wing = ellipseSdf(r.x - nx - side * nw * 0.85, r.y - tipY + 0.015, nw * 0.35, nw * 0.45);
        auto outer = (r.x - nx) * side;
        auto wingLine = torch::max(torch::max(wing.abs() - 0.005, outer - nw * 0.85), nw * 0.75 - outer);
        s.paint(r, s.cover(wingLine) * 0.5, s.skinShadow);
    }
}

/// Mouth: the centre line y = m + k·smile·(t² − 0.35), t = (x − centre)/half-width; a smile
/// lifts the corners and, past 0.4, opens into a dark mouth with a band of upper teeth.
void paintMouth(Scene& s) {
    const Region r = s.region(-0.4, 0.4, -0.64, -0.24);
    auto mx = s.feat;
    auto t = (r.x - mx) / s.mouthHalf;
    auto inside = (t.abs() < 1.0).to(torch::kFloat32);
    auto bend = Scene::kCurve * s.smileT;
    auto centre = s.mouthY + bend * (t * t - 0.35);
    auto slope = bend * 2.0 * t / s.mouthHalf;
    auto open = 0.13 * smoothstep(s.smileT, 0.4, 1.0);
    auto bell = (1.0 - t * t).clamp_min(0.0);
    auto top = centre + 0.22 * open * bell, bottom = centre - open * bell;
    auto full = s.col([](const FaceAttributes& a) { return 0.022 + 0.016 * a.lipFullness - 0.008 * a.age; });
    auto lips = s.rgbOf([](const FaceAttributes& a) {
        return mix(scaled(skinColour(a), 0.82), {0.70f, 0.25f, 0.28f}, a.male ? 0.25 : 0.5 - 0.2 * a.age);
    });
    auto edge = (r.x - mx).abs();
    auto upper = top + full * (0.8 - 0.3 * s.smileUp) * bell.sqrt();
    auto lower = bottom - full * 1.2 * bell.sqrt();
    s.paint(r, s.cover(torch::max(torch::max(r.y - upper, lower - r.y), edge - s.mouthHalf)) * 0.9, lips);
    auto openD = torch::max(torch::max(r.y - top, bottom - r.y), edge - s.mouthHalf * 0.97);
    s.paint(r, s.cover(openD) * inside, constant(0.22f, 0.05f, 0.06f));
    auto teethD = torch::max(openD, (top - 0.55 * open * bell) - r.y);
    s.paint(r, s.cover(teethD) * inside * 0.97, constant(0.96f, 0.94f, 0.88f));
    auto lineD = torch::max(curveBandSdf(r.y, centre, slope, torch::scalar_tensor(0.007)), edge - s.mouthHalf * 1.02);
    s.paint(r, s.cover(lineD) * (1.0 - s.cover(openD)) * 0.85, constant(0.20f, 0.06f, 0.06f));
    for (double side : {-1.0, 1.0}) {  // dimples at the corners of a smile
        auto cx = mx + side * (s.mouthHalf + 0.018);
        auto d = segmentSdf(r.x, r.y, cx, s.cornerY + 0.02, cx + side * 0.005, s.cornerY - 0.03, 0.005);
        s.paint(r, s.cover(d) * 0.5 * s.smileUp, s.skinShadow);
    }
}

/// Hair over the forehead, above the hairline: a fringe comes down to the brows with a jagged
/// edge; an older man's hairline recedes, deepest at the temples. Plus the shadow it casts.
void paintFrontHair(Scene& s) {
    const Region r = s.region(-1.0, 1.0, -0.1, 1.2);
    auto hl = s.col([](const FaceAttributes& a) {
        double h = 0.47 + 0.04 * a.faceLength;
        if (a.hairStyle == HairStyle::Fringe) h = 0.27 - 0.03 * a.hairVolume;
        if (a.hairStyle == HairStyle::Curly) h = 0.42;
        return h + 0.22 * a.recede * smoothStep(0.15, 1.0, a.age);
    });
    auto temple = s.col([](const FaceAttributes& a) { return 0.18 * a.recede * smoothStep(0.15, 1.0, a.age); });
    auto fringe = s.col([](const FaceAttributes& a) { return a.hairStyle == HairStyle::Fringe ? 1.0 : 0.0; });
    auto xx = r.x - s.outline * 0.7;
    auto bump = 1.0 - smoothstep((xx.abs() - 0.2).abs(), 0.0, 0.14);
    auto teeth = (xx * 9.0 - (xx * 9.0).floor() - 0.5).abs() * 0.035;
    auto curve = (1.0 - fringe) * 0.9 * xx * xx + fringe * 0.25 * xx * xx;
    auto hairline = hl - curve + temple * bump + fringe * teeth;
    auto outer = r.crop(s.hairOuter);
    auto hairIn = s.cover(torch::max(torch::max(outer, hairline - r.y), r.y - s.capTop));
    s.paint(r, hairIn, s.hairPaint);
    auto shadow = soft(torch::max(hairline - 0.03 - r.y, outer), 0.05) * r.crop(s.faceIn) * (1.0 - hairIn) * 0.25;
    s.paint(r, shadow, s.skinShadow);
}

/// Glasses: two rounded frames, a bridge and the temples; lenses slightly tinted.
void paintGlasses(Scene& s) {
    if (std::none_of(s.faces.begin(), s.faces.end(), [](const FaceAttributes& a) { return a.glasses; })) return;
    const Region r = s.region(-0.66, 0.66, -0.1, 0.28);
    auto on = s.col([](const FaceAttributes& a) { return a.glasses ? 1.0 : 0.0; });
    auto frameColour = s.rgbOf([](const FaceAttributes& a) {
        const Rgb c[] = {{0.05f, 0.05f, 0.06f}, {0.30f, 0.16f, 0.07f}, {0.62f, 0.62f, 0.66f}, {0.55f, 0.10f, 0.12f}};
        return c[std::min(3, static_cast<int>(a.frameColor * 4))];
    });
    auto round = s.col([](const FaceAttributes& a) { return 0.02 + 0.05 * a.eyeSize; });
    auto hw = s.eyeRx * 1.55, hh = s.eyeRy0 * 2.4;
    Tensor frames;
    for (double side : {-1.0, 1.0}) {
        auto ex = side * s.eyeDx + s.feat * (1.0 + 0.1 * side);
        auto box = boxSdf(r.x - ex, r.y - s.eyeY + 0.005, hw, hh, round);
        s.paint(r, s.cover(box) * on * 0.15, constant(0.75f, 0.85f, 0.95f));
        auto ring = box.abs() - 0.013;
        auto temple = torch::max((r.y - s.eyeY - hh * 0.6).abs() - 0.011,
                                 torch::max(side * (ex - r.x) + hw - 0.01, side * (r.x - s.outline) - s.fRx));
        auto part = torch::min(ring, temple);
        frames = frames.defined() ? torch::min(frames, part) : part;
    }
    auto bridgeY = s.eyeY + 0.02;
    frames = torch::min(frames, segmentSdf(r.x, r.y, -s.eyeDx + hw + s.feat * 0.9, bridgeY, s.eyeDx - hw + s.feat * 1.1,
                                           bridgeY, 0.011));
    s.paint(r, s.cover(frames) * on, frameColour);
}

}  // namespace

torch::Tensor renderFaces(const std::vector<FaceAttributes>& faces, int64_t size) {
    if (size < 16 || size > 128)
        throw std::invalid_argument("renderFaces: size must be in 16…128, got " + std::to_string(size));
    for (const auto& a : faces)
        if (!(a.smile >= -1 && a.smile <= 1 && a.age >= 0 && a.age <= 1))
            throw std::invalid_argument("renderFaces: smile must be in [−1, 1] and age in [0, 1]");
    if (faces.empty()) return torch::zeros({0, 3, size, size});
    torch::NoGradGuard noGrad;
    Scene s(faces, size);
    setUpPose(s);
    setUpGeometry(s);
    paintBackground(s);
    paintBody(s);
    paintEars(s, torch::ones({1, 1, 1}));
    paintBackHair(s);
    // Ears show over the sides of shorter styles and stay under long hair and curls.
    paintEars(s, s.col([](const FaceAttributes& a) {
        return a.hairStyle == HairStyle::Long || a.hairStyle == HairStyle::Curly ? 0.0 : 1.0;
    }));
    paintSkin(s);
    paintWrinkles(s);
    paintBeard(s);
    paintEyes(s);
    paintBrows(s);
    paintNose(s);
    paintMouth(s);
    paintFrontHair(s);
    paintGlasses(s);
    return s.rgb.clamp(0.0, 1.0);
}

FaceBatch sampleFaces(int64_t first, int64_t count, int64_t size, uint64_t seed) {
    if (first < 0 || count < 0)
        throw std::invalid_argument("sampleFaces: first and count must be ≥ 0, got " + std::to_string(first) + ", " +
                                    std::to_string(count));
    FaceBatch batch;
    batch.attributes.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) batch.attributes.push_back(randomFaceAttributes(seed, first + i));
    batch.images = renderFaces(batch.attributes, size);
    return batch;
}

}  // namespace flowscope
