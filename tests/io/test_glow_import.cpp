// Import parity with rosinality/glow-pytorch: the fixture checkpoint, imported, reproduces that
// implementation's log p, log-det, bits/dim, every latent, the sample decoded from its
// temperature-0.7 latents and the reconstruction, to 1e-5 relative. Plus the native Glow file
// (save/load identity, hostile files) and unsupported checkpoints explained in one sentence.

#include "common/test_support.h"
#include "glow/glow_model.h"
#include "io/glow_model_file.h"
#include "io/glow_pytorch_import.h"
#include "io/model_file.h"
#include "io/torch_checkpoint_reader.h"
#include "io/y0ast_glow_import.h"
#include "util/random.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <map>

using namespace flowscope;

namespace {

double relativeError(const torch::Tensor& a, const torch::Tensor& b) {
    auto x = a.to(torch::kFloat64), y = b.to(torch::kFloat64);
    return ((x - y).abs().max() / (y.abs().max() + 1e-12)).item<double>();
}

QString fixtureDir() {
    const QString shared = test::sharedDir();
    return shared.isEmpty() ? QString() : shared + "/fixtures/glow-pytorch/affine-lu-L3K1-16px";
}

}  // namespace

class TestGlowImport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    LoadedGlowModel m_imported;
    std::map<std::string, torch::Tensor> m_ref;

private slots:
    void initTestCase() {
        if (fixtureDir().isEmpty() || !QFile::exists(fixtureDir() + "/model.pt")) return;
        m_imported = importGlowPytorch((fixtureDir() + "/model.pt").toStdString(), {16, 5});
        for (auto& t : readTorchTensorTree((fixtureDir() + "/reference.pt").toStdString())) m_ref[t.name] = t.tensor;
        m_imported.model->eval();
    }

    void infersTheArchitecture() {
        if (!m_imported.model)
            FLOWSCOPE_SKIP_WITHOUT_SHARED("../shared/fixtures is absent: the glow-pytorch parity checks need it");
        const auto& c = m_imported.model->config();
        QCOMPARE(c.levels, int64_t(3));
        QCOMPARE(c.steps, int64_t(1));
        QCOMPARE(c.hidden, int64_t(512));
        QCOMPARE(c.inChannels, int64_t(3));
        QVERIFY(c.affine && c.lu && c.luInLastLevel);
    }

    void reproducesLogDensities() {
        if (!m_imported.model)
            FLOWSCOPE_SKIP_WITHOUT_SHARED("../shared/fixtures is absent: the glow-pytorch parity checks need it");
        torch::NoGradGuard noGrad;
        auto e = m_imported.model->encode(m_ref.at("x").to(torch::kFloat32));
        const double lp = relativeError(e.logP, m_ref.at("log_p"));
        const double ld = relativeError(e.logdet, m_ref.at("logdet"));
        const double bpd = relativeError(GlowModelImpl::bitsPerDim(e.logP, e.logdet, m_imported.model->config()),
                                         m_ref.at("bits_per_dim"));
        qInfo("relative errors: log_p %.2e, logdet %.2e, bits/dim %.2e", lp, ld, bpd);
        QVERIFY(lp < 1e-5 && ld < 1e-5 && bpd < 1e-5);
        for (int l = 0; l < 3; ++l) {
            const auto& ref = m_ref.at("z_outs." + std::to_string(l));
            QCOMPARE(e.zs[static_cast<size_t>(l)].sizes(), ref.sizes());
            const double err = relativeError(e.zs[static_cast<size_t>(l)], ref);
            QVERIFY2(err < 1e-5, qPrintable(QString("z_%1 relative error %2").arg(l).arg(err)));
        }
    }

    void reproducesSamplingAndReconstruction() {
        if (!m_imported.model)
            FLOWSCOPE_SKIP_WITHOUT_SHARED("../shared/fixtures is absent: the glow-pytorch parity checks need it");
        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> temp, outs;
        for (int l = 0; l < 3; ++l) {
            temp.push_back(m_ref.at("z_temp." + std::to_string(l)).to(torch::kFloat32));
            outs.push_back(m_ref.at("z_outs." + std::to_string(l)).to(torch::kFloat32));
        }
        // glow-pytorch's reverse(z_temp) treats its inputs as the noise already scaled by T.
        const double sample = relativeError(m_imported.model->decodeNoise(temp), m_ref.at("sample_from_z_temp"));
        const double recon = relativeError(m_imported.model->decode(outs), m_ref.at("reconstruction"));
        qInfo("relative errors: sample %.2e, reconstruction %.2e", sample, recon);
        QVERIFY(sample < 1e-5);
        QVERIFY(recon < 1e-5);
        QVERIFY((m_imported.model->decode(outs) - m_ref.at("x")).abs().max().item<double>() < 1e-5);
    }

    void nativeFileRoundTrip() {
        if (!m_imported.model)
            FLOWSCOPE_SKIP_WITHOUT_SHARED("../shared/fixtures is absent: the glow-pytorch parity checks need it");
        const std::string path = m_dir.filePath("imported.fsm").toStdString();
        AttributeVector v;
        v.name = "Smiling";
        v.positives = 3;
        v.negatives = 4;
        v.source = "test";
        for (int64_t l = 0; l < 3; ++l) v.levels.push_back(torch::randn(m_imported.model->latentShape(l)));
        GlowFileExtras extras = m_imported.extras;
        extras.attributes.push_back(v);
        saveGlowModel(path, *m_imported.model, extras);
        auto loaded = loadGlowModel(path);
        torch::NoGradGuard noGrad;
        auto x = m_ref.at("x").to(torch::kFloat32);
        QVERIFY(torch::equal(loaded.model->encode(x).logP, m_imported.model->encode(x).logP));
        QCOMPARE(int(loaded.extras.attributes.size()), 1);
        QCOMPARE(loaded.extras.attributes[0].name, std::string("Smiling"));
        QVERIFY(torch::equal(loaded.extras.attributes[0].levels[2], v.levels[2]));
        QCOMPARE(loaded.extras.metadata.value("source").toString(), QString("glow-pytorch"));
    }

    void unsupportedCheckpointsAreExplained() {
        // A 2D flow is a native model, not a glow-pytorch checkpoint; random bytes are nothing.
        const std::string junk = m_dir.filePath("junk.pt").toStdString();
        std::ofstream(junk, std::ios::binary) << std::string(1000, 'j');
        try {
            importGlowPytorch(junk, {});
            QFAIL("imported junk");
        } catch (const ModelFileError& e) {
            QVERIFY2(QString(e.what()).contains("junk.pt"), e.what());
            QVERIFY(!QString(e.what()).contains('\n'));
        }
        // Hostile native Glow files: truncated at many lengths.
        GlowConfig c;
        c.inChannels = 1;
        c.imageSize = 8;
        c.levels = 2;
        c.steps = 1;
        c.hidden = 4;
        GlowModel small(c);
        const std::string good = m_dir.filePath("small.fsm").toStdString();
        saveGlowModel(good, *small, {});
        std::ifstream in(good, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        for (size_t len : {size_t(0), size_t(10), bytes.size() / 3, bytes.size() - 2}) {
            const std::string cut = m_dir.filePath("cut.fsm").toStdString();
            std::ofstream(cut, std::ios::binary | std::ios::trunc) << bytes.substr(0, len);
            QVERIFY_THROWS_EXCEPTION(ModelFileError, loadGlowModel(cut));
        }
        // A 2D flow file is refused by the Glow loader with a message saying why.
        try {
            ModelFile f;
            f.kind = "flow2d";
            writeModelFile(m_dir.filePath("flow.fsm").toStdString(), f);
            loadGlowModel(m_dir.filePath("flow.fsm").toStdString());
            QFAIL("loaded a 2D flow as Glow");
        } catch (const ModelFileError& e) {
            QVERIFY(QString(e.what()).contains("not a Glow model"));
        }
    }

    void shuffleIndicesSurviveSaveAndLoad() {
        GlowConfig c;
        c.inChannels = 1;
        c.imageSize = 8;
        c.levels = 2;
        c.steps = 2;
        c.hidden = 4;
        c.permutation = GlowPermutation::Shuffle;
        GlowModel model(c, 9);
        const std::string path = m_dir.filePath("shuffle.fsm").toStdString();
        saveGlowModel(path, *model, {});
        auto loaded = loadGlowModel(path);
        QCOMPARE(int(loaded.model->config().permutation), int(GlowPermutation::Shuffle));
        // A model built from the same config but another seed has other indices: they come from the file.
        GlowModel other(c, 10);
        bool differs = false;
        auto mine = model->named_buffers(true), theirs = other->named_buffers(true);
        for (const auto& b : loaded.model->named_buffers(true)) {
            QVERIFY(torch::equal(b.value(), mine[b.key()]));
            if (b.key().find("indices") != std::string::npos && !torch::equal(b.value(), theirs[b.key()]))
                differs = true;
        }
        QVERIFY(differs);
        torch::NoGradGuard g;
        auto x = torch::rand({2, 1, 8, 8}) - 0.5;
        QVERIFY(torch::equal(model->encode(x).logP, loaded.model->encode(x).logP));

        // Indices that are not a permutation, and an unknown permutation name: one line each.
        ModelFile file = readModelFile(path);
        for (auto& [name, t] : file.tensors)
            if (name == "blocks.0.flows.1.invconv.indices") t = torch::zeros_like(t);
        writeModelFile(m_dir.filePath("bad-indices.fsm").toStdString(), file);
        try {
            loadGlowModel(m_dir.filePath("bad-indices.fsm").toStdString());
            QFAIL("loaded indices that are not a permutation");
        } catch (const ModelFileError& e) {
            QVERIFY2(QString(e.what()).contains("blocks.0.flows.1.invconv.indices") &&
                         QString(e.what()).contains("not a permutation"),
                     e.what());
        }
        file = readModelFile(path);
        file.architecture["permutation"] = "butterfly";
        writeModelFile(m_dir.filePath("bad-name.fsm").toStdString(), file);
        try {
            loadGlowModel(m_dir.filePath("bad-name.fsm").toStdString());
            QFAIL("loaded an unknown permutation");
        } catch (const ModelFileError& e) {
            QVERIFY2(QString(e.what()).contains("butterfly") && QString(e.what()).contains("shuffle"), e.what());
        }
        // Files from before the field existed read as the 1×1 convolution.
        GlowConfig old = c;
        old.permutation = GlowPermutation::Conv1x1;
        GlowModel conv(old);
        saveGlowModel(m_dir.filePath("old.fsm").toStdString(), *conv, {});
        file = readModelFile(m_dir.filePath("old.fsm").toStdString());
        file.architecture.remove("permutation");
        writeModelFile(m_dir.filePath("old.fsm").toStdString(), file);
        QCOMPARE(int(loadGlowModel(m_dir.filePath("old.fsm").toStdString()).model->config().permutation),
                 int(GlowPermutation::Conv1x1));
    }

    void y0astImportReproducesThatProject() {
        const QString shared = test::sharedDir();
        if (shared.isEmpty()) FLOWSCOPE_SKIP_WITHOUT_SHARED("../shared/fixtures is absent: y0ast parity needs it");
        const QString dir = shared + "/fixtures/y0ast-glow/affine-invconv-lu-L2K2-16px";
        auto imported = importY0astGlow((dir + "/glow_model_40.pt").toStdString());
        const auto& c = imported.model->config();
        QCOMPARE(c.imageSize, int64_t(16));
        QCOMPARE(c.levels, int64_t(2));
        QCOMPARE(c.steps, int64_t(2));
        QCOMPARE(c.hidden, int64_t(64));
        QCOMPARE(c.nBits, int64_t(8));
        QVERIFY(c.affine && c.lu && !c.onesPadding);
        std::map<std::string, torch::Tensor> ref;
        for (auto& t : readTorchTensorTree((dir + "/reference.pt").toStdString())) ref[t.name] = t.tensor;
        torch::NoGradGuard g;
        imported.model->eval();
        const auto x = ref.at("x");
        auto e = imported.model->encode(x);
        QVERIFY2(relativeError(e.logP + e.logdet, ref.at("log_px")) < 1e-5,
                 qPrintable(QString::number(relativeError(e.logP + e.logdet, ref.at("log_px")))));
        QVERIFY(relativeError(e.logdet, ref.at("flow_logdet")) < 1e-5);
        QVERIFY(relativeError(GlowModelImpl::bitsPerDim(e.logP, e.logdet, c), ref.at("bits_per_dim")) < 1e-5);
        QVERIFY(relativeError(e.zs[1], ref.at("z_top")) < 1e-5);
        QVERIFY(relativeError(e.zs[0], ref.at("z_split.0")) < 1e-5);
        QVERIFY(relativeError(imported.model->decode(e.zs), ref.at("reconstruction")) < 1e-5);
        // The T = 0.7 sample from that project's stored noise (split noise in decode order).
        const double t = 0.7;
        auto sample = imported.model->decodeNoise({ref.at("eps_split_decode_order.0") * t, ref.at("eps_top") * t});
        QVERIFY2(relativeError(sample, ref.at("sample")) < 1e-5,
                 qPrintable(QString::number(relativeError(sample, ref.at("sample")))));

        // Saved and loaded, the native file gives the same numbers (its padding recorded).
        const std::string native = m_dir.filePath("y0ast.fsm").toStdString();
        saveGlowModel(native, *imported.model, imported.extras);
        auto loaded = loadGlowModel(native);
        QVERIFY(!loaded.model->config().onesPadding);
        loaded.model->eval();
        QVERIFY(torch::equal(loaded.model->encode(x).logP, e.logP));
    }

    void y0astImportRefusesWhatItCannotReproduce() {
        const QString shared = test::sharedDir();
        if (shared.isEmpty()) FLOWSCOPE_SKIP_WITHOUT_SHARED("../shared/fixtures is absent");
        const QString dir = shared + "/fixtures/y0ast-glow/affine-invconv-lu-L2K2-16px";
        QFile h(dir + "/hparams.json");
        QVERIFY(h.open(QIODevice::ReadOnly));
        const QJsonObject hp = QJsonDocument::fromJson(h.readAll()).object();
        auto refusal = [&](const QJsonObject& hparams, int64_t size = 0) {
            const QString path = m_dir.filePath("hp.json");
            QFile f(path);
            f.open(QIODevice::WriteOnly | QIODevice::Truncate);
            f.write(QJsonDocument(hparams).toJson());
            f.close();
            try {
                Y0astImportOptions o;
                o.hparamsPath = path.toStdString();
                o.imageSize = size;
                importY0astGlow((dir + "/glow_model_40.pt").toStdString(), o);
            } catch (const ModelFileError& e) {
                return QString(e.what());
            }
            return QString();
        };
        auto says = [](const QString& message, const char* part) {
            return message.contains(part) && !message.contains('\n');
        };
        QJsonObject shuffle = hp;
        shuffle["flow_permutation"] = "shuffle";
        QVERIFY(says(refusal(shuffle), "1×1 convolutions"));  // the tensors say invconv
        QJsonObject conditional = hp;
        conditional["y_condition"] = true;
        QVERIFY(says(refusal(conditional), "class-conditional"));
        QJsonObject steps = hp;
        steps["K"] = 32;
        QVERIFY(says(refusal(steps), "K = 32"));
        QVERIFY(says(refusal(hp, 32), "16×16"));
        QVERIFY(refusal(hp).isEmpty());
        // A glow-pytorch checkpoint is not a y0ast one: one line saying what is missing.
        const QString gp = fixtureDir();
        if (!gp.isEmpty()) {
            try {
                importY0astGlow((gp + "/model.pt").toStdString());
                QFAIL("imported a glow-pytorch checkpoint as y0ast");
            } catch (const ModelFileError& e) {
                QVERIFY2(QString(e.what()).contains("flow.layers"), e.what());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestGlowImport)
#include "test_glow_import.moc"
