// Layers set by hand (manual mode, Figure 1 presets) and the uniform base they are shown on: the
// constraints snap exactly onto Rezende & Mohamed's invertibility boundary, the parameters land
// in the layers as set, and densities on the uniform base match the change of variables computed
// here independently, in double, from the paper's formulas.

#include "analysis/density_analysis.h"
#include "flow/flow_model_2d.h"
#include "flow/hand_set_layer.h"
#include "flow/planar_flow.h"
#include "flow/radial_flow.h"
#include "io/flow_model_file.h"
#include "targets/point_sampler.h"
#include "train/trainer_2d.h"
#include "util/random.h"

#include <QtTest>

#include <array>
#include <cmath>

using namespace flowscope;

namespace {

LayerGeometry planar(double w0, double w1, double b, double u0, double u1) {
    LayerGeometry g;
    g.kind = LayerGeometry::Kind::Hyperplane;
    g.w = {w0, w1};
    g.b = b;
    g.uHat = {u0, u1};
    return g;
}

LayerGeometry radial(double c0, double c1, double alpha, double beta) {
    LayerGeometry g;
    g.kind = LayerGeometry::Kind::Radial;
    g.z0 = {c0, c1};
    g.alpha = alpha;
    g.beta = beta;
    return g;
}

/// The planar map of eq. 10, written out here (not the layer's code).
std::array<double, 2> planarMap(const LayerGeometry& g, double x, double y) {
    const double h = std::tanh(g.w[0] * x + g.w[1] * y + g.b);
    return {x + g.uHat[0] * h, y + g.uHat[1] * h};
}

/// The radial map of eq. 14.
std::array<double, 2> radialMap(const LayerGeometry& g, double x, double y) {
    const double dx = x - g.z0[0], dy = y - g.z0[1], r = std::hypot(dx, dy);
    const double s = g.beta / (g.alpha + r);
    return {x + s * dx, y + s * dy};
}

FlowModel modelWith(FlowKind kind, BaseKind base, const std::vector<LayerGeometry>& layers) {
    FlowConfig c;
    c.flow = kind;
    c.layers = static_cast<int64_t>(layers.size());
    c.base = base;
    FlowModel model(c);
    model->to(torch::kFloat64);
    for (size_t i = 0; i < layers.size(); ++i) setHandSetGeometry(*model->flows->layer(i), layers[i]);
    return model;
}

}  // namespace

class TestHandSetLayers : public QObject {
    Q_OBJECT

private slots:
    void planarInsideTheConstraintIsKept() {
        const auto g = planar(2.0, 1.0, 0.3, 0.4, -0.2);
        const auto c = constrainHandSet(g);
        QCOMPARE(c.w, g.w);
        QCOMPARE(c.uHat, g.uHat);
        QCOMPARE(c.b, g.b);
    }

    void planarDirectionSnapsAlongWOntoTheBoundary() {
        // wᵀû = −3: the smallest move back to invertibility is along w, onto wᵀû = −1 + 1e-3.
        const auto g = planar(1.0, 1.0, 0.0, -1.0, -2.0);
        const auto c = constrainHandSet(g);
        const double wu = c.w[0] * c.uHat[0] + c.w[1] * c.uHat[1];
        QVERIFY2(std::abs(wu - (-1.0 + 1e-3)) < 1e-12, qPrintable(QString::number(wu, 'g', 17)));
        const double d0 = c.uHat[0] - g.uHat[0], d1 = c.uHat[1] - g.uHat[1];
        QVERIFY(std::abs(d0 * g.w[1] - d1 * g.w[0]) < 1e-12);  // the move is parallel to w
        QVERIFY(d0 > 0 && d1 > 0);                             // towards wᵀû larger
    }

    void planarDegenerateNormalIsLengthened() {
        const auto c = constrainHandSet(planar(0.0, 0.0, 0.0, 1.0, 0.0));
        QVERIFY(std::abs(std::hypot(c.w[0], c.w[1]) - 0.05) < 1e-12);
        const auto d = constrainHandSet(planar(0.0, 0.01, 0.0, 1.0, 0.0));
        QVERIFY(std::abs(d.w[0]) < 1e-15 && std::abs(d.w[1] - 0.05) < 1e-12);  // direction kept
    }

    void radialBetaSnapsAboveMinusAlpha() {
        const auto c = constrainHandSet(radial(0.5, -0.5, 0.8, -3.0));
        QCOMPARE(c.alpha, 0.8);
        QVERIFY(std::abs(c.beta - (-0.8 * (1.0 - 1e-3))) < 1e-15);
        const auto a = constrainHandSet(radial(0.0, 0.0, -1.0, 0.5));
        QVERIFY(std::abs(a.alpha - 1e-3) < 1e-15);
        QVERIFY(a.beta == 0.5);
    }

    void hostileValuesAreRefused() {
        auto bad = planar(NAN, 1.0, 0.0, 0.0, 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, constrainHandSet(bad));
        auto infinite = radial(0.0, 0.0, 1.0, INFINITY);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, constrainHandSet(infinite));
        auto wrongSize = planar(1.0, 1.0, 0.0, 0.0, 0.0);
        wrongSize.w.push_back(1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, constrainHandSet(wrongSize));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, constrainHandSet(LayerGeometry{}));
        // Huge but finite values are clamped, not trusted.
        const auto huge = constrainHandSet(planar(1e300, 0.0, -1e300, 0.0, 1e300));
        QVERIFY(std::hypot(huge.w[0], huge.w[1]) <= 50.0 + 1e-9);
        QVERIFY(std::abs(huge.b) <= 100.0);
        QVERIFY(std::hypot(huge.uHat[0], huge.uHat[1]) <= 20.0 + 1e-9);
    }

    void kindsMustMatchTheLayer() {
        PlanarFlow p(PlanarFlowOptions(2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, setHandSetGeometry(*p, radial(0, 0, 1, 1)));
        RadialFlow r(RadialFlowOptions(2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, setHandSetGeometry(*r, planar(1, 0, 0, 1, 0)));
        PlanarFlow p3(PlanarFlowOptions(3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, setHandSetGeometry(*p3, planar(1, 0, 0, 1, 0)));
    }

    void planarParametersLandAsSet() {
        PlanarFlow layer(PlanarFlowOptions(2).seed(4));
        layer->to(torch::kFloat64);
        const auto want = planar(1.7, -0.6, 0.25, 0.9, 1.3);  // wᵀû = 0.75: inside the constraint
        const auto got = setHandSetGeometry(*layer, want);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(std::abs(got.w[i] - want.w[i]) < 1e-12);
            QVERIFY(std::abs(got.uHat[i] - want.uHat[i]) < 1e-12);
        }
        QVERIFY(std::abs(got.b - want.b) < 1e-12);
        // The layer maps points as eq. 10 with these parameters.
        torch::NoGradGuard noGrad;
        auto gen = makeGenerator(5);
        auto z = torch::randn({64, 2}, gen, torch::kFloat64) * 2.0;
        auto y = layer->forward(z).z;
        for (int64_t i = 0; i < z.size(0); ++i) {
            const auto e = planarMap(want, z[i][0].item<double>(), z[i][1].item<double>());
            QVERIFY(std::abs(y[i][0].item<double>() - e[0]) < 1e-12);
            QVERIFY(std::abs(y[i][1].item<double>() - e[1]) < 1e-12);
        }
    }

    void radialRingOfRadiusAlphaMapsToAlphaPlusHalfBeta() {
        // What the β handle shows: the circle r = α around z0 is carried to r = α + β/2.
        RadialFlow layer(RadialFlowOptions(2));
        layer->to(torch::kFloat64);
        const auto g = setHandSetGeometry(*layer, radial(0.4, -0.3, 0.7, -0.5));
        QVERIFY(std::abs(g.alpha - 0.7) < 1e-12 && std::abs(g.beta + 0.5) < 1e-12);
        torch::NoGradGuard noGrad;
        for (double angle : {0.0, 1.0, 2.5, 4.0}) {
            auto z = torch::tensor({{0.4 + 0.7 * std::cos(angle), -0.3 + 0.7 * std::sin(angle)}}, torch::kFloat64);
            auto y = layer->forward(z).z;
            const double r = std::hypot(y[0][0].item<double>() - 0.4, y[0][1].item<double>() + 0.3);
            QVERIFY2(std::abs(r - (0.7 - 0.25)) < 1e-12, qPrintable(QString::number(r, 'g', 17)));
        }
    }

    void uniformBaseDensityAndSamples() {
        UniformBox box(2);
        auto z = torch::tensor({{0.0, 0.0}, {1.99, -1.99}, {2.01, 0.0}, {0.0, -3.0}}, torch::kFloat64);
        auto lp = box.logProb(z);
        QVERIFY(std::abs(lp[0].item<double>() + std::log(16.0)) < 1e-12);
        QVERIFY(std::abs(lp[1].item<double>() + std::log(16.0)) < 1e-12);
        QVERIFY(std::isinf(lp[2].item<double>()) && lp[2].item<double>() < 0);
        QVERIFY(std::isinf(lp[3].item<double>()) && lp[3].item<double>() < 0);
        auto gen = makeGenerator(8);
        auto s = box.sample(20000, gen, torch::kCPU).to(torch::kFloat64);
        QVERIFY(s.abs().max().item<double>() <= 2.0);
        // U(−2, 2): mean 0, variance 4/3; standard errors 0.008 and 0.008 at n = 20000.
        QVERIFY(s.mean(0).abs().max().item<double>() < 0.04);
        QVERIFY((s.var(0) - 4.0 / 3.0).abs().max().item<double>() < 0.05);
    }

    void uniformBaseDensityIsTheChangeOfVariables() {
        // q_2(f(z)) = (1/16) / |det J(z)| for z in the box, with f and J computed here (central
        // differences of the paper's maps), against the model's exact density through the inverses.
        const auto a = planar(2.0, 1.0, 0.2, 1.1, 0.6);
        const auto b = planar(-0.5, 1.8, -0.3, -0.2, 0.7);
        auto model = modelWith(FlowKind::Planar, BaseKind::Uniform, {a, b});
        auto map = [&](double x, double y) {
            const auto p = planarMap(a, x, y);
            return planarMap(b, p[0], p[1]);
        };
        auto gen = makeGenerator(11);
        auto z = (torch::rand({200, 2}, gen, torch::kFloat64) * 3.8 - 1.9);
        torch::NoGradGuard noGrad;
        std::vector<double> xs;
        std::vector<double> expected;
        for (int64_t i = 0; i < z.size(0); ++i) {
            const double zx = z[i][0].item<double>(), zy = z[i][1].item<double>();
            const double h = 1e-6;
            const auto px = map(zx + h, zy), mx = map(zx - h, zy), py = map(zx, zy + h), my = map(zx, zy - h);
            const double j00 = (px[0] - mx[0]) / (2 * h), j10 = (px[1] - mx[1]) / (2 * h);
            const double j01 = (py[0] - my[0]) / (2 * h), j11 = (py[1] - my[1]) / (2 * h);
            const auto x = map(zx, zy);
            xs.push_back(x[0]);
            xs.push_back(x[1]);
            expected.push_back(-std::log(16.0) - std::log(std::abs(j00 * j11 - j01 * j10)));
        }
        auto x = torch::tensor(xs, torch::kFloat64).reshape({-1, 2});
        auto lq = model->logProb(x);
        for (size_t i = 0; i < expected.size(); ++i) {
            const double got = lq[static_cast<int64_t>(i)].item<double>();
            QVERIFY2(std::abs(got - expected[i]) < 1e-7,
                     qPrintable(QString("point %1: %2 vs %3").arg(i).arg(got).arg(expected[i])));
        }
    }

    void uniformBaseMassIsOne() {
        // The pushed-forward uniform density keeps mass 1. The midpoint rule errs only in the cells
        // the image's edges cut; 480² cells on [−6, 6]² put the base square's edges on cell
        // boundaries (exact at k = 0), and along the curved edges later the errors largely cancel
        // (measured: 1 − 4e-4 … 1 + 4e-4; a dropped log-det would be off by tens of per cent).
        auto model =
            modelWith(FlowKind::Radial, BaseKind::Uniform, {radial(0.5, 0.2, 0.5, 1.5), radial(-0.4, 0.3, 0.8, -0.6)});
        GridSpec g;
        g.nx = g.ny = 480;
        g.x0 = g.y0 = -6, g.x1 = g.y1 = 6;
        const auto analysis = analyzeDensities(*model, g);
        for (const auto& step : analysis.logDensity) {
            const double mass = step.integralOfExp();
            qInfo("mass of a step on the uniform base: %.6f", mass);
            QVERIFY2(std::abs(mass - 1.0) < 2e-3, qPrintable(QString::number(mass, 'g', 8)));
        }
    }

    void uniformModelFileRoundTrip() {
        auto model = modelWith(FlowKind::Planar, BaseKind::Uniform, {planar(1.5, 0.5, 0.1, 0.8, 0.2)});
        model->to(torch::kFloat32);
        const std::string bytes = flowModelBytes(*model);
        auto loaded = loadFlowModelFromBytes(bytes, "round trip");
        QVERIFY(loaded.model->config().base == BaseKind::Uniform);
        auto x = torch::tensor({{0.3f, -0.2f}, {3.5f, 0.0f}});
        torch::NoGradGuard noGrad;
        auto a = model->logProb(x), b = loaded.model->logProb(x);
        QVERIFY(std::abs(a[0].item<float>() - b[0].item<float>()) < 1e-6);
        QVERIFY(std::isinf(b[1].item<float>()));
    }

    void uniformBaseRefusesMaximumLikelihood() {
        FlowConfig c;
        c.base = BaseKind::Uniform;
        auto points = torch::randn({100, 2});
        auto target = TrainingTarget::points(std::make_shared<FinitePointSet>(points, "points"));
        try {
            Trainer2D trainer(FlowModel(c), target, TrainConfig{});
            QFAIL("a uniform base was accepted for maximum likelihood");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains("uniform base"));
        }
        // Reverse KL on an energy samples from the flow: the base's edges never matter.
        Trainer2D energy(FlowModel(c), TrainingTarget::energy(Energy::fromName("U1")), TrainConfig{});
        const auto r = energy.step();
        QVERIFY(r.applied && std::isfinite(r.loss));
    }
};

QTEST_APPLESS_MAIN(TestHandSetLayers)
#include "test_hand_set_layers.moc"
