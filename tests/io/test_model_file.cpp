// FlowScope model files: save → load gives the same outputs bit for bit for every flow type,
// and damaged or hostile files give one clear error naming the file, never a crash.

#include "common/test_support.h"
#include "glow/glow_model.h"
#include "io/flow_model_file.h"
#include "io/glow_model_file.h"
#include "io/model_file.h"
#include "util/random.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <functional>

using namespace flowscope;

namespace {

FlowModel makeModel(const std::string& flow, bool actnorm = false) {
    FlowConfig c;
    c.flow = test::flowKindNamed(flow);
    c.layers = 4;
    c.hidden = 8;
    c.seed = 3;
    c.actnorm = actnorm;
    c.base = flow == "radial" ? BaseKind::Diagonal : BaseKind::Standard;
    FlowModel m(c);
    test::perturbParameters(*m, 0.3, 11);
    return m;
}

std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

/// Runs `load` and checks it throws ModelFileError whose message names the file and contains `what`.
template <typename F>
void expectModelFileError(F load, const std::string& path, const QString& what) {
    try {
        load();
        QFAIL(qPrintable("no error for " + what));
    } catch (const ModelFileError& e) {
        const QString msg = e.what();
        QVERIFY2(msg.contains(QString::fromStdString(path)), e.what());
        QVERIFY2(msg.contains(what, Qt::CaseInsensitive), e.what());
        QVERIFY2(!msg.contains('\n'), "the message should be one line");
    }
}

}  // namespace

class TestModelFile : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

private slots:
    void saveLoadIsBitExact_data() {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<bool>("actnorm");
        QTest::newRow("planar") << "planar" << false;
        QTest::newRow("radial (diagonal base)") << "radial" << false;
        QTest::newRow("affine + actnorm") << "affine" << true;
        QTest::newRow("additive") << "additive" << false;
    }
    void saveLoadIsBitExact() {
        QFETCH(QString, flow);
        QFETCH(bool, actnorm);
        auto model = makeModel(flow.toStdString(), actnorm);
        auto gen = makeGenerator(2);
        auto x = torch::randn({64, 2}, gen);
        if (actnorm) model->logProb(x);  // data-dependent init happens on first use
        QJsonObject meta{{"target", "U1"}, {"steps", 7}};
        saveFlowModel(path("m.fsm"), *model, meta);
        auto loaded = loadFlowModel(path("m.fsm"));
        QCOMPARE(loaded.metadata.value("target").toString(), QString("U1"));
        QCOMPARE(loaded.model->config().flow, test::flowKindNamed(flow.toStdString()));
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(loaded.model->logProb(x), model->logProb(x)));
        auto z0 = torch::randn({16, 2}, gen);
        QVERIFY(torch::equal(loaded.model->trajectory(z0).z.back(), model->trajectory(z0).z.back()));
        // ActNorm's "initialised" flag travels with the file: no re-initialisation on load.
        for (const auto& b : loaded.model->named_buffers())
            if (b.key().find("initialized") != std::string::npos) QCOMPARE(b.value().item<float>(), 1.0f);
    }

    void overwritingIsAtomic() {
        auto model = makeModel("planar");
        saveFlowModel(path("a.fsm"), *model);
        const std::string before = readBytes(path("a.fsm"));
        // A failed save (here: a tensor type the format does not hold) leaves the old file intact.
        ModelFile bad;
        bad.kind = "flow2d";
        bad.tensors.emplace_back("x", torch::zeros({2}, torch::kInt16));
        QVERIFY_THROWS_EXCEPTION(ModelFileError, writeModelFile(path("a.fsm"), bad));
        QCOMPARE(readBytes(path("a.fsm")), before);
    }

    void truncatedFilesAreRejected() {
        saveFlowModel(path("t.fsm"), *makeModel("affine"));
        const std::string full = readBytes(path("t.fsm"));
        for (size_t len :
             {size_t(0), size_t(5), size_t(12), size_t(19), size_t(20), size_t(60), full.size() / 2, full.size() - 1}) {
            writeBytes(path("cut.fsm"), full.substr(0, len));
            try {
                loadFlowModel(path("cut.fsm"));
                QFAIL(qPrintable(QString("a file cut to %1 bytes loaded").arg(len)));
            } catch (const ModelFileError& e) {
                QVERIFY2(QString(e.what()).contains("cut.fsm"), e.what());
            }
        }
    }

    void hostileBytesAreRejected() {
        auto gen = makeGenerator(5);
        for (int i = 0; i < 50; ++i) {
            auto noise = torch::randint(0, 256, {1 + 37 * i}, gen, torch::kUInt8);
            std::string bytes(reinterpret_cast<const char*>(noise.data_ptr<uint8_t>()),
                              static_cast<size_t>(noise.numel()));
            if (i % 2 == 0) bytes = std::string("FLOWSCPE\x01\0\0\0", 12) + bytes;  // right magic, garbage after
            writeBytes(path("r.fsm"), bytes);
            QVERIFY_THROWS_EXCEPTION(ModelFileError, loadFlowModel(path("r.fsm")));
        }
    }

    void damagedFilesGiveClearMessages_data() {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad magic") << 0 << "signature";
        QTest::newRow("future version") << 1 << "version 7";
        QTest::newRow("payload bit flip") << 2 << "checksum";
        QTest::newRow("header not JSON") << 3 << "not valid JSON";
        QTest::newRow("absurd header length") << 4 << "runs past the end";
    }
    void damagedFilesGiveClearMessages() {
        QFETCH(int, damage);
        QFETCH(QString, expected);
        saveFlowModel(path("d.fsm"), *makeModel("planar"));
        std::string b = readBytes(path("d.fsm"));
        switch (damage) {
            case 0:
                b[0] = 'X';
                break;
            case 1:
                b[8] = 7;
                break;
            case 2:
                b[b.size() - 3] ^= 0x10;
                break;
            case 3:
                b[20] = '#';
                break;
            case 4:
                b[19] = 0x40;
                break;
        }
        writeBytes(path("d.fsm"), b);
        expectModelFileError([&] { loadFlowModel(path("d.fsm")); }, path("d.fsm"), expected);
    }

    void inconsistentContentsAreRejected_data() {
        QTest::addColumn<int>("variant");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong shape") << 0 << "is [3] where the architecture needs [2]";
        QTest::newRow("missing tensor") << 1 << "missing";
        QTest::newRow("extra tensor") << 2 << "tensor 'surplus' the architecture does not use";
        QTest::newRow("NaN values") << 3 << "NaN";
        QTest::newRow("wrong kind") << 4 << "not a 2D flow";
        QTest::newRow("bad architecture") << 5 << "unknown flow";
        QTest::newRow("absurd size") << 6 << "absurdly large";
        QTest::newRow("extra tensor with a line break") << 7 << "tensor 'sur?plus' the architecture does not use";
        QTest::newRow("unknown base") << 8 << "unknown base 'student-t' (expected standard, diagonal or uniform)";
        QTest::newRow("unknown mask, quoted printable") << 9 << "unknown mask 'ha?lf' (expected half or alternating)";
    }
    void inconsistentContentsAreRejected() {
        QFETCH(int, variant);
        QFETCH(QString, expected);
        auto model = makeModel("planar");
        ModelFile f;
        f.kind = "flow2d";
        f.architecture = toJson(model->config());
        for (const auto& p : model->named_parameters()) f.tensors.emplace_back(p.key(), p.value());
        switch (variant) {
            case 0:
                f.tensors[0].second = torch::zeros({3});
                break;
            case 1:
                f.tensors.pop_back();
                break;
            case 2:
                f.tensors.emplace_back("surplus", torch::zeros({1}));
                break;
            case 3:
                f.tensors[1].second = torch::full({2}, std::nan(""));
                break;
            case 4:
                f.kind = "glow";
                break;
            case 5:
                f.architecture["flow"] = "spline";
                break;
            case 6:
                break;
            case 7:
                f.tensors.emplace_back("sur\nplus", torch::zeros({1}));
                break;
            case 8:
                f.architecture["base"] = "student-t";
                break;
            case 9:
                f.architecture["mask"] = "ha\nlf";
                break;
        }
        if (variant == 6) {
            // Hand-edit the header so a tensor claims 10^9 × 10^9 elements.
            writeModelFile(path("c.fsm"), f);
            std::string b = readBytes(path("c.fsm"));
            const std::string from = "\"shape\":[2]";
            const auto at = b.find(from);
            QVERIFY(at != std::string::npos);
            const std::string to = "\"shape\":[1000000000,1000000000]";
            b.replace(at, from.size(), to);
            // Keep the header length field honest so the size check is what fails.
            uint64_t len = 0;
            for (int i = 0; i < 8; ++i) len |= uint64_t(uint8_t(b[12 + i])) << (8 * i);
            len += to.size() - from.size();
            for (int i = 0; i < 8; ++i) b[12 + i] = char((len >> (8 * i)) & 0xFF);
            writeBytes(path("c.fsm"), b);
        } else {
            try {
                writeModelFile(path("c.fsm"), f);
            } catch (const ModelFileError&) {
                QFAIL("writing should succeed; loading is what must fail");
            }
        }
        expectModelFileError([&] { loadFlowModel(path("c.fsm")); }, path("c.fsm"), expected);
    }

    void hostileHeadersAllocateNothing_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        // The sizes of issue 10's report: built, these would take 4-20 GB and minutes.
        QTest::newRow("2D: affine 1024 layers x hidden 4096") << "flow2d"
                                                              << "tensor 'flows.0.mask' is missing";
        QTest::newRow("Glow: 8 levels x 64 steps x hidden 4096")
            << "glow"
            << "is [4, 2, 3, 3] where the architecture needs [4096, 2, 3, 3]";
    }
    void hostileHeadersAllocateNothing() {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        const std::string file = path("hostile.fsm");
        if (kind == "flow2d") {
            saveFlowModel(file, *makeModel("planar"));
            test::editModelArchitecture(file, [](QJsonObject& a) {
                a["flow"] = "affine";
                a["layers"] = 1024;
                a["hidden"] = 4096;
            });
        } else {
            GlowConfig c;
            c.inChannels = 1;
            c.imageSize = 256;
            c.levels = 1;
            c.steps = 1;
            c.hidden = 4;
            GlowModel small(c);
            saveGlowModel(file, *small, {});
            test::editModelArchitecture(file, [](QJsonObject& a) {
                a["levels"] = 8;
                a["steps"] = 64;
                a["hidden"] = 4096;
            });
        }
        QVERIFY(readBytes(file).size() < 64 * 1024);
        const double before = test::peakResidentMiB();
        auto load = [&] { kind == "flow2d" ? (void)loadFlowModel(file) : (void)loadGlowModel(file); };
        expectModelFileError(load, file, expected);
        // The model the header claims would need gigabytes; refusing it must cost next to nothing.
        QVERIFY2(test::peakResidentMiB() - before < 64,
                 qPrintable(QString("peak memory grew by %1 MiB").arg(test::peakResidentMiB() - before)));
    }

    // Found by tests/fuzz/fuzz_model_file: an empty tensor handed memcpy a null pointer (UBSan in
    // the sanitized run), and names and types from the header reached messages verbatim, line
    // breaks included.
    void oddTensorsFoundByFuzzing_data() {
        QTest::addColumn<int>("variant");
        QTest::addColumn<QString>("expected");  // empty: the file loads
        QTest::newRow("empty tensor") << 0 << "";
        QTest::newRow("line break in a tensor name") << 1 << "tensor 'line?break' holds NaN";
        QTest::newRow("line break in a type") << 2 << "has unsupported type 'float?32'";
        QTest::newRow("line break in the kind") << 3 << "invalid model kind 'flow?2d'";
    }
    void oddTensorsFoundByFuzzing() {
        QFETCH(int, variant);
        QFETCH(QString, expected);
        ModelFile f;
        f.kind = "flow2d";
        if (variant == 0) f.tensors.emplace_back("empty", torch::zeros({0, 3}));
        if (variant == 1) f.tensors.emplace_back("line\nbreak", torch::full({2}, std::nan("")));
        if (variant == 2) f.tensors.emplace_back("w", torch::zeros({2}));
        if (variant == 3) f.kind = "flow\n2d";
        const std::string file = path("odd.fsm");
        writeModelFile(file, f);
        if (variant == 2) {
            // The header's type becomes "float\n32" (a JSON escape), the header length kept honest.
            std::string b = readBytes(file);
            const std::string from = "\"dtype\":\"float32\"", to = "\"dtype\":\"float\\n32\"";
            const auto at = b.find(from);
            QVERIFY(at != std::string::npos);
            b.replace(at, from.size(), to);
            uint64_t len = 0;
            for (int i = 0; i < 8; ++i) len |= uint64_t(uint8_t(b[12 + i])) << (8 * i);
            len += to.size() - from.size();
            for (int i = 0; i < 8; ++i) b[12 + i] = char((len >> (8 * i)) & 0xFF);
            writeBytes(file, b);
        }
        if (expected.isEmpty()) {
            const ModelFile loaded = readModelFile(file);
            QCOMPARE(loaded.tensors.size(), size_t(1));
            QVERIFY(loaded.tensors[0].second.sizes().vec() == std::vector<int64_t>({0, 3}));
            return;
        }
        expectModelFileError([&] { readModelFile(file); }, file, expected);
    }

    void missingFileIsAnError() { QVERIFY_THROWS_EXCEPTION(ModelFileError, loadFlowModel(path("nowhere.fsm"))); }
};

QTEST_APPLESS_MAIN(TestModelFile)
#include "test_model_file.moc"
