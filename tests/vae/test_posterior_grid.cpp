// The exact posterior of a 2-D-latent VAE by quadrature: q_K integrates to 1 on the grid found
// for it, ln p(x) − ELBO = KL(q_K‖p(z|x)) holds to 1e-3, the Monte Carlo ELBO agrees with the
// quadrature ELBO within 4 standard errors, ln p(x) agrees between two different grids and with
// importance sampling, and a grid that cuts the posterior off says so.

#include "util/random.h"
#include "vae/importance_sampling.h"
#include "vae/posterior_grid.h"
#include "vae/vae_model.h"

#include <QtTest>

#include <cmath>

using namespace flowscope;

Q_DECLARE_METATYPE(flowscope::VaeFlow)

namespace {

VaeModel model(VaeFlow flow, int64_t layers) {
    VaeConfig c;
    c.imageSize = 6;
    c.latent = 2;
    c.flow = flow;
    c.layers = layers;
    c.encoderHidden = {32};
    c.decoderHidden = {32};
    c.activation = VaeActivation::Elu;
    c.seed = 21;
    VaeModel m(c);
    // A decoder that cares about z (the default scale leaves the posterior close to the prior),
    // and flow parameters large enough to bend q_K.
    torch::NoGradGuard g;
    m->decoder->children().front()->as<torch::nn::Linear>()->weight.mul_(4.0);
    if (m->flowHead) m->flowHead->bias.mul_(20.0);
    return m;
}

torch::Tensor image() {
    auto gen = torch::make_generator<torch::CPUGeneratorImpl>(8);
    return (torch::rand({1, 36}, gen) > 0.5).to(torch::kFloat32);
}

}  // namespace

class TestPosteriorGrid : public QObject {
    Q_OBJECT

private slots:
    void quadratureIdentitiesHold_data() {
        QTest::addColumn<VaeFlow>("flow");
        QTest::addColumn<int>("layers");
        QTest::newRow("mean field") << VaeFlow::None << 0;
        QTest::newRow("planar K=4") << VaeFlow::Planar << 4;
        QTest::newRow("radial K=3") << VaeFlow::Radial << 3;
    }
    void quadratureIdentitiesHold() {
        QFETCH(VaeFlow, flow);
        QFETCH(int, layers);
        auto m = model(flow, layers);
        auto x = image();
        torch::NoGradGuard g;
        auto q = m->encode(x);
        PosteriorGridOptions o;
        o.size = 256;
        auto grid = posteriorOnGrid(q, m->likelihoodOf(x), o);
        QVERIFY2(std::abs(grid.qMass - 1) <= 1e-3, qPrintable(QString("∫q_K = %1").arg(grid.qMass, 0, 'g', 10)));
        QVERIFY2(std::abs(grid.q0Mass - 1) <= 1e-3, qPrintable(QString("∫q0 = %1").arg(grid.q0Mass, 0, 'g', 10)));
        QVERIFY(grid.posteriorMassAtEdge < 1e-6);
        const double gap = grid.logPx - grid.elbo - grid.klQKPosterior;
        QVERIFY2(std::abs(gap) <= 1e-3, qPrintable(QString("ln p(x) − ELBO − KL = %1").arg(gap)));
        QVERIFY(grid.klQKPosterior > 0);
        const double sumOfTerms = grid.expectedLogLikelihood + grid.expectedLogPrior + grid.entropy;
        QVERIFY2(std::abs(sumOfTerms - grid.elbo) < 1e-6,
                 qPrintable(QString("terms %1, ELBO %2").arg(sumOfTerms).arg(grid.elbo)));
        // The strip's last step is q_K, its first q0, each a density.
        auto steps = posteriorSteps(q, grid.spec);
        QCOMPARE(steps.size(), size_t(layers + 1));
        for (const auto& s : steps) QVERIFY(std::abs(s.integralOfExp() - 1) < 1e-3);
        QCOMPARE(steps.back().values, grid.logQK.values);
        QCOMPARE(steps.front().values, grid.logQ0.values);
        QVERIFY(grid.klQ0Posterior > 0);
        if (layers == 0) QVERIFY(std::abs(grid.klQ0Posterior - grid.klQKPosterior) < 1e-9);

        // Monte Carlo ELBO from q_K's own samples.
        auto gen = makeGenerator(31);
        auto terms = flowElboTerms(q, m->likelihoodOf(x), 40000, gen);
        auto e = terms.elbo().to(torch::kFloat64);
        const double mc = e.mean().item<double>(), se = e.std().item<double>() / std::sqrt(40000.0);
        QVERIFY2(std::abs(mc - grid.elbo) <= 4 * se,
                 qPrintable(QString("MC ELBO %1 ± %2, quadrature %3").arg(mc).arg(se).arg(grid.elbo)));

        // ln p(x) on a different (wide, explicit) grid, and by importance sampling.
        PosteriorGridOptions wide;
        wide.size = 512;
        GridSpec b;
        b.x0 = b.y0 = -7;
        b.x1 = b.y1 = 7;
        wide.bounds = b;
        auto other = posteriorOnGrid(q, m->likelihoodOf(x), wide);
        QVERIFY2(std::abs(other.logPx - grid.logPx) < 1e-3,
                 qPrintable(QString("ln p(x): %1 vs %2 on the wide grid").arg(grid.logPx).arg(other.logPx)));
        auto is = importanceEstimate(q, m->likelihoodOf(x), 40000, gen).logMarginal.item<double>();
        // Importance sampling is a lower bound in expectation; with a proposal that covers the
        // posterior (KL(p‖q_K) below 1 nat: no mode left out) 40000 samples also reach it.
        QVERIFY2(is <= grid.logPx + 0.01, qPrintable(QString("IS %1 above quadrature %2").arg(is).arg(grid.logPx)));
        double inclusive = 0;
        const double cell = grid.spec.dx() * grid.spec.dy();
        for (size_t c = 0; c < grid.logPosterior.values.size(); ++c) {
            const double lp = grid.logPosterior.values[c];
            inclusive += std::exp(lp) * (lp - grid.logQK.values[c]) * cell;
        }
        qInfo("KL(q‖p) %.4f, KL(p‖q) %.4f, IS − quadrature %.4f", grid.klQKPosterior, inclusive, is - grid.logPx);
        if (inclusive < 1.0)  // the mean-field row here
            QVERIFY2(std::abs(is - grid.logPx) < 0.02,
                     qPrintable(QString("IS %1 vs quadrature %2 (KL(p‖q) %3)").arg(is).arg(grid.logPx).arg(inclusive)));
    }

    void aGridThatCutsThePosteriorOffSaysSo() {
        auto m = model(VaeFlow::Planar, 2);
        auto x = image();
        torch::NoGradGuard g;
        auto q = m->encode(x);
        auto full = posteriorOnGrid(q, m->likelihoodOf(x));
        PosteriorGridOptions o;
        GridSpec b;
        b.x0 = full.spec.x0 + 0.45 * (full.spec.x1 - full.spec.x0);  // the right half only
        b.x1 = full.spec.x1;
        b.y0 = full.spec.y0;
        b.y1 = full.spec.y1;
        o.bounds = b;
        auto cut = posteriorOnGrid(q, m->likelihoodOf(x), o);
        QVERIFY(cut.posteriorMassAtEdge > 1e-3);
        QVERIFY(cut.qMass < 0.99);
    }

    void refusesWhatItCannotDraw() {
        auto m = model(VaeFlow::None, 0);
        torch::NoGradGuard g;
        auto x = torch::cat({image(), image()});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, posteriorOnGrid(m->encode(x), m->likelihoodOf(x)));
        PosteriorGridOptions o;
        o.size = 1;
        auto one = image();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, posteriorOnGrid(m->encode(one), m->likelihoodOf(one), o));
    }
};

QTEST_APPLESS_MAIN(TestPosteriorGrid)
#include "test_posterior_grid.moc"
