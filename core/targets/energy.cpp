#include "targets/energy.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <mutex>
#include <stdexcept>

namespace flowscope {

namespace {

constexpr double kTwoPi = 6.283185307179586;

/// log(e^a + e^b) and its partial derivatives ∂/∂a = σ(a − b), ∂/∂b = σ(b − a).
double logAddExp(double a, double b, double* da, double* db) {
    const double m = std::max(a, b);
    const double ea = std::exp(a - m), eb = std::exp(b - m);
    const double s = ea + eb;
    if (da) *da = ea / s;
    if (db) *db = eb / s;
    return m + std::log(s);
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// ½ (max(0, |x| − 4)/w)² and its derivative.
double wall(double x, double* d) {
    const double excess = std::abs(x) - Energy::kBoxHalfWidth;
    if (excess <= 0.0) {
        *d = 0.0;
        return 0.0;
    }
    const double k = 1.0 / (Energy::kBoundaryWidth * Energy::kBoundaryWidth);
    *d = k * excess * (x > 0 ? 1.0 : -1.0);
    return 0.5 * k * excess * excess;
}

torch::Tensor wallTorch(const torch::Tensor& x) {
    auto excess = (x.abs() - Energy::kBoxHalfWidth).clamp_min(0.0) / Energy::kBoundaryWidth;
    return 0.5 * excess * excess;
}

}  // namespace

Energy Energy::fromName(const std::string& raw) {
    std::string name = raw;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
    if (name == "U1") return Energy(Id::U1);
    if (name == "U2") return Energy(Id::U2);
    if (name == "U3") return Energy(Id::U3);
    if (name == "U4") return Energy(Id::U4);
    throw std::invalid_argument("unknown energy '" + raw + "' (expected U1, U2, U3 or U4)");
}

std::vector<std::string> Energy::names() { return {"U1", "U2", "U3", "U4"}; }

bool Energy::isEnergyName(const std::string& name) {
    const auto all = names();
    std::string upper = name;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    return std::find(all.begin(), all.end(), upper) != all.end();
}

std::string Energy::name() const { return names()[static_cast<size_t>(m_id)]; }

torch::Tensor Energy::operator()(const torch::Tensor& z) const {
    auto z1 = z.select(1, 0);
    auto z2 = z.select(1, 1);
    auto w1 = torch::sin(kTwoPi * z1 / 4.0);
    auto sq = [](const torch::Tensor& t) { return t * t; };
    switch (m_id) {
        case Id::U1: {
            auto ring = 0.5 * sq((z.norm(2, 1) - 2.0) / 0.4);
            auto a = -0.5 * sq((z1 - 2.0) / 0.6);
            auto b = -0.5 * sq((z1 + 2.0) / 0.6);
            return ring - torch::logaddexp(a, b);
        }
        case Id::U2:
            return 0.5 * sq((z2 - w1) / 0.4) + wallTorch(z1) + wallTorch(z2);
        case Id::U3: {
            auto w2 = 3.0 * torch::exp(-0.5 * sq((z1 - 1.0) / 0.6));
            auto a = -0.5 * sq((z2 - w1) / 0.35);
            auto b = -0.5 * sq((z2 - w1 + w2) / 0.35);
            return -torch::logaddexp(a, b) + wallTorch(z1) + wallTorch(z2);
        }
        case Id::U4: {
            auto w3 = 3.0 * torch::sigmoid((z1 - 1.0) / 0.3);
            auto a = -0.5 * sq((z2 - w1) / 0.4);
            auto b = -0.5 * sq((z2 - w1 + w3) / 0.35);
            return -torch::logaddexp(a, b) + wallTorch(z1) + wallTorch(z2);
        }
    }
    throw std::logic_error("unhandled energy");
}

double Energy::evaluate(double z1, double z2, double* g1, double* g2) const {
    const double w1 = std::sin(kTwoPi * z1 / 4.0);
    const double dw1 = std::cos(kTwoPi * z1 / 4.0) * kTwoPi / 4.0;
    double u = 0.0, d1 = 0.0, d2 = 0.0;
    switch (m_id) {
        case Id::U1: {
            const double r = std::sqrt(z1 * z1 + z2 * z2);
            const double e = (r - 2.0) / 0.4;
            const double a = -0.5 * std::pow((z1 - 2.0) / 0.6, 2), b = -0.5 * std::pow((z1 + 2.0) / 0.6, 2);
            double pa, pb;
            u = 0.5 * e * e - logAddExp(a, b, &pa, &pb);
            const double dr = r > 0.0 ? e / 0.4 / r : 0.0;
            d1 = dr * z1 - (pa * -(z1 - 2.0) / 0.36 + pb * -(z1 + 2.0) / 0.36);
            d2 = dr * z2;
            break;
        }
        case Id::U2: {
            const double e = (z2 - w1) / 0.4;
            u = 0.5 * e * e;
            d1 = -e / 0.4 * dw1;
            d2 = e / 0.4;
            break;
        }
        case Id::U3: {
            const double w2 = 3.0 * std::exp(-0.5 * std::pow((z1 - 1.0) / 0.6, 2));
            const double dw2 = -w2 * (z1 - 1.0) / 0.36;
            const double ea = (z2 - w1) / 0.35, eb = (z2 - w1 + w2) / 0.35;
            double pa, pb;
            u = -logAddExp(-0.5 * ea * ea, -0.5 * eb * eb, &pa, &pb);
            d1 = pa * ea / 0.35 * -dw1 + pb * eb / 0.35 * (-dw1 + dw2);
            d2 = pa * ea / 0.35 + pb * eb / 0.35;
            break;
        }
        case Id::U4: {
            const double s = sigmoid((z1 - 1.0) / 0.3);
            const double w3 = 3.0 * s, dw3 = 3.0 * s * (1.0 - s) / 0.3;
            const double ea = (z2 - w1) / 0.4, eb = (z2 - w1 + w3) / 0.35;
            double pa, pb;
            u = -logAddExp(-0.5 * ea * ea, -0.5 * eb * eb, &pa, &pb);
            d1 = pa * ea / 0.4 * -dw1 + pb * eb / 0.35 * (-dw1 + dw3);
            d2 = pa * ea / 0.4 + pb * eb / 0.35;
            break;
        }
    }
    if (hasBoundary()) {
        double w1d, w2d;
        u += wall(z1, &w1d) + wall(z2, &w2d);
        d1 += w1d;
        d2 += w2d;
    }
    if (g1) *g1 = d1;
    if (g2) *g2 = d2;
    return u;
}

std::array<double, 4> Energy::extent() const {
    if (m_id == Id::U1) return {-4.0, 4.0, -4.0, 4.0};
    const double e = kBoxHalfWidth + 6.0 * kBoundaryWidth;
    return {-e, e, -e, e};
}

double Energy::logZ() const {
    static std::once_flag once[4];
    static double cache[4];
    const auto i = static_cast<size_t>(m_id);
    std::call_once(once[i], [&] {
        // The integrand decays like a Gaussian at the box's edges, where the trapezoid rule is
        // spectrally accurate; 0.005 spacing gives ~1e-6 relative error.
        const double half = m_id == Id::U1 ? 5.0 : kBoxHalfWidth + 8.0 * kBoundaryWidth;
        const double h = 0.005;
        const int n = static_cast<int>(std::lround(2.0 * half / h));
        // A coarse pass finds the scale, so exp() neither overflows nor underflows.
        double uMin = 1e300;
        for (int i1 = 0; i1 <= n; i1 += 10)
            for (int i2 = 0; i2 <= n; i2 += 10) uMin = std::min(uMin, evaluate(-half + i1 * h, -half + i2 * h));
        double sum = 0.0;
        for (int i1 = 0; i1 <= n; ++i1) {
            const double w1 = (i1 == 0 || i1 == n) ? 0.5 : 1.0;
            double column = 0.0;
            for (int i2 = 0; i2 <= n; ++i2) {
                const double w2 = (i2 == 0 || i2 == n) ? 0.5 : 1.0;
                column += w2 * std::exp(-(evaluate(-half + i1 * h, -half + i2 * h) - uMin));
            }
            sum += w1 * column;
        }
        cache[i] = std::log(sum * h * h) - uMin;
    });
    return cache[i];
}

}  // namespace flowscope
