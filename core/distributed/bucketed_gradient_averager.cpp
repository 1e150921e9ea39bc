#include "distributed/bucketed_gradient_averager.h"

#include <stdexcept>

namespace flowscope {

BucketedGradientAverager::BucketedGradientAverager(c10::intrusive_ptr<CollectiveBackend> group,
                                                   std::vector<torch::Tensor> parameters)
    : m_group(std::move(group)), m_parameters(std::move(parameters)) {
    const size_t n = m_parameters.size();
    m_bucketOf.assign(n, 0);
    m_offset.assign(n, 0);
    m_arrived.assign(n, 0);
    // Backward produces the last layers' gradients first: buckets fill in reverse order.
    int64_t bytes = 0, cap = kFirstBucketBytes, elements = 0;
    for (size_t k = n; k-- > 0;) {
        const auto& p = m_parameters[k];
        if (p.scalar_type() != torch::kFloat32)
            throw std::invalid_argument("gradient averaging expects float32 parameters");
        if (m_buckets.empty() || bytes >= cap ||
            p.device() != m_parameters[m_buckets.back().members.front()].device()) {
            if (!m_buckets.empty()) {
                m_buckets.back().flat = torch::zeros({elements}, p.options().requires_grad(false));
                cap = kBucketBytes;
            }
            m_buckets.emplace_back();
            bytes = elements = 0;
        }
        m_bucketOf[k] = m_buckets.size() - 1;
        m_offset[k] = static_cast<size_t>(elements);
        m_buckets.back().members.push_back(k);
        elements += p.numel();
        bytes += p.numel() * static_cast<int64_t>(sizeof(float));
    }
    if (!m_buckets.empty())
        m_buckets.back().flat =
            torch::zeros({elements}, m_parameters[m_buckets.back().members.front()].options().requires_grad(false));
    for (size_t k = 0; k < n; ++k)
        m_hooks.push_back(m_parameters[k].register_hook([this, k](const torch::Tensor& grad) { onGradient(k, grad); }));
}

BucketedGradientAverager::~BucketedGradientAverager() {
    for (size_t k = 0; k < m_hooks.size(); ++k) m_parameters[k].remove_hook(m_hooks[k]);
    for (auto& b : m_buckets)
        if (b.work) try {
                b.work->wait();  // never free a buffer a collective still writes
            } catch (...) {
            }
}

void BucketedGradientAverager::prepare() {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto& b : m_buckets) {
        if (b.work) b.work->wait();
        b.work.reset();
        b.flat.zero_();
        b.waiting = b.members.size();
        b.redo = false;
    }
    std::fill(m_arrived.begin(), m_arrived.end(), 0);
    m_nextLaunch = 0;
    m_armed = true;
}

void BucketedGradientAverager::onGradient(size_t k, const torch::Tensor& grad) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_armed) return;
    auto& b = m_buckets[m_bucketOf[k]];
    if (++m_arrived[k] > 1) {
        // A parameter used twice in the graph: its final gradient is the sum, known only
        // after backward. Same graph on every rank, so every rank redoes the same bucket.
        b.redo = true;
        return;
    }
    b.flat.narrow(0, static_cast<int64_t>(m_offset[k]), m_parameters[k].numel()).view_as(m_parameters[k]).copy_(grad);
    --b.waiting;
    launchReadyBuckets();
}

void BucketedGradientAverager::launchReadyBuckets() {
    while (m_nextLaunch < m_buckets.size()) {
        auto& b = m_buckets[m_nextLaunch];
        if (b.waiting > 0 || b.redo) return;
        std::vector<torch::Tensor> tensors{b.flat};
        b.work = m_group->allreduce(tensors);
        ++m_nextLaunch;
    }
}

std::runtime_error BucketedGradientAverager::failedAveraging(const std::string& what) const {
    return std::runtime_error("averaging the gradients across " + std::to_string(m_group->getSize()) +
                              " processes failed (a peer stopped or timed out): " + what.substr(0, what.find('\n')));
}

void BucketedGradientAverager::finish() {
    try {
        finishReductions();
    } catch (const c10::Error& e) {
        throw failedAveraging(e.what_without_backtrace());
    } catch (const std::exception& e) {
        // Gloo's own transport errors (a peer's socket reset) reach wait() as gloo::IoException.
        throw failedAveraging(e.what());
    }
}

void BucketedGradientAverager::finishReductions() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_armed = false;
    const double world = static_cast<double>(m_group->getSize());
    for (size_t i = 0; i < m_buckets.size(); ++i) {
        auto& b = m_buckets[i];
        if (b.work) {
            b.work->wait();
            b.work.reset();
            if (!b.redo) continue;
        }
        // Not launched during backward (a gradient arrived twice or never): reduce the final
        // gradients now, in bucket order like everything else.
        for (size_t k : b.members) {
            auto slot = b.flat.narrow(0, static_cast<int64_t>(m_offset[k]), m_parameters[k].numel());
            const auto& g = m_parameters[k].grad();
            if (g.defined())
                slot.view_as(m_parameters[k]).copy_(g);
            else
                slot.zero_();
        }
        std::vector<torch::Tensor> tensors{b.flat};
        m_group->allreduce(tensors)->wait();
    }
    torch::NoGradGuard noGrad;
    for (size_t k = 0; k < m_parameters.size(); ++k) {
        auto& b = m_buckets[m_bucketOf[k]];
        auto mean = b.flat.narrow(0, static_cast<int64_t>(m_offset[k]), m_parameters[k].numel())
                        .view_as(m_parameters[k])
                        .div(world);
        auto& p = m_parameters[k];
        if (p.grad().defined())
            p.mutable_grad().copy_(mean);
        else
            p.mutable_grad() = mean.clone();
    }
}

}  // namespace flowscope
