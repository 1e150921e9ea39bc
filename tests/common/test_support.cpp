#include "common/test_support.h"

#include "util/random.h"

#include <Eigen/Dense>
#include <QDir>
#include <QFileInfo>

#include <cmath>

namespace flowscope::test {

void perturbParameters(torch::nn::Module& module, double scale, uint64_t seed) {
    torch::NoGradGuard noGrad;
    auto gen = makeGenerator(seed);
    for (auto& p : module.parameters()) p.add_(torch::randn(p.sizes(), gen, torch::kFloat32).to(p.dtype()) * scale);
}

torch::Tensor autogradJacobian(const std::function<torch::Tensor(const torch::Tensor&)>& map, const torch::Tensor& z) {
    auto x = z.detach().clone().set_requires_grad(true);
    auto y = map(x);
    const int64_t b = z.size(0), d = z.size(1);
    auto jac = torch::zeros({b, d, d}, torch::kFloat64);
    for (int64_t j = 0; j < d; ++j) {
        auto g = torch::autograd::grad({y.select(1, j).sum()}, {x}, {}, /*retain_graph=*/true)[0];
        jac.select(1, j).copy_(g.to(torch::kFloat64));
    }
    return jac;
}

torch::Tensor eigenLogAbsDet(const torch::Tensor& jacobians) {
    auto j = jacobians.to(torch::kFloat64).contiguous();
    const int64_t b = j.size(0), d = j.size(1);
    auto out = torch::empty({b}, torch::kFloat64);
    for (int64_t i = 0; i < b; ++i) {
        Eigen::MatrixXd m(d, d);
        for (int64_t r = 0; r < d; ++r)
            for (int64_t c = 0; c < d; ++c) m(r, c) = j[i][r][c].item<double>();
        out[i] = std::log(std::abs(m.partialPivLu().determinant()));
    }
    return out;
}

QString sharedDir() {
    const QString dir = QStringLiteral(FLOWSCOPE_SHARED_DIR);
    return QFileInfo(dir).isDir() ? QDir(dir).absolutePath() : QString();
}

QString binaryDir() { return QStringLiteral(FLOWSCOPE_BINARY_DIR); }

}  // namespace flowscope::test
