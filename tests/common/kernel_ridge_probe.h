#pragma once

#include <torch/torch.h>

namespace flowscope::test {

/// Kernel ridge regression with a Gaussian kernel: the pixel probes that judge attribute edits
/// (ridge regression on pixels, made nonlinear: a mouth's curvature is not a linear function of
/// pixels once faces shift a little).
/// f(x) = Σ_i a_i k(x, x_i) + ȳ,  (K + λI) a = y − ȳ,  k(x, x') = exp(−‖x − x'‖² / (2σ²)),
/// σ² = the median squared distance between training rows. Features are rows of a float64 matrix.
struct KernelRidgeProbe {
    torch::Tensor X, a;
    double bias = 0, sigma2 = 1;

    static torch::Tensor squaredDistances(const torch::Tensor& A, const torch::Tensor& B) {
        return (A.pow(2).sum(1).unsqueeze(1) + B.pow(2).sum(1).unsqueeze(0) - 2 * A.matmul(B.t())).clamp_min(0);
    }
    void fit(const torch::Tensor& features, const torch::Tensor& y, double lambda) {
        X = features;
        auto d2 = squaredDistances(X, X);
        sigma2 = d2.flatten().median().item<double>();
        bias = y.mean().item<double>();
        auto K = torch::exp(-d2 / (2 * sigma2)) + lambda * torch::eye(X.size(0), torch::kFloat64);
        a = torch::linalg_solve(K, (y - bias).unsqueeze(1)).squeeze(1);
    }
    torch::Tensor predict(const torch::Tensor& features) const {
        return torch::exp(-squaredDistances(features, X) / (2 * sigma2)).matmul(a) + bias;
    }
};

}  // namespace flowscope::test
