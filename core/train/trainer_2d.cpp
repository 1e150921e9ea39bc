#include "train/trainer_2d.h"

#include "fast/fused_coupling_ml.h"
#include "fast/fused_reverse_kl.h"
#include "flow/module_state.h"
#include "util/device.h"
#include "util/random.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace flowscope {

Trainer2D::Trainer2D(FlowModel model, TrainingTarget target, TrainConfig config)
    : m_model(std::move(model)),
      m_target(std::move(target)),
      m_config(std::move(config)),
      m_gen(makeGenerator(m_config.seed)) {
    validate(m_config);
    if (m_target.isEnergy() && m_model->config().dim != 2)
        throw std::invalid_argument("the 2D energies need a 2-dimensional flow, got dimension " +
                                    std::to_string(m_model->config().dim));
    if (!m_target.isEnergy() && m_model->config().base == BaseKind::Uniform)
        throw std::invalid_argument(
            "a uniform base gives zero density to every point its flow maps outside the box, so maximum "
            "likelihood on data cannot start from it; fit data sets on a Gaussian base");
    m_device = resolveDevice(m_config.device, /*preferCudaForAuto=*/false);
    m_model->to(m_device);
    m_model->train();
    if (m_config.allowFused && m_target.isEnergy() && FusedReverseKl::supports(*m_model)) {
        m_fused = std::make_unique<FusedReverseKl>(*m_model, m_target.energy(), m_config.learningRate);
    } else if (m_config.allowFused && !m_target.isEnergy() && FusedCouplingMl::supports(*m_model)) {
        m_fusedMl = std::make_unique<FusedCouplingMl>(*m_model, m_config.learningRate);
    } else {
        m_optimizer = std::make_unique<torch::optim::Adam>(m_model->parameters(),
                                                           torch::optim::AdamOptions(m_config.learningRate));
        m_rollback = std::make_unique<ModuleRollback>(*m_model);
    }
}

Trainer2D::~Trainer2D() = default;

Trainer2D::StepResult Trainer2D::step() {
    ++m_step;
    const double beta = m_target.isEnergy() ? annealingBeta(m_config, m_step) : 1.0;
    StepResult result;
    if (m_fused) {
        auto z0 = m_model->base->sample(m_config.batch, m_gen, torch::kCPU);
        auto outcome = m_fused->step(z0, beta);
        result = {outcome.loss, beta, outcome.applied};
    } else if (m_fusedMl) {
        auto outcome = m_fusedMl->step(m_target.sampler().sample(m_config.batch, m_gen));
        result = {outcome.loss, beta, outcome.applied};
    } else {
        result = plainStep(beta);
    }
    if (!result.applied) ++m_rolledBack;
    m_lastLoss = result.loss;
    return result;
}

Trainer2D::StepResult Trainer2D::plainStep(double beta) {
    torch::Tensor loss;
    if (m_target.isEnergy()) {
        auto s = m_model->sample(m_config.batch, m_gen);
        loss = (s.logq + beta * m_target.energy()(s.x)).mean();
    } else {
        auto x = m_target.sampler().sample(m_config.batch, m_gen).to(m_device);
        loss = -m_model->logProb(x).mean();
    }
    m_optimizer->zero_grad();
    const double value = loss.item<double>();
    bool finite = std::isfinite(value);
    if (finite) {
        loss.backward();
        finite = allFinite(*m_model, /*checkGradients=*/true);
    }
    if (!m_rollback->settle(finite, [this] { m_optimizer->step(); })) {
        m_optimizer->zero_grad();
        return {value, beta, false};
    }
    return {value, beta, true};
}

Evaluation Trainer2D::evaluate() {
    FlowModel model = this->model();
    torch::NoGradGuard noGrad;
    const bool wasTraining = model->is_training();
    model->eval();
    // A fixed stream, so successive evaluations differ only because the model did.
    auto gen = makeGenerator(deriveSeed(m_config.seed, 0xE7A1));
    const int64_t n = m_config.evalSamples;
    const int64_t chunk = 8192;
    Evaluation ev;
    if (m_target.isEnergy()) {
        std::vector<torch::Tensor> logws;
        double sum = 0.0;
        for (int64_t done = 0; done < n; done += chunk) {
            const int64_t m = std::min(chunk, n - done);
            auto s = model->sample(m, gen);
            auto u = m_target.energy()(s.x);
            sum += (s.logq + u).sum().item<double>();
            logws.push_back((-u - s.logq).to(torch::kFloat64).cpu());
        }
        auto logw = torch::cat(logws);
        ev.kl = sum / static_cast<double>(n) + m_target.energy().logZ();
        const double a = torch::logsumexp(logw, 0).item<double>();
        const double b = torch::logsumexp(2.0 * logw, 0).item<double>();
        ev.ess = std::exp(2.0 * a - b) / static_cast<double>(n);
    } else {
        double sum = 0.0;
        for (int64_t done = 0; done < n; done += chunk) {
            const int64_t m = std::min(chunk, n - done);
            auto x = m_target.sampler().sample(m, gen).to(m_device);
            sum += model->logProb(x).sum().item<double>();
        }
        ev.nll = -sum / static_cast<double>(n);
    }
    if (wasTraining) model->train();
    return ev;
}

FlowModel Trainer2D::model() {
    if (m_fused) m_fused->writeTo(*m_model);
    if (m_fusedMl) m_fusedMl->writeTo(*m_model);
    return m_model;
}

void Trainer2D::parametersEdited() {
    if (m_fused) m_fused->readFrom(*m_model);
    if (m_fusedMl) m_fusedMl->readFrom(*m_model);
}

void Trainer2D::extendBy(int64_t steps) {
    if (steps < 0) throw std::invalid_argument("extendBy: negative step count");
    if (m_config.anneal && m_config.annealSteps == 0)
        m_config.annealSteps =
            std::max<int64_t>(1, std::llround(m_config.annealFraction * static_cast<double>(m_config.steps)));
    m_config.steps += steps;
}

void Trainer2D::poisonParameters() {
    if (m_fused) {
        m_fused->poisonParametersForTest();
        return;
    }
    if (m_fusedMl) {
        m_fusedMl->poisonParametersForTest();
        return;
    }
    torch::NoGradGuard noGrad;
    for (auto& p : m_model->parameters()) p.fill_(std::nan(""));
}

Trainer2D::ChunkResult Trainer2D::runChunk(const ChunkLimits& limits) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const int64_t until = limits.lastStep(m_config.steps);
    ChunkResult r;
    r.last = {m_lastLoss, 1.0, true};
    while (m_step < until && !limits.raised()) {
        r.last = step();
        ++r.steps;
        if (!r.last.applied) {
            r.event = "non-finite loss or gradient at step " + std::to_string(m_step) +
                      ": update skipped, last good parameters restored";
            break;
        }
        if (limits.spent(start)) break;
    }
    r.finished = m_step >= m_config.steps;
    r.interrupted = limits.raised();
    return r;
}

TrainProgress Trainer2D::run(const std::atomic<bool>* stop, const std::function<void(const TrainProgress&)>& onProgress,
                             double reportSeconds, int64_t evalEvery) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    TrainProgress p;
    p.totalSteps = m_config.steps;
    auto fill = [&](const StepResult& r) {
        p.step = m_step;
        p.loss = r.loss;
        p.beta = r.beta;
        p.rolledBack = m_rolledBack;
        p.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    };
    StepResult last{m_lastLoss, 1.0, true};
    while (m_step < m_config.steps && !(stop && stop->load())) {
        // A chunk ends at the next evaluation point, so evaluations land on multiples of evalEvery.
        const int64_t until =
            evalEvery > 0 ? std::min(m_config.steps, (m_step / evalEvery + 1) * evalEvery) : m_config.steps;
        const ChunkResult chunk = runChunk({reportSeconds, until, stop, nullptr});
        if (chunk.steps == 0) break;
        last = chunk.last;
        p.evaluation.reset();
        p.event = chunk.event;
        if (evalEvery > 0 && m_step % evalEvery == 0) p.evaluation = evaluate();
        if (onProgress) {
            fill(last);
            onProgress(p);
        }
    }
    fill(last);
    p.event.clear();
    p.evaluation = evaluate();
    if (onProgress) onProgress(p);
    return p;
}

}  // namespace flowscope
