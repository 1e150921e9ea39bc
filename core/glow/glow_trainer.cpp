#include "glow/glow_trainer.h"

#include "flow/module_state.h"
#include "glow/act_norm_2d.h"
#include "glow/quantization.h"
#include "util/adam_state.h"
#include "util/device.h"
#include "util/fused_adam.h"
#include "util/random.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace flowscope {

void validate(const GlowTrainConfig& c) {
    auto fail = [](const std::string& m) { throw std::invalid_argument(m); };
    if (c.batch < 1 || c.batch > 4096) fail("batch must be between 1 and 4096, got " + std::to_string(c.batch));
    if (c.iterations < 0) fail("iterations must be non-negative");
    if (!(c.learningRate > 0) || c.learningRate > 1) fail("learning rate must be in (0, 1]");
    if (c.warmup < 0) fail("warm-up must be non-negative");
    if (!(c.maxGradNorm > 0)) fail("the gradient-norm clip must be positive");
    if (c.previewCount < 1 || c.previewCount > 256) fail("preview count must be between 1 and 256");
}

GlowTrainer::GlowTrainer(GlowModel model, std::shared_ptr<GlowDataSource> data, GlowTrainConfig config,
                         std::shared_ptr<Collective> group)
    : m_model(std::move(model)),
      m_data(std::move(data)),
      m_config(std::move(config)),
      m_gen(makeGenerator(m_config.seed)),
      m_group(std::move(group)) {
    validate(m_config);
    const auto& mc = m_model->config();
    if (m_data->channels() != mc.inChannels || m_data->imageSize() != mc.imageSize)
        throw std::invalid_argument("the data has " + std::to_string(m_data->channels()) + "×" +
                                    std::to_string(m_data->imageSize()) + "² images but the model expects " +
                                    std::to_string(mc.inChannels) + "×" + std::to_string(mc.imageSize) + "²");
    m_device = resolveDevice(m_config.device, /*preferCudaForAuto=*/true);
    m_model->to(m_device);
    m_model->train();
    m_optimizer =
        std::make_unique<torch::optim::Adam>(m_model->parameters(), torch::optim::AdamOptions(m_config.learningRate));
    if (m_group) {
        auto sum = [group = m_group](std::vector<torch::Tensor>& t) { group->allReduceSum(t); };
        for (const auto& m : m_model->modules(/*include_self=*/false))
            if (auto* actNorm = dynamic_cast<ActNorm2dImpl*>(m.get())) actNorm->setGroupSum(sum);
        // Rank 0's model (fresh or resumed) is everyone's.
        torch::NoGradGuard noGrad;
        auto state = m_model->parameters();
        for (auto& b : m_model->buffers()) state.push_back(b);
        m_group->broadcast(state, 0);
        m_averager = m_group->gradientAverager(m_model->parameters());
    }
    m_rollback = std::make_unique<ModuleRollback>(*m_model);
}

double GlowTrainer::groupMean(double value) {
    if (!m_group) return value;
    std::vector<torch::Tensor> t{torch::full({1}, value, torch::TensorOptions(m_device).dtype(torch::kFloat64))};
    m_group->allReduceSum(t);
    return t[0].item<double>() / static_cast<double>(m_group->worldSize());
}

GlowTrainer::~GlowTrainer() {
    // The model may outlive this trainer (and its group): its ActNorms go back to local statistics.
    if (m_group)
        for (const auto& m : m_model->modules(/*include_self=*/false))
            if (auto* actNorm = dynamic_cast<ActNorm2dImpl*>(m.get())) actNorm->setGroupSum(nullptr);
}

void GlowTrainer::clearGradients() {
    // Undefined rather than zeroed: backward then hands each gradient over instead of adding it
    // to zeros, and no pass fills them (every Glow parameter gets a gradient each step).
    for (auto& p : m_model->parameters()) p.mutable_grad().reset();
}

GlowTrainer::StepResult GlowTrainer::step() {
    const auto& mc = m_model->config();
    // One global batch for the group, drawn alike on every rank; this rank takes its rows.
    const int64_t global = m_config.batch * groupSize();
    const int64_t first = m_config.batch * (m_group ? m_group->rank() : 0);
    auto x = quantizeImages(m_data->shard(global, m_gen, first, first + m_config.batch), mc.nBits);
    if (m_config.flip) x = randomHorizontalFlip(x, m_gen, global, first);
    x = dequantize(x, mc.nBits, m_gen, global, first).to(m_device);
    ++m_step;
    const double lr =
        m_config.learningRate * std::min(1.0, static_cast<double>(m_step) / std::max<int64_t>(1, m_config.warmup));
    for (auto& group : m_optimizer->param_groups()) static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);

    auto e = m_model->encode(x);
    auto bpd = GlowModelImpl::bitsPerDim(e.logP, e.logdet, mc).mean();
    clearGradients();
    const double value = groupMean(bpd.item<double>());  // non-finite on every rank if on any
    bool finite = std::isfinite(value);
    if (finite) {
        if (m_averager) m_averager->prepare();
        bpd.backward();
        if (m_averager) m_averager->finish();
        const double norm = torch::nn::utils::clip_grad_norm_(m_model->parameters(), m_config.maxGradNorm);
        finite = groupMean(std::isfinite(norm) ? 0.0 : 1.0) == 0.0;
    }
    if (!m_rollback->settle(finite, [this] { fusedAdamStep(*m_optimizer); })) {
        clearGradients();
        ++m_rolledBack;
        return {value, false};
    }
    m_emaBpd = m_emaSteps++ == 0 ? value : 0.95 * m_emaBpd + 0.05 * value;  // a resumed run starts afresh
    return {value, true};
}

torch::Tensor GlowTrainer::preview(int64_t n, double temperature) {
    torch::NoGradGuard noGrad;
    const bool wasTraining = m_model->is_training();
    m_model->eval();
    auto gen = makeGenerator(deriveSeed(m_config.seed, 0x9E7));  // the same noise every preview
    auto x = m_model->sample(n, {temperature}, gen);
    m_model->train(wasTraining);
    return toUnitRange(x).to(torch::kCPU);
}

GlowProgress GlowTrainer::runChunk(const ChunkLimits& limits) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    if (!m_rateFrom) m_rateFrom.emplace(start, m_step);
    const int64_t until = limits.lastStep(m_config.iterations);
    GlowProgress p;
    StepResult r{m_emaBpd, true};
    bool previewDue = false;
    while (m_step < until && !limits.raised()) {
        r = step();
        previewDue = m_config.previewEvery > 0 && m_step % m_config.previewEvery == 0;
        p.checkpointDue = m_config.checkpointEvery > 0 && m_step % m_config.checkpointEvery == 0;
        if (!r.applied || previewDue || p.checkpointDue) break;
        if (limits.spent(start)) break;
    }
    p.step = m_step;
    p.total = m_config.iterations;
    p.bitsPerDim = r.bitsPerDim;
    p.averageBitsPerDim = m_emaBpd;
    p.rolledBack = m_rolledBack;
    p.learningRate =
        m_config.learningRate * std::min(1.0, static_cast<double>(m_step) / std::max<int64_t>(1, m_config.warmup));
    const double secs = std::chrono::duration<double>(Clock::now() - m_rateFrom->first).count();
    const int64_t done = m_step - m_rateFrom->second;
    p.imagesPerSecond = secs > 0 ? static_cast<double>(done * m_config.batch * groupSize()) / secs : 0.0;
    p.etaSeconds =
        done > 0 ? secs / static_cast<double>(done) * static_cast<double>(m_config.iterations - m_step) : 0.0;
    if (!r.applied)
        p.event = "non-finite loss or gradient at step " + std::to_string(m_step) +
                  ": update skipped, last good parameters restored";
    if (previewDue) p.preview = preview(m_config.previewCount, m_config.previewTemperature);
    p.finished = m_step >= m_config.iterations;
    return p;
}

GlowProgress GlowTrainer::run(const std::atomic<bool>* stop, const std::function<void(const GlowProgress&)>& onProgress,
                              const std::function<void(GlowTrainer&)>& onCheckpoint, double reportSeconds) {
    GlowProgress p;
    while (m_step < m_config.iterations && !(stop && stop->load())) {
        p = runChunk({reportSeconds, -1, stop, nullptr});
        if (onCheckpoint && p.checkpointDue) onCheckpoint(*this);
        if (onProgress) onProgress(p);
    }
    return p;
}

std::map<std::string, torch::Tensor> GlowTrainer::trainingState() const {
    std::map<std::string, torch::Tensor> out;
    out["step"] = torch::full({1}, m_step, torch::kInt64);
    // The batch order and dequantisation noise come from this generator: saving it is what
    // makes an interrupted and resumed run equal an uninterrupted one.
    out["generator"] = m_gen.get_state().clone();
    for (auto& [key, value] : adamState(*m_optimizer, m_model->parameters())) out[key] = value;
    return out;
}

void GlowTrainer::restoreTrainingState(const std::map<std::string, torch::Tensor>& saved) {
    auto it = saved.find("step");
    if (it == saved.end() || it->second.numel() != 1)
        throw std::invalid_argument("the checkpoint holds no training step");
    restoreAdamState(*m_optimizer, m_model->parameters(), saved);
    m_step = it->second.item<int64_t>();
    if (auto g = saved.find("generator"); g != saved.end()) {
        // Older checkpoints hold no generator state; they resume with a fresh batch order.
        const auto expected = m_gen.get_state();
        if (g->second.scalar_type() != torch::kUInt8 || !g->second.sizes().equals(expected.sizes()))
            throw std::invalid_argument("the checkpoint's random-generator state is not one this build can restore");
        m_gen.set_state(g->second.contiguous());
    }
    m_rollback->markGood();
    m_rateFrom.reset();
}

double GlowTrainer::currentLearningRate() const {
    return static_cast<const torch::optim::AdamOptions&>(m_optimizer->param_groups().front().options()).lr();
}

void GlowTrainer::poisonParameters() {
    torch::NoGradGuard noGrad;
    for (auto& p : m_model->parameters()) p.fill_(std::nan(""));
}

}  // namespace flowscope
