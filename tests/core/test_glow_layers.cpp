// Glow's layers on tiny images: round trips, log-dets against the autograd Jacobian (determinant
// by Eigen), ActNorm's data-dependent init, the LU and plain 1×1 convolutions and their cached
// inverses, the zero convolution's padding with ones, squeeze order, and the whole model.

#include "common/test_support.h"
#include "glow/act_norm_2d.h"
#include "glow/bfloat16_preview.h"
#include "glow/glow_coupling.h"
#include "glow/glow_model.h"
#include "glow/glow_step.h"
#include "glow/invertible_conv.h"
#include "glow/relu_in_place.h"
#include "glow/squeeze.h"
#include "util/random.h"

#include <QtTest>

using namespace flowscope;

namespace {

using Map = std::function<torch::Tensor(const torch::Tensor&)>;

/// log|det| of x ↦ map(x) for images x [B, C, H, W], via the flattened autograd Jacobian.
torch::Tensor referenceLogdet(const Map& map, const torch::Tensor& x) {
    const auto b = x.size(0);
    auto flat = x.reshape({b, -1});
    auto jac = test::autogradJacobian(
        [&](const torch::Tensor& f) {
            return map(f.view(x.sizes())).reshape({b, -1});
        },
        flat);
    return test::eigenLogAbsDet(jac);
}

torch::Tensor images(int64_t b, int64_t c, int64_t h, uint64_t seed) {
    auto gen = makeGenerator(seed);
    return torch::randn({b, c, h, h}, gen, torch::kFloat64) * 0.5;
}

}  // namespace

class TestGlowLayers : public QObject {
    Q_OBJECT

private slots:
    void foldedInferenceMatchesTheLayersAndFollowsTheirParameters() {
        // Without gradients a step decodes through one folded 1×1 convolution and ZeroConv2d
        // through a folded kernel and offset; with gradients, layer by layer. The two agree, and
        // keep agreeing after the parameters change in place (a training step) or are replaced.
        for (const auto permutation : {GlowPermutation::Conv1x1, GlowPermutation::Shuffle}) {
            GlowStep step(GlowStepOptions(8).hidden(16).affine(true).permutation(permutation).seed(3));
            auto gen = makeGenerator(8);
            step->encode(torch::randn({4, 8, 6, 6}, gen));  // ActNorm's data-dependent init
            torch::NoGradGuard noGrad;
            for (auto& p : step->parameters()) p.add_(0.05 * torch::randn(p.sizes(), gen));  // zero convs non-zero
            auto y = torch::randn({3, 8, 6, 6}, gen);
            auto layered = [&] {
                torch::AutoGradMode on(true);
                return step->decode(y).detach();
            };
            for (int round = 0; round < 3; ++round) {
                const auto folded = step->decode(y);
                const double rel = ((folded - layered()).abs().max() / layered().abs().max()).item<double>();
                QVERIFY2(rel < 1e-6, qPrintable(QString("round %1: %2").arg(round).arg(rel)));
                // Reconstruction through the folded path.
                const double back = (step->encode(folded).first - y).abs().max().item<double>();
                QVERIFY2(back < 1e-5, qPrintable(QString::number(back)));
                // Change ActNorm, the 1×1 convolution and a zero convolution in place, as Adam does.
                step->actnorm->scale.mul_(1.3);
                step->actnorm->loc.add_(0.1);
                for (auto& p : step->invconv->parameters()) p.add_(0.01);
                step->coupling->zero->scale.add_(0.2);
            }
        }
        // A ZeroConv2d learned at one image size and used at another gets the border of each.
        ZeroConv2d zc(4, 6);
        torch::NoGradGuard noGrad;
        auto gen = makeGenerator(2);
        for (auto& p : zc->parameters()) p.copy_(torch::randn(p.sizes(), gen) * 0.3);
        for (int64_t size : {5, 7, 5}) {
            auto x = torch::randn({2, 4, size, size}, gen);
            torch::Tensor layered;
            {
                torch::AutoGradMode on(true);
                layered = zc->forward(x).detach();
            }
            const double rel = ((zc->forward(x) - layered).abs().max() / layered.abs().max()).item<double>();
            QVERIFY2(rel < 1e-6, qPrintable(QString("size %1: %2").arg(size).arg(rel)));
        }
    }

    void bfloat16PreviewOnlyApproximatesDecode_data() {
        QTest::addColumn<bool>("affine");
        QTest::newRow("additive") << false;
        QTest::newRow("affine") << true;
    }
    void bfloat16PreviewOnlyApproximatesDecode() {
        QFETCH(bool, affine);
        GlowConfig c;
        c.inChannels = 3;
        c.imageSize = 16;
        c.levels = 2;
        c.steps = 4;
        c.hidden = 32;
        c.affine = affine;
        GlowModel m(c, 5);
        auto gen = makeGenerator(6);
        m->encode(torch::rand({8, 3, 16, 16}, gen) - 0.5);  // ActNorm's data-dependent init
        torch::NoGradGuard noGrad;
        // The couplings' zero convolutions made non-zero, as after training.
        for (auto& p : m->named_parameters())
            if (p.key().find("coupling") != std::string::npos)
                p.value().add_(0.03 * torch::randn(p.value().sizes(), gen));
        const auto x = torch::rand({4, 3, 16, 16}, gen) - 0.5;
        // Encoding (and so log p and reconstructions) ignores the guard: bit for bit float32.
        const auto exactCode = m->encode(x);
        {
            BFloat16PreviewGuard preview;
            const auto code = m->encode(x);
            QVERIFY(torch::equal(code.logdet, exactCode.logdet));
            for (size_t l = 0; l < code.eps.size(); ++l) QVERIFY(torch::equal(code.eps[l], exactCode.eps[l]));
        }
        auto eps = m->noise(4, gen);
        for (auto& e : eps) e.mul_(0.7);
        const auto decodeBoth = [&] {
            auto exact = m->decodeNoise(eps);
            BFloat16PreviewGuard preview;
            return std::make_pair(exact, m->decodeNoise(eps));
        };
        auto [exact, fast] = decodeBoth();
        const double error = (fast - exact).abs().max().item<double>();
        qInfo("bfloat16 preview, %s: max |preview − float32| %.2e, max |float32| %.2e", affine ? "affine" : "additive",
              error, exact.abs().max().item<double>());
        // bfloat16 keeps 8 significant bits (2^-8 ≈ 0.004): the preview differs, but by a few
        // thousandths, where a wrong or stale network errs by about the edit below (≥ 0.05).
        QVERIFY(error > 0);
        QVERIFY(error < 0.02);
        // The bfloat16 weights follow in-place parameter changes (a training step).
        for (auto& p : m->parameters())
            if (p.dim() == 4 && p.size(2) == 3) p.add_(0.05 * torch::randn(p.sizes(), gen));
        auto [exact2, fast2] = decodeBoth();
        QVERIFY((exact2 - exact).abs().max().item<double>() > 0.05);
        QVERIFY((fast2 - exact2).abs().max().item<double>() < 0.02);
        // With gradients on the guard does nothing: training never sees bfloat16.
        torch::AutoGradMode on(true);
        BFloat16PreviewGuard preview;
        QVERIFY((m->decodeNoise(eps) - exact2).abs().max().item<double>() < 1e-5);
    }

    void reluIntoConvolutionGivesAutogradsGradients() {
        // conv → ReLU → conv → ReLU → conv, as in the coupling's network, in both layouts (and
        // mixed, where the backward takes its out-of-place path): every gradient exactly as
        // LibTorch's relu_ gives it.
        for (const auto format : {torch::MemoryFormat::ChannelsLast, torch::MemoryFormat::Contiguous}) {
            auto gen = makeGenerator(5);
            auto x0 = torch::randn({3, 4, 6, 6}, gen);
            auto w1 = torch::randn({16, 4, 3, 3}, gen).contiguous(format);
            auto w2 = torch::randn({16, 16, 1, 1}, gen);  // standard layout: mixed where format differs
            auto w3 = torch::randn({4, 16, 3, 3}, gen).contiguous(format);
            std::vector<std::vector<torch::Tensor>> grads;
            for (bool ours : {false, true}) {
                auto x = x0.clone().requires_grad_();
                std::vector<torch::Tensor> ws{w1.clone().requires_grad_(), w2.clone().requires_grad_(),
                                              w3.clone().requires_grad_()};
                auto relu = [&](torch::Tensor t) { return ours ? reluIntoConvolution(t) : t.relu_(); };
                auto h = relu(torch::conv2d(x.contiguous(format), ws[0], {}, 1, 1));
                h = relu(torch::conv2d(h, ws[1]));
                (torch::conv2d(h, ws[2], {}, 1, 1).square().sum()).backward();
                grads.push_back({x.grad(), ws[0].grad(), ws[1].grad(), ws[2].grad()});
            }
            for (size_t i = 0; i < grads[0].size(); ++i) QVERIFY2(torch::equal(grads[0][i], grads[1][i]), "gradient");
            QVERIFY(grads[0][0].abs().sum().item<double>() > 0);
        }
        // Without gradients it is relu_ itself, in place.
        torch::NoGradGuard noGrad;
        auto t = torch::tensor({-1.0f, 2.0f});
        auto r = reluIntoConvolution(t);
        QVERIFY(r.is_same(t) && r[0].item<float>() == 0.0f && r[1].item<float>() == 2.0f);
    }
    void actNormInitialisesFromData() {
        ActNorm2d a(3);
        auto x = images(8, 3, 4, 1) * 3.0 + 1.5;
        a->to(torch::kFloat64);
        QVERIFY(!a->isInitialized());
        auto [y, ld] = a->encode(x);
        QVERIFY(a->isInitialized());
        auto perChannel = y.transpose(0, 1).reshape({3, -1});
        QVERIFY(perChannel.mean(1).abs().max().item<double>() < 1e-9);
        QVERIFY((perChannel.std(1) - 1).abs().max().item<double>() < 1e-4);
        // Once initialised, a second batch does not re-initialise.
        auto before = a->loc.clone();
        a->encode(images(8, 3, 4, 2) * 7);
        QVERIFY(torch::equal(before, a->loc));
        QVERIFY((a->decode(y) - x).abs().max().item<double>() < 1e-10);
        auto ref = referenceLogdet([&](const torch::Tensor& t) { return a->encode(t).first; }, x.slice(0, 0, 2));
        QVERIFY((ld.slice(0, 0, 2) - ref).abs().max().item<double>() < 1e-9);
    }

    void invertibleConvolutions_data() {
        QTest::addColumn<bool>("lu");
        QTest::newRow("LU") << true;
        QTest::newRow("plain") << false;
    }
    void invertibleConvolutions() {
        QFETCH(bool, lu);
        std::shared_ptr<InvertibleConv> conv;
        if (lu)
            conv = std::make_shared<InvConvLUImpl>(4, 3);
        else
            conv = std::make_shared<InvConvPlainImpl>(4, 3);
        test::perturbParameters(*conv, 0.2, 5);
        conv->to(torch::kFloat64);
        auto x = images(3, 4, 2, 7);
        auto [y, ld] = conv->encode(x);
        QVERIFY((conv->decode(y) - x).abs().max().item<double>() < 1e-10);
        auto ref = referenceLogdet([&](const torch::Tensor& t) { return conv->encode(t).first; }, x);
        QVERIFY2((ld - ref).abs().max().item<double>() < 1e-9, "log-det differs from the Jacobian's");
        // The decode cache notices parameter updates.
        {
            torch::NoGradGuard noGrad;
            for (auto& p : conv->parameters()) p.add_(0.1);
        }
        auto [y2, ld2] = conv->encode(x);
        QVERIFY2((conv->decode(y2) - x).abs().max().item<double>() < 1e-9, "stale cached inverse after an update");
    }

    void luWeightIsARotationAtInit() {
        InvConvLU conv(6, 9);
        auto w = conv->weight().to(torch::kFloat64);
        QVERIFY((w.matmul(w.t()) - torch::eye(6, torch::kFloat64)).abs().max().item<double>() < 1e-5);
        QVERIFY(std::abs(conv->logAbsDet().item<double>()) < 1e-5);
    }

    void zeroConvPadsWithOnes() {
        ZeroConv2d z(1, 1);
        auto zeros = torch::zeros({1, 1, 3, 3});
        QVERIFY(z->forward(zeros).abs().max().item<float>() == 0.0f);  // zero-initialised
        torch::NoGradGuard noGrad;
        z->conv->weight.fill_(1.0);
        auto out = z->forward(zeros);
        // The input is zero, so the output counts the padded ones each 3×3 window sees.
        QCOMPARE(out[0][0][0][0].item<float>(), 5.0f);  // corner
        QCOMPARE(out[0][0][0][1].item<float>(), 3.0f);  // edge
        QCOMPARE(out[0][0][1][1].item<float>(), 0.0f);  // centre
        z->scale.fill_(0.5);
        QVERIFY(std::abs(z->forward(zeros)[0][0][0][0].item<float>() - 5.0f * std::exp(1.5f)) < 1e-4);
    }
    void zeroConvMatchesAnExplicitPadding() {
        // The pad-free computation equals glow-pytorch's pad-with-ones-then-convolve, values and
        // gradients, on random weights and inputs.
        ZeroConv2d z(4, 6);
        z->to(torch::kFloat64);
        test::perturbParameters(*z, 0.3, 5);
        auto x = torch::randn({3, 4, 5, 7}, torch::kFloat64).requires_grad_(true);
        auto ours = z->forward(x);
        namespace F = torch::nn::functional;
        auto padded = F::pad(x, F::PadFuncOptions({1, 1, 1, 1}).value(1.0));
        auto reference = torch::conv2d(padded, z->conv->weight, z->conv->bias) * torch::exp(z->scale * 3.0);
        QVERIFY((ours - reference).abs().max().item<double>() < 1e-12);
        auto g = torch::randn_like(ours);
        auto gradOurs = torch::autograd::grad({ours}, {x, z->conv->weight}, {g}, true);
        auto gradRef = torch::autograd::grad({reference}, {x, z->conv->weight}, {g});
        QVERIFY((gradOurs[0] - gradRef[0]).abs().max().item<double>() < 1e-12);
        QVERIFY((gradOurs[1] - gradRef[1]).abs().max().item<double>() < 1e-10);
    }

    void couplingAndStep_data() {
        QTest::addColumn<bool>("affine");
        QTest::addColumn<bool>("lu");
        QTest::addColumn<QString>("permutation");
        QTest::newRow("affine LU") << true << true << "conv1x1";
        QTest::newRow("affine plain") << true << false << "conv1x1";
        QTest::newRow("additive LU") << false << true << "conv1x1";
        QTest::newRow("affine shuffle") << true << true << "shuffle";
        QTest::newRow("additive reverse") << false << true << "reverse";
    }
    void couplingAndStep() {
        QFETCH(bool, affine);
        QFETCH(bool, lu);
        QFETCH(QString, permutation);
        const auto kind = *kindFromName(kGlowPermutations, permutation.toStdString());
        GlowStep step(GlowStepOptions(4).hidden(6).affine(affine).permutation(kind).lu(lu).seed(11));
        auto x = images(2, 4, 2, 13);
        step->to(torch::kFloat64);
        step->actnorm->encode(images(8, 4, 2, 14));  // initialise ActNorm on other data
        test::perturbParameters(*step, 0.3, 15);     // wake the zero-initialised output conv
        auto [y, ld] = step->encode(x);
        QVERIFY((step->decode(y) - x).abs().max().item<double>() < 1e-9);
        auto ref = referenceLogdet([&](const torch::Tensor& t) { return step->encode(t).first; }, x);
        QVERIFY2((ld - ref).abs().max().item<double>() < 1e-9,
                 qPrintable(QString("log-det error %1").arg((ld - ref).abs().max().item<double>())));
        if (!affine) {
            auto [yc, ldc] = step->coupling->encode(x);
            QVERIFY(ldc.abs().max().item<double>() == 0.0);
        }
    }

    void channelPermutations() {
        // y_c = x_{indices[c]}, the inverse undoes it, log|det| is 0, and weight() is the same map.
        ChannelPermutation reverse(6, false, 0), shuffle(6, true, 5), other(6, true, 6);
        QCOMPARE(reverse->indices.sizes().vec(), std::vector<int64_t>{6});
        QVERIFY(torch::equal(reverse->indices, torch::tensor({5, 4, 3, 2, 1, 0}, torch::kLong)));
        QVERIFY(isPermutation(shuffle->indices));
        QVERIFY(!torch::equal(shuffle->indices, torch::arange(6, torch::kLong)));
        QVERIFY(!torch::equal(shuffle->indices, other->indices));  // the seed decides
        auto x = images(3, 6, 2, 30);
        for (auto* p : {reverse.get(), shuffle.get()}) {
            auto [y, ld] = p->encode(x);
            for (int64_t c = 0; c < 6; ++c)
                QVERIFY(torch::equal(y.select(1, c), x.select(1, p->indices[c].item<int64_t>())));
            QVERIFY(torch::equal(ld, torch::zeros({3}, x.options())));
            QVERIFY(torch::equal(p->decode(y), x));
            auto conv = torch::nn::functional::conv2d(x, p->weight().to(x.scalar_type()).view({6, 6, 1, 1}));
            QVERIFY(torch::equal(conv, y));
        }
        QVERIFY(!isPermutation(torch::tensor({0, 0, 1}, torch::kLong)));
        QVERIFY(!isPermutation(torch::tensor({0, 3, 1}, torch::kLong)));
        QVERIFY(!isPermutation(torch::tensor({-1, 0, 1}, torch::kLong)));
        QVERIFY(!isPermutation(torch::tensor({0.0, 1.0})));
        QVERIFY(isPermutation(torch::tensor({2, 0, 1}, torch::kLong)));
    }

    void squeezeOrderAndInverse() {
        auto x = torch::arange(16, torch::kFloat32).view({1, 1, 4, 4});
        auto s = squeeze2x2(x);
        QCOMPARE(s.sizes(), torch::IntArrayRef({1, 4, 2, 2}));
        // Channel (dy, dx) = (0, 1) holds the pixels at odd columns of even rows.
        QCOMPARE(s[0][1][0][0].item<float>(), 1.0f);
        QCOMPARE(s[0][2][0][0].item<float>(), 4.0f);
        QCOMPARE(s[0][3][1][1].item<float>(), 15.0f);
        QVERIFY(torch::equal(unsqueeze2x2(s), x));
    }

    void modelRoundTripAndLogdet_data() {
        QTest::addColumn<bool>("affine");
        QTest::addColumn<bool>("lu");
        QTest::addColumn<QString>("permutation");
        QTest::newRow("affine LU") << true << true << "conv1x1";
        QTest::newRow("additive plain") << false << false << "conv1x1";
        QTest::newRow("affine shuffle") << true << true << "shuffle";
        QTest::newRow("additive reverse") << false << true << "reverse";
    }
    void modelRoundTripAndLogdet() {
        QFETCH(bool, affine);
        QFETCH(bool, lu);
        QFETCH(QString, permutation);
        GlowConfig c;
        c.inChannels = 1;
        c.imageSize = 4;
        c.levels = 2;
        c.steps = 2;
        c.hidden = 8;
        c.affine = affine;
        c.lu = lu;
        c.permutation = *kindFromName(kGlowPermutations, permutation.toStdString());
        GlowModel m(c, 3);
        m->to(torch::kFloat64);
        m->encode(images(8, 1, 4, 20));  // initialise every ActNorm
        test::perturbParameters(*m, 0.2, 21);
        auto x = images(2, 1, 4, 22);
        auto e = m->encode(x);
        QCOMPARE(int(e.zs.size()), 2);
        QCOMPARE(e.zs[0].sizes(), torch::IntArrayRef({2, 2, 2, 2}));  // level 1 splits off 2 of 4 channels
        QCOMPARE(e.zs[1].sizes(), torch::IntArrayRef({2, 8, 1, 1}));
        QVERIFY((m->decode(e.zs) - x).abs().max().item<double>() < 1e-9);
        // The standardised latents invert too, and are (z − μ)/σ under each level's prior.
        QCOMPARE(e.eps.size(), e.zs.size());
        QVERIFY((m->decodeNoise(e.eps) - x).abs().max().item<double>() < 1e-9);
        {
            auto [mu, logSd] = m->blocks[1]->as<GlowBlockImpl>()->prior(e.zs[1]);
            QVERIFY((e.eps[1] - (e.zs[1] - mu) / torch::exp(logSd)).abs().max().item<double>() < 1e-12);
        }
        // Resampling one level keeps the others' ε: level 1 redrawn → the top latent is unchanged.
        // (A wrong wiring errs by O(1); 1e-7 leaves room for the affine couplings' conditioning.)
        auto gen = torch::make_generator<torch::CPUGeneratorImpl>(23);
        auto fresh = torch::randn({2, 2, 2, 2}, gen, torch::kFloat64);
        auto resampled = m->encode(m->decodeResampled(e.eps, 0, fresh));
        QVERIFY((resampled.eps[1] - e.eps[1]).abs().max().item<double>() < 1e-7);
        QVERIFY((resampled.eps[0] - fresh).abs().max().item<double>() < 1e-7);
        // The total log-det is that of x ↦ (z_1, z_2) flattened.
        auto ref = referenceLogdet(
            [&](const torch::Tensor& t) {
                auto r = m->encode(t);
                return torch::cat({r.zs[0].reshape({t.size(0), -1}), r.zs[1].reshape({t.size(0), -1})}, 1)
                    .view(t.sizes());
            },
            x);
        QVERIFY2((e.logdet - ref).abs().max().item<double>() < 1e-9, "model log-det differs from the Jacobian's");
        // T = 0 decodes the prior means: encoding the result gives back latents equal to μ.
        std::vector<torch::Tensor> zeroNoise;
        for (int64_t l = 0; l < c.levels; ++l) {
            auto s = m->latentShape(l);
            zeroNoise.push_back(torch::zeros({1, s[0], s[1], s[2]}, torch::kFloat64));
        }
        auto xm = m->decodeNoise(zeroNoise);
        auto level1 = m->blocks[0]->as<GlowBlockImpl>()->encode(xm);
        auto [mu1, ls1] = m->blocks[0]->as<GlowBlockImpl>()->prior(level1.out);
        QVERIFY2((level1.z - mu1).abs().max().item<double>() < 1e-9, "level-1 latent is not its prior mean");
        auto top = m->blocks[1]->as<GlowBlockImpl>()->encode(level1.out);
        auto [muTop, lsTop] = m->blocks[1]->as<GlowBlockImpl>()->prior(top.out);
        QVERIFY2((top.z - muTop).abs().max().item<double>() < 1e-9, "top latent is not the top prior's mean");
        (void)ls1;
        (void)lsTop;
        // And bits/dim follows the formula.
        auto bpd = GlowModelImpl::bitsPerDim(e.logP, e.logdet, c);
        const double expected =
            (-(e.logP[0].item<double>() + e.logdet[0].item<double>()) + 16 * std::log(32.0)) / (16 * std::log(2.0));
        QVERIFY(std::abs(bpd[0].item<double>() - expected) < 1e-9);
    }
};

QTEST_APPLESS_MAIN(TestGlowLayers)
#include "test_glow_layers.moc"
