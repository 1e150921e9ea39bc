#include "targets/point_sampler.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {

constexpr double kPi = 3.141592653589793;

torch::Tensor uniform(int64_t n, torch::Generator& gen) { return torch::rand({n}, gen, torch::kFloat64); }
torch::Tensor normal(int64_t n, torch::Generator& gen) { return torch::randn({n}, gen, torch::kFloat64); }
torch::Tensor coin(int64_t n, torch::Generator& gen) { return (uniform(n, gen) < 0.5).to(torch::kFloat64); }

torch::Tensor moons(int64_t n, torch::Generator& gen) {
    auto t = uniform(n, gen) * kPi;
    auto upper = coin(n, gen);
    // Upper moon: (cos t, sin t); lower moon: (1 − cos t, 0.5 − sin t).
    auto x = upper * torch::cos(t) + (1 - upper) * (1 - torch::cos(t));
    auto y = upper * torch::sin(t) + (1 - upper) * (0.5 - torch::sin(t));
    auto pts = torch::stack({x, y}, 1) + 0.1 * torch::stack({normal(n, gen), normal(n, gen)}, 1);
    return pts * 2.0 - torch::tensor({1.0, 0.5}, torch::kFloat64);
}

torch::Tensor circles(int64_t n, torch::Generator& gen) {
    auto t = uniform(n, gen) * 2 * kPi;
    auto radius = 3.0 - 1.5 * coin(n, gen);
    auto pts = torch::stack({radius * torch::cos(t), radius * torch::sin(t)}, 1);
    return pts + 0.2 * torch::stack({normal(n, gen), normal(n, gen)}, 1);
}

torch::Tensor eightGaussians(int64_t n, torch::Generator& gen) {
    auto k = torch::floor(uniform(n, gen) * 8).clamp_max(7);
    auto angle = k * (kPi / 4);
    auto centres = 2.83 * torch::stack({torch::cos(angle), torch::sin(angle)}, 1);
    return centres + 0.35 * torch::stack({normal(n, gen), normal(n, gen)}, 1);
}

torch::Tensor checkerboard(int64_t n, torch::Generator& gen) {
    // x in [−4, 4); y in a band chosen so (⌊x/2⌋ + ⌊y/2⌋) is even: 8 filled squares of side 2.
    auto x = uniform(n, gen) * 8 - 4;
    auto row = torch::floor(uniform(n, gen) * 2).clamp_max(1) * 2;  // 0 or 2 (of 4 bands)
    auto col = torch::floor(x / 2);
    auto parity = torch::remainder(col, 2);
    auto band = row + parity;  // bands 0..3, of height 2
    auto y = band * 2 - 4 + uniform(n, gen) * 2;
    return torch::stack({x, y}, 1);
}

torch::Tensor pinwheel(int64_t n, torch::Generator& gen) {
    const int classes = 5;
    const double radialStd = 0.3, tangentialStd = 0.1, rate = 0.25;
    auto label = torch::floor(uniform(n, gen) * classes).clamp_max(classes - 1);
    auto r = normal(n, gen) * radialStd + 1.0;
    auto tang = normal(n, gen) * tangentialStd;
    auto angle = label * (2 * kPi / classes) + rate * torch::exp(r);
    auto x = r * torch::cos(angle) - tang * torch::sin(angle);
    auto y = r * torch::sin(angle) + tang * torch::cos(angle);
    return 2.0 * torch::stack({x, y}, 1);
}

torch::Tensor spirals(int64_t n, torch::Generator& gen) {
    auto t = torch::sqrt(uniform(n, gen)) * 3 * kPi;  // 1.5 turns
    auto sign = coin(n, gen) * 2 - 1;
    auto x = -torch::cos(t) * t * sign;
    auto y = torch::sin(t) * t * sign;
    auto pts = torch::stack({x, y}, 1) / 2.5;
    return pts + 0.1 * torch::stack({normal(n, gen), normal(n, gen)}, 1);
}

}  // namespace

ToyDistribution::ToyDistribution(std::string name) : m_name(std::move(name)) {
    if (!isToyName(m_name))
        throw std::invalid_argument("unknown data set '" + m_name +
                                    "' (expected moons, circles, 8gaussians, checkerboard, pinwheel or spirals)");
}

std::vector<std::string> ToyDistribution::names() {
    return {"moons", "circles", "8gaussians", "checkerboard", "pinwheel", "spirals"};
}

bool ToyDistribution::isToyName(const std::string& name) {
    const auto all = names();
    return std::find(all.begin(), all.end(), name) != all.end();
}

torch::Tensor ToyDistribution::sample(int64_t n, torch::Generator& gen) const {
    if (n < 0) throw std::invalid_argument("ToyDistribution::sample: negative count");
    torch::Tensor pts;
    if (m_name == "moons")
        pts = moons(n, gen);
    else if (m_name == "circles")
        pts = circles(n, gen);
    else if (m_name == "8gaussians")
        pts = eightGaussians(n, gen);
    else if (m_name == "checkerboard")
        pts = checkerboard(n, gen);
    else if (m_name == "pinwheel")
        pts = pinwheel(n, gen);
    else
        pts = spirals(n, gen);
    return pts.to(torch::kFloat32);
}

FinitePointSet::FinitePointSet(torch::Tensor points, std::string name)
    : m_points(std::move(points)), m_name(std::move(name)) {
    if (!m_points.defined() || m_points.dim() != 2 || m_points.size(1) != 2 || m_points.size(0) < 1)
        throw std::invalid_argument("point set '" + m_name + "': expected at least one point with two coordinates");
    m_points = m_points.to(torch::kCPU, torch::kFloat32).contiguous();
    if (!torch::isfinite(m_points).all().item<bool>())
        throw std::invalid_argument("point set '" + m_name + "' holds non-finite coordinates");
}

torch::Tensor FinitePointSet::sample(int64_t n, torch::Generator& gen) const {
    auto idx = torch::randint(m_points.size(0), {n}, gen, torch::kLong);
    return m_points.index_select(0, idx);
}

std::array<double, 4> FinitePointSet::extent() const {
    auto lo = std::get<0>(m_points.min(0));
    auto hi = std::get<0>(m_points.max(0));
    const double x0 = lo[0].item<double>(), x1 = hi[0].item<double>();
    const double y0 = lo[1].item<double>(), y1 = hi[1].item<double>();
    const double pad = 0.15 * std::max({x1 - x0, y1 - y0, 1.0});
    return {x0 - pad, x1 + pad, y0 - pad, y1 + pad};
}

}  // namespace flowscope
