#pragma once

#include "types/flow_config.h"

#include <torch/torch.h>

#include <memory>
#include <string>

namespace flowscope {

/// The density q_0 at the start of a flow.
class BaseDistribution : public torch::nn::Module {
public:
    virtual torch::Tensor logProb(const torch::Tensor& z) const = 0;  ///< [B, d] → [B]
    /// n draws on `device` (drawn on the CPU from `gen`, so a seed means the same on every device).
    virtual torch::Tensor sample(int64_t n, torch::Generator& gen, torch::Device device) const = 0;
    virtual BaseKind kind() const = 0;
    virtual int64_t dim() const = 0;
};

/// N(0, I): log q_0(z) = −½‖z‖² − (d/2) log 2π.
class StandardGaussian : public BaseDistribution {
public:
    explicit StandardGaussian(int64_t dim);
    torch::Tensor logProb(const torch::Tensor& z) const override;
    torch::Tensor sample(int64_t n, torch::Generator& gen, torch::Device device) const override;
    BaseKind kind() const override { return BaseKind::Standard; }
    int64_t dim() const override { return m_dim; }

private:
    int64_t m_dim;
};

/// N(μ, diag σ²) with learnable μ ("mu") and log σ ("log_sigma"); sampled by reparameterisation.
class DiagonalGaussian : public BaseDistribution {
public:
    explicit DiagonalGaussian(int64_t dim);
    torch::Tensor logProb(const torch::Tensor& z) const override;
    torch::Tensor sample(int64_t n, torch::Generator& gen, torch::Device device) const override;
    BaseKind kind() const override { return BaseKind::Diagonal; }
    int64_t dim() const override { return mu.size(0); }

    torch::Tensor mu, logSigma;
};

/// U([−a, a]^d), a = kUniformBaseHalfWidth: log q_0(z) = −d log 2a inside the box, −∞ outside.
/// Its density has edges, so the fused kernels (which assume a smooth base) leave it alone.
class UniformBox : public BaseDistribution {
public:
    explicit UniformBox(int64_t dim);
    torch::Tensor logProb(const torch::Tensor& z) const override;
    torch::Tensor sample(int64_t n, torch::Generator& gen, torch::Device device) const override;
    BaseKind kind() const override { return BaseKind::Uniform; }
    int64_t dim() const override { return m_dim; }

private:
    int64_t m_dim;
};

std::shared_ptr<BaseDistribution> makeBaseDistribution(BaseKind kind, int64_t dim);

}  // namespace flowscope
