#include "fast/fused_reverse_kl.h"

#include "flow/planar_flow.h"
#include "flow/radial_flow.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

namespace {

constexpr double kLog2Pi = 1.8378770664093453;
double softplus(double x) { return x > 30.0 ? x : std::log1p(std::exp(x)); }
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

void copyInto(double* dst, const torch::Tensor& t) {
    auto c = t.detach().to(torch::kCPU, torch::kFloat64).contiguous();
    std::copy(c.data_ptr<double>(), c.data_ptr<double>() + c.numel(), dst);
}

void copyFrom(torch::Tensor& t, const double* src) {
    torch::NoGradGuard noGrad;
    auto c = torch::from_blob(const_cast<double*>(src), t.sizes(), torch::kFloat64);
    t.copy_(c.to(t.dtype()));
}

/// Per-layer quantities that depend on the parameters only, computed once per step.
struct Derived {
    double uh0, uh1, c, onePlusC;  // planar: û, c = wᵀû and 1 + c = softplus(wᵀu) without cancellation
    double alpha, beta;            // radial
};

}  // namespace

bool FusedReverseKl::supports(FlowModelImpl& model) {
    if (model.config().dim != 2 || model.base->kind() != BaseKind::Standard || !model.device().is_cpu()) return false;
    for (const auto& layer : model.flows->layers())
        if (!dynamic_cast<PlanarFlowImpl*>(layer.get()) && !dynamic_cast<RadialFlowImpl*>(layer.get())) return false;
    return true;
}

FusedReverseKl::FusedReverseKl(FlowModelImpl& model, Energy energy, double learningRate) : m_energy(energy) {
    if (!supports(model))
        throw std::invalid_argument("FusedReverseKl: needs a 2D planar/radial stack with a standard base on the CPU");
    size_t offset = 0;
    for (const auto& layer : model.flows->layers()) {
        const bool planar = dynamic_cast<PlanarFlowImpl*>(layer.get()) != nullptr;
        m_layers.push_back({planar ? Kind::Planar : Kind::Radial, offset});
        offset += planar ? 5 : 4;
    }
    m_theta.assign(offset, 0.0);
    m_adam = std::make_unique<GuardedFlatAdam<double>>(offset, learningRate);
    readFrom(model);
    m_adam->markGood(m_theta);
}

void FusedReverseKl::readFrom(FlowModelImpl& model) {
    const auto& layers = model.flows->layers();
    for (size_t k = 0; k < m_layers.size(); ++k) {
        double* p = m_theta.data() + m_layers[k].offset;
        if (auto* pl = dynamic_cast<PlanarFlowImpl*>(layers[k].get())) {
            copyInto(p, pl->u);
            copyInto(p + 2, pl->w);
            copyInto(p + 4, pl->b);
        } else if (auto* rl = dynamic_cast<RadialFlowImpl*>(layers[k].get())) {
            copyInto(p, rl->z0);
            copyInto(p + 2, rl->alphaTilde);
            copyInto(p + 3, rl->betaTilde);
        }
    }
}

void FusedReverseKl::writeTo(FlowModelImpl& model) const {
    const auto& layers = model.flows->layers();
    if (layers.size() != m_layers.size()) throw std::invalid_argument("FusedReverseKl::writeTo: different model");
    for (size_t k = 0; k < m_layers.size(); ++k) {
        const double* p = m_theta.data() + m_layers[k].offset;
        if (auto* pl = dynamic_cast<PlanarFlowImpl*>(layers[k].get())) {
            copyFrom(pl->u, p);
            copyFrom(pl->w, p + 2);
            copyFrom(pl->b, p + 4);
        } else if (auto* rl = dynamic_cast<RadialFlowImpl*>(layers[k].get())) {
            copyFrom(rl->z0, p);
            copyFrom(rl->alphaTilde, p + 2);
            copyFrom(rl->betaTilde, p + 3);
        }
    }
}

void FusedReverseKl::poisonParametersForTest() { std::fill(m_theta.begin(), m_theta.end(), std::nan("")); }

double FusedReverseKl::lossAndGradient(const torch::Tensor& z0, double beta, std::vector<double>& gradient) {
    auto z = z0.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    if (z.dim() != 2 || z.size(1) != 2) throw std::invalid_argument("FusedReverseKl: z0 must be [B, 2]");
    return evaluate(z.data_ptr<float>(), z.size(0), beta, gradient);
}

double FusedReverseKl::evaluate(const float* z0, int64_t batch, double beta, std::vector<double>& grad) {
    const size_t K = m_layers.size();
    grad.assign(m_theta.size(), 0.0);
    std::vector<Derived> der(K);
    for (size_t k = 0; k < K; ++k) {
        const double* p = m_theta.data() + m_layers[k].offset;
        if (m_layers[k].kind == Kind::Planar) {
            const double u0 = p[0], u1 = p[1], w0 = p[2], w1 = p[3];
            const double s = w0 * u0 + w1 * u1, n = std::max(w0 * w0 + w1 * w1, 1e-12);
            const double mu = softplus(s) - 1.0 - s;
            der[k].uh0 = u0 + mu * w0 / n;
            der[k].uh1 = u1 + mu * w1 / n;
            der[k].onePlusC = softplus(s);
            der[k].c = der[k].onePlusC - 1.0;
        } else {
            der[k].alpha = softplus(p[2]);
            der[k].beta = -der[k].alpha + softplus(p[3]);
        }
    }
    // Accumulated over the batch: ∂L/∂û and ∂L/∂c (planar), ∂L/∂α and ∂L/∂β (radial); the raw
    // parameters' gradients follow through the constraints once per step, after the loop.
    std::vector<double> gUh(2 * K, 0.0), gC(K, 0.0), gAlpha(K, 0.0), gBeta(K, 0.0);
    m_zs.resize(2 * (K + 1));
    m_hs.resize(K);
    m_rs.resize(K);
    double lossSum = 0.0;
    for (int64_t i = 0; i < batch; ++i) {
        double x = z0[2 * i], y = z0[2 * i + 1];
        double logq = -0.5 * (x * x + y * y) - kLog2Pi;
        for (size_t k = 0; k < K; ++k) {
            m_zs[2 * k] = x;
            m_zs[2 * k + 1] = y;
            const double* p = m_theta.data() + m_layers[k].offset;
            const Derived& d = der[k];
            if (m_layers[k].kind == Kind::Planar) {
                const double h = std::tanh(p[2] * x + p[3] * y + p[4]);
                m_hs[k] = h;
                logq -= std::log(h * h + d.onePlusC * (1.0 - h * h));
                x += d.uh0 * h;
                y += d.uh1 * h;
            } else {
                const double dx = x - p[0], dy = y - p[1];
                const double r = std::sqrt(dx * dx + dy * dy);
                const double h = 1.0 / (d.alpha + r);
                m_hs[k] = h;
                m_rs[k] = r;
                logq -= std::log1p(d.beta * h) + std::log1p(d.beta * d.alpha * h * h);
                x += d.beta * h * dx;
                y += d.beta * h * dy;
            }
        }
        double gx, gy;
        const double u = m_energy.evaluate(x, y, &gx, &gy);
        lossSum += logq + beta * u;
        gx *= beta;
        gy *= beta;
        for (size_t k = K; k-- > 0;) {
            const double zx = m_zs[2 * k], zy = m_zs[2 * k + 1];
            double* g = grad.data() + m_layers[k].offset;
            const double* p = m_theta.data() + m_layers[k].offset;
            const Derived& d = der[k];
            if (m_layers[k].kind == Kind::Planar) {
                // y = z + û h(a), a = wᵀz + b; the loss holds −log|1 + c(1 − h²)|.
                const double h = m_hs[k], sech2 = 1.0 - h * h, D = h * h + d.onePlusC * sech2;
                gUh[2 * k] += gx * h;
                gUh[2 * k + 1] += gy * h;
                gC[k] += -sech2 / D;
                const double dh = gx * d.uh0 + gy * d.uh1 + 2.0 * d.c * h / D;
                const double da = dh * sech2;
                g[2] += da * zx;
                g[3] += da * zy;
                g[4] += da;
                gx += da * p[2];
                gy += da * p[3];
            } else {
                // y = z + βh(r) d, d = z − z0; the loss holds −log(1 + βh) − log(1 + βαh²).
                const double h = m_hs[k], r = m_rs[k];
                const double dx = zx - p[0], dy = zy - p[1];
                const double P = 1.0 + d.beta * h, Q = 1.0 + d.beta * d.alpha * h * h;
                const double gd = gx * dx + gy * dy;
                gBeta[k] += h * gd - (h / P + d.alpha * h * h / Q);
                const double dLdh = d.beta * gd - (d.beta / P + 2.0 * d.beta * d.alpha * h / Q);
                gAlpha[k] += -h * h * dLdh - d.beta * h * h / Q;
                const double dLdr = -h * h * dLdh;
                const double radial = r > 0.0 ? dLdr / r : 0.0;
                const double gdx = d.beta * h * gx + radial * dx;
                const double gdy = d.beta * h * gy + radial * dy;
                g[0] -= gdx;
                g[1] -= gdy;
                gx += gdx;
                gy += gdy;
            }
        }
    }
    // Through the constraints to the raw parameters.
    for (size_t k = 0; k < K; ++k) {
        double* g = grad.data() + m_layers[k].offset;
        const double* p = m_theta.data() + m_layers[k].offset;
        const Derived& d = der[k];
        if (m_layers[k].kind == Kind::Planar) {
            const double u0 = p[0], u1 = p[1], w0 = p[2], w1 = p[3];
            // c = wᵀû: ∂c/∂û = w, ∂c/∂w = û.
            const double G0 = gUh[2 * k] + gC[k] * w0, G1 = gUh[2 * k + 1] + gC[k] * w1;
            g[2] += gC[k] * d.uh0;
            g[3] += gC[k] * d.uh1;
            // û = u + μ w/n, μ = m(s) − s, s = wᵀu, n = ‖w‖², m'(s) = σ(s).
            const double s = w0 * u0 + w1 * u1, n = std::max(w0 * w0 + w1 * w1, 1e-12);
            const double mu = softplus(s) - 1.0 - s, dmu = sigmoid(s) - 1.0;
            const double Gw = G0 * w0 + G1 * w1;  // Gᵀw
            g[0] += G0 + dmu * Gw * w0 / n;
            g[1] += G1 + dmu * Gw * w1 / n;
            g[2] += dmu * Gw * u0 / n + mu * (G0 / n - 2.0 * Gw * w0 / (n * n));
            g[3] += dmu * Gw * u1 / n + mu * (G1 / n - 2.0 * Gw * w1 / (n * n));
        } else {
            // α = softplus(α̃), β = −α + softplus(β̃).
            g[2] += sigmoid(p[2]) * (gAlpha[k] - gBeta[k]);
            g[3] += sigmoid(p[3]) * gBeta[k];
        }
    }
    const double inv = 1.0 / static_cast<double>(batch);
    for (double& v : grad) v *= inv;
    return lossSum * inv;
}

FusedReverseKl::Outcome FusedReverseKl::step(const torch::Tensor& z0, double beta) {
    Outcome out;
    out.loss = lossAndGradient(z0, beta, m_grad);
    out.applied = m_adam->step(m_theta, out.loss, m_grad);
    return out;
}

}  // namespace flowscope
