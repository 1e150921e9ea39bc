// The shapes loaders check a file against before building anything (flowParameterShapes,
// glowParameterShapes) are exactly what the built models register: same names, same shapes,
// nothing missing, nothing extra, for every layout a file can describe.

#include "common/test_support.h"
#include "flow/flow_parameter_shapes.h"
#include "glow/glow_model.h"
#include "glow/glow_parameter_shapes.h"

#include <QtTest>

#include <map>

using namespace flowscope;

namespace {

std::map<std::string, std::vector<int64_t>> registered(torch::nn::Module& m) {
    std::map<std::string, std::vector<int64_t>> out;
    for (const auto& p : m.named_parameters(true)) out[p.key()] = p.value().sizes().vec();
    for (const auto& b : m.named_buffers(true)) out[b.key()] = b.value().sizes().vec();
    return out;
}

void compare(const ParameterShapes& derived, const std::map<std::string, std::vector<int64_t>>& built) {
    std::map<std::string, std::vector<int64_t>> d;
    for (const auto& p : derived) {
        QVERIFY2(!d.count(p.name), qPrintable(QString::fromStdString("derived twice: " + p.name)));
        d[p.name] = p.shape;
    }
    for (const auto& [name, shape] : built) {
        auto it = d.find(name);
        QVERIFY2(it != d.end(), qPrintable(QString::fromStdString("not derived: " + name)));
        QVERIFY2(it->second == shape,
                 qPrintable(QString::fromStdString(name + ": derived " + shapeToString(it->second) + ", built " +
                                                   shapeToString(shape))));
    }
    QCOMPARE(d.size(), built.size());
}

}  // namespace

class TestParameterShapes : public QObject {
    Q_OBJECT
private slots:
    void flowShapesMatchTheBuiltModel_data() {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QString>("base");
        QTest::addColumn<bool>("actnorm");
        QTest::addColumn<int>("dim");
        for (const char* flow : {"planar", "radial", "affine", "additive"})
            for (const char* base : {"standard", "diagonal"})
                for (bool actnorm : {false, true})
                    for (int dim : {2, 5})
                        QTest::newRow(
                            qPrintable(QString("%1 %2%3 d=%4").arg(flow, base, actnorm ? " actnorm" : "").arg(dim)))
                            << flow << base << actnorm << dim;
    }
    void flowShapesMatchTheBuiltModel() {
        QFETCH(QString, flow);
        QFETCH(QString, base);
        QFETCH(bool, actnorm);
        QFETCH(int, dim);
        FlowConfig c;
        c.flow = test::flowKindNamed(flow.toStdString());
        c.base = test::kindNamed(kBaseKinds, base.toStdString());
        c.actnorm = actnorm;
        c.dim = dim;
        c.layers = 3;
        c.hidden = 7;
        c.mask = MaskPattern::Alternating;
        FlowModel model(c);
        compare(flowParameterShapes(c), registered(*model));
        QCOMPARE(int64_t(model->flows->size()), sequenceLength(c));
    }

    void glowShapesMatchTheBuiltModel_data() {
        QTest::addColumn<int>("channels");
        QTest::addColumn<bool>("affine");
        QTest::addColumn<bool>("lu");
        QTest::addColumn<bool>("luInLast");
        QTest::addColumn<int>("levels");
        QTest::addColumn<int>("permutation");
        for (int channels : {1, 3})
            for (bool affine : {false, true})
                for (bool lu : {false, true})
                    for (bool luInLast : {false, true})
                        QTest::newRow(qPrintable(
                            QString("c%1 %2 %3%4")
                                .arg(channels)
                                .arg(affine ? "affine" : "additive", lu ? "lu" : "plain", luInLast ? " lu-last" : "")))
                            << channels << affine << lu << luInLast << (channels == 1 ? 3 : 2)
                            << int(GlowPermutation::Conv1x1);
        for (auto p : {GlowPermutation::Shuffle, GlowPermutation::Reverse})
            for (bool affine : {false, true})
                QTest::newRow(
                    qPrintable(QString("c1 %1 %2").arg(affine ? "affine" : "additive", kindName(kGlowPermutations, p))))
                    << 1 << affine << true << true << 3 << int(p);
    }
    void glowShapesMatchTheBuiltModel() {
        QFETCH(int, channels);
        QFETCH(bool, affine);
        QFETCH(bool, lu);
        QFETCH(bool, luInLast);
        QFETCH(int, levels);
        QFETCH(int, permutation);
        GlowConfig c;
        c.inChannels = channels;
        c.imageSize = 16;
        c.levels = levels;
        c.steps = 2;
        c.hidden = 6;
        c.affine = affine;
        c.lu = lu;
        c.luInLastLevel = luInLast;
        c.permutation = static_cast<GlowPermutation>(permutation);
        GlowModel model(c);
        compare(glowParameterShapes(c), registered(*model));
        // The latent shapes attribute vectors are checked against are those encode produces.
        torch::NoGradGuard noGrad;
        const auto zs = model->encode(torch::rand({2, c.inChannels, c.imageSize, c.imageSize}) - 0.5).zs;
        QCOMPARE(int64_t(zs.size()), c.levels);
        for (int64_t l = 0; l < c.levels; ++l) QCOMPARE(glowLatentShape(c, l), zs[size_t(l)].sizes().slice(1).vec());
    }

    void invalidConfigurationsAreRefusedBeforeDerivation() {
        FlowConfig f;
        f.layers = 5000;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, flowParameterShapes(f));
        GlowConfig g;
        g.levels = 9;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, glowParameterShapes(g));
    }
};

QTEST_APPLESS_MAIN(TestParameterShapes)
#include "test_parameter_shapes.moc"
