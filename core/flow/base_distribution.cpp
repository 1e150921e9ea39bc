#include "flow/base_distribution.h"

#include "util/checks.h"
#include "util/random.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {
constexpr double kLog2Pi = 1.8378770664093453;
}

StandardGaussian::StandardGaussian(int64_t dim) : m_dim(dim) {
    if (dim < 1) throw std::invalid_argument("StandardGaussian: dimension must be at least 1");
}

torch::Tensor StandardGaussian::logProb(const torch::Tensor& z) const {
    checkBatch(z, m_dim, "StandardGaussian::logProb");
    return -0.5 * (z * z).sum(1) - 0.5 * static_cast<double>(m_dim) * kLog2Pi;
}

torch::Tensor StandardGaussian::sample(int64_t n, torch::Generator& gen, torch::Device device) const {
    return normalTensor({n, m_dim}, gen, device);
}

DiagonalGaussian::DiagonalGaussian(int64_t dim) {
    if (dim < 1) throw std::invalid_argument("DiagonalGaussian: dimension must be at least 1");
    mu = register_parameter("mu", torch::zeros({dim}));
    logSigma = register_parameter("log_sigma", torch::zeros({dim}));
}

torch::Tensor DiagonalGaussian::logProb(const torch::Tensor& z) const {
    checkBatch(z, dim(), "DiagonalGaussian::logProb");
    auto e = (z - mu) * torch::exp(-logSigma);
    return -0.5 * (e * e).sum(1) - logSigma.sum() - 0.5 * static_cast<double>(dim()) * kLog2Pi;
}

torch::Tensor DiagonalGaussian::sample(int64_t n, torch::Generator& gen, torch::Device device) const {
    auto eps = normalTensor({n, dim()}, gen, device);
    return mu + eps * torch::exp(logSigma);
}

UniformBox::UniformBox(int64_t dim) : m_dim(dim) {
    if (dim < 1) throw std::invalid_argument("UniformBox: dimension must be at least 1");
}

torch::Tensor UniformBox::logProb(const torch::Tensor& z) const {
    checkBatch(z, m_dim, "UniformBox::logProb");
    const double a = kUniformBaseHalfWidth;
    auto inside = (z.abs() <= a).all(1);
    auto inner = torch::full({z.size(0)}, -static_cast<double>(m_dim) * std::log(2.0 * a), z.options());
    // `z * 0` keeps the result connected to z's graph (a zero gradient inside the box).
    return torch::where(inside, inner + (z * 0).sum(1), torch::full_like(inner, -INFINITY));
}

torch::Tensor UniformBox::sample(int64_t n, torch::Generator& gen, torch::Device device) const {
    return uniformTensor({n, m_dim}, -kUniformBaseHalfWidth, kUniformBaseHalfWidth, gen).to(device);
}

std::shared_ptr<BaseDistribution> makeBaseDistribution(BaseKind kind, int64_t dim) {
    if (kind == BaseKind::Standard) return std::make_shared<StandardGaussian>(dim);
    if (kind == BaseKind::Diagonal) return std::make_shared<DiagonalGaussian>(dim);
    if (kind == BaseKind::Uniform) return std::make_shared<UniformBox>(dim);
    throw std::invalid_argument("unknown base distribution kind " + std::to_string(static_cast<int>(kind)) +
                                " (expected " + kindNames(kBaseKinds) + ")");
}

}  // namespace flowscope
