// VAE model files: save → load gives the same outputs bit for bit (flow kinds, amortised and
// global, training state), and hostile files — a header asking for a huge model, a wrong kind,
// misshapen or missing tensors, bad fields — get one clear error before anything is built.

#include "io/model_file.h"
#include "io/vae_model_file.h"
#include "util/random.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowscope;

Q_DECLARE_METATYPE(flowscope::VaeFlow)

namespace {

VaeConfig config(VaeFlow flow, bool amortised) {
    VaeConfig c;
    c.imageSize = 5;
    c.latent = 3;
    c.flow = flow;
    c.layers = flow == VaeFlow::None ? 0 : 2;
    c.amortised = amortised;
    c.encoderHidden = {7, 6};
    c.decoderHidden = {4};
    c.activation = VaeActivation::Tanh;
    c.seed = 0xFFFFFFFFFFFFFFF1ull;  // survives the trip (stored as text)
    return c;
}

}  // namespace

class TestVaeModelFile : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string path(const char* name) { return m_dir.filePath(name).toStdString(); }

    void expectError(const std::string& file, const char* fragment) {
        try {
            loadVaeModel(file);
            QFAIL("the file loaded");
        } catch (const ModelFileError& e) {
            QVERIFY2(QString(e.what()).contains(fragment), e.what());
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(file)), e.what());
        }
    }

private slots:
    void roundTripGivesTheSameOutputs_data() {
        QTest::addColumn<VaeFlow>("flow");
        QTest::addColumn<bool>("amortised");
        QTest::newRow("mean field") << VaeFlow::None << true;
        QTest::newRow("amortised planar") << VaeFlow::Planar << true;
        QTest::newRow("global planar") << VaeFlow::Planar << false;
        QTest::newRow("amortised radial") << VaeFlow::Radial << true;
    }
    void roundTripGivesTheSameOutputs() {
        QFETCH(VaeFlow, flow);
        QFETCH(bool, amortised);
        VaeModel m(config(flow, amortised));
        VaeFileExtras extras;
        extras.metadata["data"] = "fashion-mnist";
        extras.trainingState["step"] = torch::full({1}, 17, torch::kInt64);
        saveVaeModel(path("m.fsm"), *m, extras);
        auto loaded = loadVaeModel(path("m.fsm"));
        QCOMPARE(loaded.model->config().seed, m->config().seed);
        QCOMPARE(loaded.model->config().encoderHidden, m->config().encoderHidden);
        QCOMPARE(loaded.extras.metadata.value("data").toString(), QString("fashion-mnist"));
        QCOMPARE(loaded.extras.trainingState.at("step").item<int64_t>(), int64_t(17));
        auto gen = makeGenerator(3);
        auto x = (uniformTensor({4, 25}, 0, 1, gen) > 0.5).to(torch::kFloat32);
        torch::NoGradGuard g;
        auto a = m->encode(x), b = loaded.model->encode(x);
        QVERIFY(torch::equal(a.mu, b.mu));
        QVERIFY(torch::equal(a.logSigma, b.logSigma));
        if (flow != VaeFlow::None) QVERIFY(torch::equal(a.flowParams, b.flowParams));
        auto z = uniformTensor({4, 2, 3}, -1, 1, gen);
        QVERIFY(torch::equal(m->logLikelihood(x, z), loaded.model->logLikelihood(x, z)));
    }

    /// A 4 KB file whose header claims encoder widths 8192 × 8: refused by the shape check,
    /// before a 2 GB model is built.
    void aHeaderCannotAskForAHugeModel() {
        ModelFile f;
        f.kind = "vae";
        auto arch = toJson(config(VaeFlow::Planar, true));
        arch["encoder_hidden"] = QJsonArray{8192, 8192, 8192, 8192, 8192, 8192, 8192, 8192};
        f.architecture = arch;
        f.tensors.emplace_back("mu.weight", torch::zeros({3, 6}));
        writeModelFile(path("huge.fsm"), f);
        expectError(path("huge.fsm"), "parameters");
        arch["encoder_hidden"] = QJsonArray{8192, 8192};
        f.architecture = arch;
        writeModelFile(path("big.fsm"), f);
        expectError(path("big.fsm"), "encoder.0.weight");
    }

    void hostileFieldsAreNamed_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("latent missing") << "latent" << QJsonValue() << "latent";
        QTest::newRow("latent fractional") << "latent" << QJsonValue(2.5) << "latent";
        QTest::newRow("latent huge") << "latent" << QJsonValue(1e12) << "latent";
        QTest::newRow("flow unknown") << "flow" << QJsonValue("sylvester") << "flow";
        QTest::newRow("layers negative") << "layers" << QJsonValue(-1) << "flow layers";
        QTest::newRow("widths not a list") << "decoder_hidden" << QJsonValue(64) << "decoder_hidden";
        QTest::newRow("width zero") << "decoder_hidden" << QJsonValue(QJsonArray{0}) << "decoder_hidden";
        QTest::newRow("amortised not bool") << "amortised" << QJsonValue("yes") << "amortised";
        QTest::newRow("activation unknown") << "activation" << QJsonValue("swish") << "activation";
        QTest::newRow("seed not a number") << "seed" << QJsonValue("x") << "seed";
    }
    void hostileFieldsAreNamed() {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        VaeModel m(config(VaeFlow::Planar, true));
        saveVaeModel(path("good.fsm"), *m);
        ModelFile f = readModelFile(path("good.fsm"));
        if (value.isUndefined() || value.isNull())
            f.architecture.remove(field);
        else
            f.architecture[field] = value;
        writeModelFile(path("bad.fsm"), f);
        expectError(path("bad.fsm"), qPrintable(expected));
    }

    void wrongTensorsAreNamed() {
        VaeModel m(config(VaeFlow::Planar, true));
        saveVaeModel(path("good.fsm"), *m);
        ModelFile f = readModelFile(path("good.fsm"));
        auto missing = f;
        missing.tensors.erase(missing.tensors.begin());
        writeModelFile(path("missing.fsm"), missing);
        expectError(path("missing.fsm"), "encoder.0.weight");
        auto misshapen = f;
        for (auto& [name, t] : misshapen.tensors)
            if (name == "flow.weight") t = torch::zeros({3, 6});
        writeModelFile(path("misshapen.fsm"), misshapen);
        expectError(path("misshapen.fsm"), "flow.weight");
        auto extra = f;
        extra.tensors.emplace_back("stowaway", torch::zeros({2}));
        writeModelFile(path("extra.fsm"), extra);
        expectError(path("extra.fsm"), "stowaway");
        auto kind = f;
        kind.kind = "glow";
        writeModelFile(path("kind.fsm"), kind);
        expectError(path("kind.fsm"), "not a VAE");
    }
};

QTEST_GUILESS_MAIN(TestVaeModelFile)
#include "test_vae_model_file.moc"
