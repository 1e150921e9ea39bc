#include "infinitesimal/potential_1d.h"

#include <cmath>

namespace flowscope {

namespace {

constexpr double kMixtureMean = 2.0;
constexpr double kMixtureSigma = 0.6;

struct NameEntry {
    Potential1D::Id id;
    const char* name;
};
constexpr NameEntry kNames[] = {{Potential1D::Id::Gaussian, "gaussian"},
                                {Potential1D::Id::DoubleWell, "double-well"},
                                {Potential1D::Id::Mixture, "mixture"}};

/// The mixture's responsibilities: r = weight of the +2 component, and the two exponents' shift.
double mixturePlusWeight(double q) {
    const double s2 = kMixtureSigma * kMixtureSigma;
    // log N(q; +m) − log N(q; −m) = 2 m q / σ²
    return 1.0 / (1.0 + std::exp(-2.0 * kMixtureMean * q / s2));
}

}  // namespace

std::optional<Potential1D> Potential1D::fromName(std::string_view name) {
    for (const auto& e : kNames)
        if (name == e.name) return Potential1D(e.id);
    return std::nullopt;
}

std::string Potential1D::names() { return "gaussian, double-well or mixture"; }

std::string Potential1D::name() const {
    for (const auto& e : kNames)
        if (e.id == m_id) return e.name;
    return "?";
}

double Potential1D::value(double q) const {
    switch (m_id) {
        case Id::Gaussian:
            return 0.5 * q * q;
        case Id::DoubleWell:
            return 4.0 * (q * q - 1.0) * (q * q - 1.0);
        case Id::Mixture: {
            const double s2 = kMixtureSigma * kMixtureSigma;
            const double a = -0.5 * (q - kMixtureMean) * (q - kMixtureMean) / s2;
            const double b = -0.5 * (q + kMixtureMean) * (q + kMixtureMean) / s2;
            const double m = std::max(a, b);
            // −log(½ e^a + ½ e^b) + log(σ√(2π)), the constant kept so U is the true −log p.
            return -(m + std::log(0.5 * (std::exp(a - m) + std::exp(b - m)))) +
                   std::log(kMixtureSigma * std::sqrt(2.0 * M_PI));
        }
    }
    return 0;
}

double Potential1D::gradient(double q) const {
    switch (m_id) {
        case Id::Gaussian:
            return q;
        case Id::DoubleWell:
            return 16.0 * q * (q * q - 1.0);
        case Id::Mixture: {
            // U' = Σ_c r_c (q − μ_c)/σ² with r the posterior weights of the components.
            const double r = mixturePlusWeight(q);
            const double s2 = kMixtureSigma * kMixtureSigma;
            return (r * (q - kMixtureMean) + (1.0 - r) * (q + kMixtureMean)) / s2;
        }
    }
    return 0;
}

double Potential1D::curvature(double q) const {
    switch (m_id) {
        case Id::Gaussian:
            return 1.0;
        case Id::DoubleWell:
            return 48.0 * q * q - 16.0;
        case Id::Mixture: {
            // U'' = 1/σ² − Var_r[(q − μ_c)/σ²] = 1/σ² − r(1 − r)(2μ/σ²)².
            const double r = mixturePlusWeight(q);
            const double s2 = kMixtureSigma * kMixtureSigma;
            const double spread = 2.0 * kMixtureMean / s2;
            return 1.0 / s2 - r * (1.0 - r) * spread * spread;
        }
    }
    return 0;
}

std::array<double, 2> Potential1D::extent() const {
    switch (m_id) {
        case Id::Gaussian:
            return {-3.5, 3.5};
        case Id::DoubleWell:
            return {-2.0, 2.0};
        case Id::Mixture:
            return {-4.5, 4.5};
    }
    return {-3, 3};
}

}  // namespace flowscope
