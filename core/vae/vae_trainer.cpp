#include "vae/vae_trainer.h"

#include "flow/module_state.h"
#include "util/adam_state.h"
#include "util/device.h"
#include "util/random.h"
#include "vae/binarised_images.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace flowscope {

void validate(const VaeTrainConfig& c) {
    auto fail = [](const std::string& m) { throw std::invalid_argument(m); };
    if (c.batch < 1 || c.batch > 4096) fail("batch must be between 1 and 4096, got " + std::to_string(c.batch));
    if (c.steps < 0) fail("steps must be non-negative");
    if (c.samples < 1 || c.samples > 1024) fail("samples per image must be between 1 and 1024");
    if (c.batch * c.samples > 65536)
        fail("batch × samples must be at most 65536 (each is a decoded image per step), got " +
             std::to_string(c.batch * c.samples));
    if (!(c.learningRate > 0) || c.learningRate > 1) fail("learning rate must be in (0, 1]");
    if (c.annealSteps < 0) fail("annealing steps must be non-negative");
    if (!(c.maxGradNorm > 0)) fail("the gradient-norm clip must be positive");
    if (c.checkpointEvery < 0) fail("checkpoint interval must be non-negative");
}

VaeTrainer::VaeTrainer(VaeModel model, torch::Tensor grey, VaeTrainConfig config)
    : m_model(std::move(model)),
      m_grey(std::move(grey)),
      m_config(std::move(config)),
      m_gen(makeGenerator(m_config.seed)) {
    validate(m_config);
    const int64_t dim = m_model->config().dataDim();
    if (m_grey.dim() != 2 || m_grey.size(0) < 1 || m_grey.size(1) != dim)
        throw std::invalid_argument("the training images must be [N, " + std::to_string(dim) + "] grey levels, got " +
                                    std::to_string(m_grey.dim()) + " dimensions");
    m_grey = m_grey.to(torch::kCPU, torch::kFloat32).contiguous();
    m_device = resolveDevice(m_config.device, /*preferCudaForAuto=*/true);
    m_model->to(m_device);
    m_model->train();
    m_optimizer =
        std::make_unique<torch::optim::Adam>(m_model->parameters(), torch::optim::AdamOptions(m_config.learningRate));
    m_rollback = std::make_unique<ModuleRollback>(*m_model);
}

VaeTrainer::~VaeTrainer() = default;

VaeTrainer::StepResult VaeTrainer::step() {
    auto index = torch::randint(m_grey.size(0), {m_config.batch}, m_gen, torch::kInt64);
    auto x = binarise(m_grey.index_select(0, index), m_gen).to(m_device);
    ++m_step;
    const double beta = annealedWeight(m_step, m_config.annealSteps);
    auto terms = flowElboTerms(m_model->encode(x), m_model->likelihoodOf(x), m_config.samples, m_gen);
    auto loss = flowElboLoss(terms, beta);
    const double elbo = terms.elbo().mean().item<double>();
    m_optimizer->zero_grad();
    bool finite = std::isfinite(elbo) && std::isfinite(loss.item<double>());
    if (finite) {
        loss.backward();
        finite = std::isfinite(torch::nn::utils::clip_grad_norm_(m_model->parameters(), m_config.maxGradNorm));
    }
    if (!m_rollback->settle(finite, [this] { m_optimizer->step(); })) {
        m_optimizer->zero_grad();
        ++m_rolledBack;
        return {elbo, false};
    }
    m_emaElbo = m_emaSteps++ == 0 ? elbo : 0.98 * m_emaElbo + 0.02 * elbo;
    return {elbo, true};
}

VaeProgress VaeTrainer::runChunk(const ChunkLimits& limits) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    if (!m_rateFrom) m_rateFrom.emplace(start, m_step);
    const int64_t until = limits.lastStep(m_config.steps);
    VaeProgress p;
    StepResult r{m_emaElbo, true};
    while (m_step < until && !limits.raised()) {
        r = step();
        p.checkpointDue = m_config.checkpointEvery > 0 && m_step % m_config.checkpointEvery == 0;
        if (!r.applied || p.checkpointDue || limits.spent(start)) break;
    }
    p.step = m_step;
    p.total = m_config.steps;
    p.elbo = r.elbo;
    p.averageElbo = m_emaElbo;
    p.beta = annealedWeight(m_step, m_config.annealSteps);
    p.rolledBack = m_rolledBack;
    const double secs = std::chrono::duration<double>(Clock::now() - m_rateFrom->first).count();
    const int64_t done = m_step - m_rateFrom->second;
    p.stepsPerSecond = secs > 0 ? static_cast<double>(done) / secs : 0.0;
    p.etaSeconds = done > 0 ? secs / static_cast<double>(done) * static_cast<double>(m_config.steps - m_step) : 0.0;
    if (!r.applied)
        p.event = "non-finite loss or gradient at step " + std::to_string(m_step) +
                  ": update skipped, last good parameters restored";
    p.finished = m_step >= m_config.steps;
    return p;
}

VaeProgress VaeTrainer::run(const std::atomic<bool>* stop, const std::function<void(const VaeProgress&)>& onProgress,
                            const std::function<void(VaeTrainer&)>& onCheckpoint, double reportSeconds) {
    VaeProgress p;
    while (m_step < m_config.steps && !(stop && stop->load())) {
        p = runChunk({reportSeconds, -1, stop, nullptr});
        if (onCheckpoint && p.checkpointDue) onCheckpoint(*this);
        if (onProgress) onProgress(p);
    }
    return p;
}

std::map<std::string, torch::Tensor> VaeTrainer::trainingState() const {
    auto out = adamState(*m_optimizer, m_model->parameters());
    out["step"] = torch::full({1}, m_step, torch::kInt64);
    out["generator"] = m_gen.get_state().clone();
    return out;
}

void VaeTrainer::restoreTrainingState(const std::map<std::string, torch::Tensor>& saved) {
    auto it = saved.find("step");
    if (it == saved.end() || it->second.numel() != 1 || it->second.item<int64_t>() < 0)
        throw std::invalid_argument("the checkpoint holds no training step");
    restoreAdamState(*m_optimizer, m_model->parameters(), saved);
    auto g = saved.find("generator");
    const auto expected = m_gen.get_state();
    if (g == saved.end() || g->second.scalar_type() != torch::kUInt8 || !g->second.sizes().equals(expected.sizes()))
        throw std::invalid_argument(
            "the checkpoint's random-generator state is missing or not one this build can restore");
    m_gen.set_state(g->second.contiguous());
    m_step = it->second.item<int64_t>();
    m_rollback->markGood();
    m_rateFrom.reset();
}

void VaeTrainer::poisonParameters() {
    torch::NoGradGuard noGrad;
    for (auto& p : m_model->parameters()) p.fill_(std::numeric_limits<float>::quiet_NaN());
}

}  // namespace flowscope
