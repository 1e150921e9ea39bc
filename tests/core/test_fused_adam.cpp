// fusedAdamStep against LibTorch's own torch::optim::Adam::step(): the same parameters, moments
// and step counts after many steps of random gradients, on contiguous and channels-last
// parameters, with the learning rate changing between steps (the trainers' warm-up) and state
// restored from a checkpoint in another layout.
#include "util/adam_state.h"
#include "util/fused_adam.h"

#include <QtTest>
#include <torch/torch.h>

using namespace flowscope;

namespace {

std::vector<torch::Tensor> makeParameters() {
    torch::manual_seed(3);
    return {torch::randn({64, 6, 3, 3}).contiguous(torch::MemoryFormat::ChannelsLast).requires_grad_(),
            torch::randn({1, 12, 1, 1}).requires_grad_(), torch::randn({257}).requires_grad_(),
            torch::randn({12, 12}).requires_grad_(), torch::randn({5}).requires_grad_()};
}

std::vector<torch::Tensor> cloneParameters(const std::vector<torch::Tensor>& ps) {
    std::vector<torch::Tensor> out;
    for (const auto& p : ps) out.push_back(p.detach().clone().requires_grad_());
    return out;
}

/// Gives every parameter but the last the same random gradient in both sets (the last has none).
void setGradients(std::vector<torch::Tensor>& a, std::vector<torch::Tensor>& b, int step) {
    auto gen = at::make_generator<at::CPUGeneratorImpl>(100 + step);
    for (size_t i = 0; i + 1 < a.size(); ++i) {
        auto g = torch::randn(a[i].sizes(), gen) * (i == 2 ? 1e-4 : 1.0);
        a[i].mutable_grad() = g.contiguous(a[i].suggest_memory_format());
        // As reductions hand them over: the same memory, other strides on the size-1 dimensions.
        if (i == 1) a[i].mutable_grad() = a[i].grad().as_strided(a[i].sizes(), {1, 1, 7, 3});
        b[i].mutable_grad() = g.clone().contiguous(b[i].suggest_memory_format());
    }
}

double worstRelative(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
    double worst = 0;
    for (size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, ((a[i] - b[i]).abs().max() / b[i].abs().max().clamp_min(1e-30)).item<double>());
    return worst;
}

std::vector<torch::Tensor> moments(torch::optim::Adam& o, const std::vector<torch::Tensor>& ps, bool second) {
    std::vector<torch::Tensor> out;
    for (size_t i = 0; i + 1 < ps.size(); ++i) {
        auto& s = adamParamState(o, ps[i]);
        out.push_back(second ? s.exp_avg_sq() : s.exp_avg());
    }
    return out;
}

}  // namespace

class TestFusedAdam : public QObject {
    Q_OBJECT

private slots:
    void matchesLibTorchsAdamStepAfterStep() {
        auto fused = makeParameters();
        auto plain = cloneParameters(fused);
        torch::optim::Adam a(fused, torch::optim::AdamOptions(1e-3));
        torch::optim::Adam b(plain, torch::optim::AdamOptions(1e-3));
        const auto untouched = fused.back().detach().clone();
        for (int step = 1; step <= 40; ++step) {
            for (auto* o : {&a, &b})
                for (auto& g : o->param_groups())
                    static_cast<torch::optim::AdamOptions&>(g.options()).lr(1e-3 * std::min(1.0, step / 10.0));
            setGradients(fused, plain, step);
            fusedAdamStep(a);
            b.step();
        }
        const double params = worstRelative(fused, plain);
        const double m = worstRelative(moments(a, fused, false), moments(b, plain, false));
        const double v = worstRelative(moments(a, fused, true), moments(b, plain, true));
        qInfo("after 40 steps, largest relative difference: parameters %.2g, exp_avg %.2g, exp_avg_sq %.2g", params, m,
              v);
        QVERIFY2(params < 1e-6 && m < 1e-6 && v < 1e-6, qPrintable(QString("%1 %2 %3").arg(params).arg(m).arg(v)));
        QCOMPARE(adamParamState(a, fused[0]).step(), int64_t(40));
        // A parameter without a gradient is left alone, as Adam::step() leaves it.
        QVERIFY(torch::equal(fused.back().detach(), untouched));
        QVERIFY(a.state().size() == b.state().size());
        // The parameters moved: a step that did nothing would also "match" a step that did nothing.
        QVERIFY(worstRelative(fused, makeParameters()) > 1e-3);
    }

    void bumpsVersionCountersLikeAnInPlaceUpdate() {
        auto ps = makeParameters();
        torch::optim::Adam a(ps, torch::optim::AdamOptions(1e-3));
        auto other = cloneParameters(ps);
        setGradients(ps, other, 0);
        const auto before = ps[0]._version();
        fusedAdamStep(a);
        QVERIFY(ps[0]._version() > before);
    }

    void carriesOnFromStateInAnotherLayout() {
        // A checkpoint restores moments as contiguous tensors; the parameter is channels-last.
        auto fused = makeParameters();
        auto plain = cloneParameters(fused);
        torch::optim::Adam a(fused, torch::optim::AdamOptions(1e-3));
        torch::optim::Adam b(plain, torch::optim::AdamOptions(1e-3));
        setGradients(fused, plain, 1);
        b.step();
        restoreAdamState(a, fused, adamState(b, plain));
        for (size_t i = 0; i < fused.size(); ++i) {
            torch::NoGradGuard noGrad;
            fused[i].copy_(plain[i]);
        }
        // As a checkpoint read back from a file holds them: standard layout.
        auto& restored = adamParamState(a, fused[0]);
        restored.exp_avg(restored.exp_avg().contiguous());
        restored.exp_avg_sq(restored.exp_avg_sq().contiguous());
        QVERIFY(!restored.exp_avg().is_contiguous(torch::MemoryFormat::ChannelsLast));
        for (int step = 2; step <= 6; ++step) {
            setGradients(fused, plain, step);
            fusedAdamStep(a);
            b.step();
        }
        QVERIFY2(worstRelative(fused, plain) < 1e-6, qPrintable(QString::number(worstRelative(fused, plain))));
        QCOMPARE(adamParamState(a, fused[0]).step(), int64_t(6));
    }

    void takesTheFusedPathForEveryParameter() {
        // Adam::step() raises a first moment's version twice (mul_, add_); the fused loop once.
        // So a parameter that went through the fallback shows.
        auto ps = makeParameters();
        auto other = cloneParameters(ps);
        torch::optim::Adam a(ps, torch::optim::AdamOptions(1e-3));
        setGradients(ps, other, 0);
        fusedAdamStep(a);
        for (size_t i = 0; i + 1 < ps.size(); ++i) QCOMPARE(adamParamState(a, ps[i]).exp_avg()._version(), 1u);
    }

    void otherSettingsGoThroughAdamItself() {
        auto fused = makeParameters();
        auto plain = cloneParameters(fused);
        torch::optim::Adam a(fused, torch::optim::AdamOptions(1e-3).weight_decay(0.1));
        torch::optim::Adam b(plain, torch::optim::AdamOptions(1e-3).weight_decay(0.1));
        for (int step = 1; step <= 3; ++step) {
            setGradients(fused, plain, step);
            fusedAdamStep(a);
            b.step();
        }
        for (size_t i = 0; i < fused.size(); ++i) QVERIFY(torch::equal(fused[i], plain[i]));
    }
};

QTEST_GUILESS_MAIN(TestFusedAdam)
#include "test_fused_adam.moc"
