#include "fast/fused_coupling_ml.h"

#include "flow/additive_coupling.h"
#include "flow/affine_coupling.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {

constexpr double kLog2Pi = 1.8378770664093453;
using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MapRow = Eigen::Map<RowMat>;
using MapRowConst = Eigen::Map<const RowMat>;
using MapVec = Eigen::Map<Eigen::VectorXf>;
using MapVecConst = Eigen::Map<const Eigen::VectorXf>;

/// (kept, transformed) coordinates of a 2D coupling mask, or (-1, -1) if it is not one-and-one.
std::pair<int, int> maskCoordinates(const torch::Tensor& mask) {
    auto m = mask.detach().cpu().to(torch::kFloat32);
    if (m.numel() != 2) return {-1, -1};
    const bool k0 = m[0].item<float>() > 0.5f, k1 = m[1].item<float>() > 0.5f;
    if (k0 == k1) return {-1, -1};
    return k0 ? std::make_pair(0, 1) : std::make_pair(1, 0);
}

Mlp conditionerOf(const FlowLayerPtr& layer) {
    if (auto* a = dynamic_cast<AffineCouplingImpl*>(layer.get())) return a->net;
    if (auto* d = dynamic_cast<AdditiveCouplingImpl*>(layer.get())) return d->net;
    return nullptr;
}

}  // namespace

bool FusedCouplingMl::supports(FlowModelImpl& model) {
    const auto& c = model.config();
    if (c.dim != 2 || model.base->kind() != BaseKind::Standard || !model.device().is_cpu() || model.flows->size() == 0)
        return false;
    for (const auto& p : model.parameters())
        if (p.scalar_type() != torch::kFloat32) return false;
    for (const auto& layer : model.flows->layers()) {
        auto net = conditionerOf(layer);
        if (!net || net->options.hiddenLayers() != 2 || net->options.hidden() != c.hidden) return false;
        auto* a = dynamic_cast<AffineCouplingImpl*>(layer.get());
        auto* d = dynamic_cast<AdditiveCouplingImpl*>(layer.get());
        if (maskCoordinates(a ? a->mask : d->mask).first < 0) return false;
    }
    return true;
}

FusedCouplingMl::FusedCouplingMl(FlowModelImpl& model, double learningRate) {
    if (!supports(model))
        throw std::invalid_argument("FusedCouplingMl: needs a 2D affine/additive coupling stack on the CPU");
    m_hidden = model.config().hidden;
    size_t offset = 0;
    for (const auto& layer : model.flows->layers()) {
        auto* a = dynamic_cast<AffineCouplingImpl*>(layer.get());
        auto* d = dynamic_cast<AdditiveCouplingImpl*>(layer.get());
        const auto [kept, transformed] = maskCoordinates(a ? a->mask : d->mask);
        const size_t H = static_cast<size_t>(m_hidden), O = a ? 4 : 2;
        Layer L{a != nullptr,
                kept,
                transformed,
                a ? static_cast<float>(a->options.logScaleClamp()) : 1.0f,
                0,
                0,
                0,
                0,
                0,
                0};
        // Same order as the module's parameters: layers.0.{weight,bias}, layers.1…, layers.2….
        L.w1 = offset, offset += H * 2;
        L.b1 = offset, offset += H;
        L.w2 = offset, offset += H * H;
        L.b2 = offset, offset += H;
        L.w3 = offset, offset += O * H;
        L.b3 = offset, offset += O;
        m_layers.push_back(L);
    }
    m_theta.assign(offset, 0.0f);
    m_adam = std::make_unique<GuardedFlatAdam<float>>(offset, learningRate);
    readFrom(model);
    m_adam->markGood(m_theta);
    const size_t K = m_layers.size();
    m_h1.resize(K), m_h2.resize(K), m_in.resize(K), m_yb.resize(K), m_s.resize(K), m_zb.resize(K);
}

void FusedCouplingMl::readFrom(FlowModelImpl& model) {
    size_t offset = 0;
    for (const auto& p : model.parameters()) {
        auto c = p.detach().cpu().contiguous();
        std::copy(c.data_ptr<float>(), c.data_ptr<float>() + c.numel(), m_theta.begin() + static_cast<long>(offset));
        offset += static_cast<size_t>(c.numel());
    }
    if (offset != m_theta.size()) throw std::logic_error("FusedCouplingMl: parameter layout mismatch");
}

void FusedCouplingMl::writeTo(FlowModelImpl& model) const {
    torch::NoGradGuard noGrad;
    size_t offset = 0;
    for (auto& p : model.parameters()) {
        auto src = torch::from_blob(const_cast<float*>(m_theta.data() + offset), p.sizes(), torch::kFloat32);
        p.copy_(src);
        offset += static_cast<size_t>(p.numel());
    }
}

void FusedCouplingMl::poisonParametersForTest() { std::fill(m_theta.begin(), m_theta.end(), std::nanf("")); }

double FusedCouplingMl::lossAndGradient(const torch::Tensor& x, std::vector<float>& gradient) {
    auto c = x.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    if (c.dim() != 2 || c.size(1) != 2) throw std::invalid_argument("FusedCouplingMl: x must be [B, 2]");
    return evaluate(c.data_ptr<float>(), c.size(0), gradient);
}

double FusedCouplingMl::evaluate(const float* xData, int64_t batch, std::vector<float>& grad) {
    const int64_t B = batch, H = m_hidden;
    const size_t K = m_layers.size();
    grad.assign(m_theta.size(), 0.0f);
    // Y holds the current point of every sample, column-major [B, 2].
    Eigen::MatrixXf Y(B, 2);
    for (int64_t i = 0; i < B; ++i) Y(i, 0) = xData[2 * i], Y(i, 1) = xData[2 * i + 1];

    // Inverse pass x = z_K → z_0: layer K first.
    Eigen::VectorXf sumS = Eigen::VectorXf::Zero(B);
    for (size_t k = K; k-- > 0;) {
        const Layer& L = m_layers[k];
        const int64_t O = L.affine ? 4 : 2;
        MapRowConst W1(m_theta.data() + L.w1, H, 2), W2(m_theta.data() + L.w2, H, H), W3(m_theta.data() + L.w3, O, H);
        MapVecConst b1(m_theta.data() + L.b1, H), b2(m_theta.data() + L.b2, H), b3(m_theta.data() + L.b3, O);
        m_in[k] = Y.col(L.kept);
        // Pre-activations are materialised first so tanh runs vectorised over plain storage
        // (on a broadcast expression Eigen falls back to one scalar tanh per element).
        auto& h1 = m_h1[k];
        h1.noalias() = m_in[k] * W1.col(L.kept).transpose();
        h1.rowwise() += b1.transpose();
        h1.array() = h1.array().tanh();
        auto& h2 = m_h2[k];
        h2.noalias() = h1 * W2.transpose();
        h2.rowwise() += b2.transpose();
        h2.array() = h2.array().tanh();
        Eigen::MatrixXf out(B, O);
        out.noalias() = h2 * W3.transpose();
        out.rowwise() += b3.transpose();
        m_yb[k] = Y.col(L.transformed);
        if (L.affine) {
            m_s[k] = (L.clamp * (out.col(L.transformed).array() / L.clamp).tanh()).matrix();
            const Eigen::VectorXf t = out.col(2 + L.transformed);
            m_zb[k] = ((m_yb[k] - t).array() * (-m_s[k].array()).exp()).matrix();
            sumS += m_s[k];
        } else {
            m_zb[k] = m_yb[k] - out.col(L.transformed);
        }
        Y.col(L.transformed) = m_zb[k];
    }
    // loss = mean(½|z_0|² + log 2π + Σ s): −log p with log p = log N(z_0) − Σ_k s_k.
    const double loss =
        (0.5 * Y.rowwise().squaredNorm().cast<double>().array() + kLog2Pi + sumS.cast<double>().array()).mean();

    // Backward from z_0 towards x: G = ∂loss/∂(current point).
    const float invB = 1.0f / static_cast<float>(B);
    Eigen::MatrixXf G = Y * invB;
    for (size_t k = 0; k < K; ++k) {
        const Layer& L = m_layers[k];
        const int64_t O = L.affine ? 4 : 2;
        MapRowConst W1(m_theta.data() + L.w1, H, 2), W2(m_theta.data() + L.w2, H, H), W3(m_theta.data() + L.w3, O, H);
        MapRow gW1(grad.data() + L.w1, H, 2), gW2(grad.data() + L.w2, H, H), gW3(grad.data() + L.w3, O, H);
        MapVec gb1(grad.data() + L.b1, H), gb2(grad.data() + L.b2, H), gb3(grad.data() + L.b3, O);
        const Eigen::VectorXf gz = G.col(L.transformed);  // ∂/∂z_b of this layer's output
        Eigen::MatrixXf dOut = Eigen::MatrixXf::Zero(B, O);
        if (L.affine) {
            const Eigen::ArrayXf e = (-m_s[k].array()).exp();
            // z_b = (y_b − t)·e^{−s}; the loss also holds +s/B directly.
            G.col(L.transformed) = (gz.array() * e).matrix();
            dOut.col(2 + L.transformed) = (-gz.array() * e).matrix();
            const Eigen::ArrayXf ds = -gz.array() * m_zb[k].array() + invB;
            const Eigen::ArrayXf r = m_s[k].array() / L.clamp;
            dOut.col(L.transformed) = (ds * (1.0f - r * r)).matrix();  // s = c·tanh(raw/c)
        } else {
            dOut.col(L.transformed) = -gz;  // z_b = y_b − shift; ∂/∂y_b = gz stays in G
        }
        gW3.noalias() += dOut.transpose() * m_h2[k];
        gb3 += dOut.colwise().sum().transpose();
        const Eigen::MatrixXf d2 = ((dOut * W3).array() * (1.0f - m_h2[k].array().square())).matrix();
        gW2.noalias() += d2.transpose() * m_h1[k];
        gb2 += d2.colwise().sum().transpose();
        const Eigen::MatrixXf d1 = ((d2 * W2).array() * (1.0f - m_h1[k].array().square())).matrix();
        gW1.col(L.kept) += d1.transpose() * m_in[k];
        gb1 += d1.colwise().sum().transpose();
        G.col(L.kept) += d1 * W1.col(L.kept);
    }
    return loss;
}

FusedCouplingMl::Outcome FusedCouplingMl::step(const torch::Tensor& x) {
    Outcome out;
    out.loss = lossAndGradient(x, m_grad);
    out.applied = m_adam->step(m_theta, out.loss, m_grad);
    return out;
}

}  // namespace flowscope
