#include "glow/invertible_conv.h"

#include "glow/tensor_versions.h"
#include "util/random.h"

namespace flowscope {

namespace {

/// A random rotation: Q of the QR decomposition of a Gaussian matrix.
torch::Tensor randomRotation(int64_t c, uint64_t seed) {
    auto gen = makeGenerator(seed);
    auto a = torch::randn({c, c}, gen, torch::kFloat64);
    return std::get<0>(torch::linalg_qr(a));
}

}  // namespace

std::pair<torch::Tensor, torch::Tensor> InvertibleConv::encode(const torch::Tensor& x) {
    auto w = weight();
    auto y = torch::nn::functional::conv2d(x, w.view({w.size(0), w.size(1), 1, 1}));
    const double hw = static_cast<double>(x.size(2) * x.size(3));
    return {y, (hw * logAbsDet()).expand({x.size(0)})};
}

torch::Tensor InvertibleConv::decode(const torch::Tensor& y) {
    auto versions = versionKey(sources());
    if (!m_inverse.defined() || versions != m_versions || m_inverse.device() != y.device() ||
        m_inverse.scalar_type() != y.scalar_type()) {
        torch::NoGradGuard noGrad;
        m_inverse = torch::inverse(weight().detach().to(torch::kFloat64)).to(y.scalar_type());
        m_inverse = m_inverse.view({m_inverse.size(0), m_inverse.size(1), 1, 1}).to(y.device());
        m_versions = versions;
    }
    return torch::nn::functional::conv2d(y, m_inverse);
}

InvConvLUImpl::InvConvLUImpl(int64_t c, uint64_t seed) {
    auto q = randomRotation(c, seed);
    auto [p, l, u] = torch::linalg_lu(q);
    auto s = torch::diagonal(u);
    auto upper = torch::triu(torch::ones({c, c}, torch::kFloat64), 1);
    w_p = register_buffer("w_p", p.to(torch::kFloat32));
    u_mask = register_buffer("u_mask", upper.to(torch::kFloat32));
    l_mask = register_buffer("l_mask", upper.t().contiguous().to(torch::kFloat32));
    s_sign = register_buffer("s_sign", torch::sign(s).to(torch::kFloat32));
    l_eye = register_buffer("l_eye", torch::eye(c, torch::kFloat32));
    w_l = register_parameter("w_l", l.to(torch::kFloat32));
    w_s = register_parameter("w_s", torch::log(torch::abs(s)).to(torch::kFloat32));
    w_u = register_parameter("w_u", torch::triu(u, 1).to(torch::kFloat32));
}

torch::Tensor InvConvLUImpl::weight() const {
    return w_p.matmul(w_l * l_mask + l_eye).matmul(w_u * u_mask + torch::diag(s_sign * torch::exp(w_s)));
}

InvConvPlainImpl::InvConvPlainImpl(int64_t c, uint64_t seed) {
    weight4d = register_parameter("weight", randomRotation(c, seed).to(torch::kFloat32).view({c, c, 1, 1}));
}

torch::Tensor InvConvPlainImpl::logAbsDet() const {
    // As glow-pytorch: slogdet in double, back to the parameter's type.
    return std::get<1>(torch::linalg_slogdet(weight().to(torch::kFloat64))).to(weight4d.scalar_type());
}

ChannelPermutationImpl::ChannelPermutationImpl(int64_t c, bool shuffle, uint64_t seed) {
    torch::Tensor order;
    if (shuffle) {
        auto gen = makeGenerator(seed);
        order = torch::randperm(c, gen, torch::kLong);
    } else {
        order = torch::arange(c - 1, -1, -1, torch::kLong);
    }
    indices = register_buffer("indices", order);
}

// Module::to(dtype) converts buffers too, so the indices are cast back to integers where used.
std::pair<torch::Tensor, torch::Tensor> ChannelPermutationImpl::encode(const torch::Tensor& x) {
    return {x.index_select(1, indices.to(x.device(), torch::kLong)), torch::zeros({x.size(0)}, x.options())};
}

torch::Tensor ChannelPermutationImpl::decode(const torch::Tensor& y) {
    // The inverse permutation: inverse[indices[c]] = c.
    const auto order = indices.to(torch::kCPU, torch::kLong);
    auto inverse = torch::empty_like(order);
    inverse.index_put_({order}, torch::arange(order.size(0), order.options()));
    return y.index_select(1, inverse.to(y.device()));
}

torch::Tensor ChannelPermutationImpl::weight() const {
    const auto order = indices.to(torch::kLong);
    const int64_t c = order.size(0);
    auto w = torch::zeros({c, c}, torch::TensorOptions().dtype(torch::kFloat32).device(order.device()));
    w.index_put_({torch::arange(c, order.options()), order}, 1.0f);
    return w;
}

bool isPermutation(const torch::Tensor& indices) {
    if (!indices.defined() || indices.dim() != 1 || indices.is_floating_point() || indices.numel() == 0) return false;
    auto i = indices.to(torch::kCPU, torch::kLong);
    const int64_t c = i.size(0);
    if (i.min().item<int64_t>() < 0 || i.max().item<int64_t>() >= c) return false;
    return torch::bincount(i, {}, c).eq(1).all().item<bool>();
}

}  // namespace flowscope
