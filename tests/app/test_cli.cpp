// flowscope-cli as a user meets it: help and version, one-line errors with exit status 2 for
// every kind of bad input, and the JSON and files each command promises.

#include "common/test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QImageReader>
#include <QtTest>

#include <cmath>

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Result {
        int code = -1;
        QString out, err;
    };

    static Result cli(const QStringList& args, int timeoutMs = 120000) {
        QProcess p;
        p.start(flowscope::test::binaryDir() + "/flowscope-cli", args);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            return {-2, {}, "timed out"};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    static QJsonObject lastJson(const QString& out) {
        const auto lines = out.trimmed().split('\n');
        return QJsonDocument::fromJson(lines.back().toUtf8()).object();
    }

    QString file(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void helpAndVersion() {
        auto r = cli({"--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("train2d") && r.out.contains("density2d") && r.out.contains("bench"));
        r = cli({"train2d", "--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("--target"));
        r = cli({"--version"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("flowscope-cli "));
        QVERIFY(r.out.contains("LibTorch"));
    }

    void badInputGivesOneLineAndStatus2_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QStringList base{"train2d", "--target", "U1", "--flow", "planar", "--steps", "5"};
        QTest::newRow("no arguments") << QStringList{} << "usage";
        QTest::newRow("unknown command") << QStringList{"fly"} << "unknown command 'fly'";
        QTest::newRow("unknown option") << (base + QStringList{"--wings", "2"}) << "unknown option '--wings'";
        QTest::newRow("missing value") << (base + QStringList{"--layers"}) << "needs a value";
        QTest::newRow("not a number") << (base + QStringList{"--layers", "many"}) << "expects an integer";
        QTest::newRow("out of range") << (base + QStringList{"--layers", "0"}) << "between 1 and";
        QTest::newRow("bad learning rate") << (base + QStringList{"--lr", "-1"}) << "--lr";
        QTest::newRow("repeated option") << (base + QStringList{"--seed", "1", "--seed", "2"}) << "more than once";
        QTest::newRow("unknown target") << QStringList{"train2d", "--target", "U9", "--flow", "planar"}
                                        << "unknown target 'U9'";
        QTest::newRow("unknown flow") << QStringList{"train2d", "--target", "U1", "--flow", "spline"}
                                      << "unknown flow 'spline'";
        QTest::newRow("missing target") << QStringList{"train2d", "--flow", "planar"} << "--target";
        QTest::newRow("anneal conflict") << (base + QStringList{"--anneal", "5", "--no-anneal"})
                                         << "exclude each other";
        QTest::newRow("cuda absent") << (base + QStringList{"--device", "tpu"}) << "unknown device";
        QTest::newRow("missing csv") << QStringList{"train2d", "--target", "/nonexistent/points.csv", "--flow",
                                                    "affine"}
                                     << "points.csv";
        QTest::newRow("missing model") << QStringList{"density2d", "--model", "/nonexistent/m.fsm", "--out", "/tmp/x"}
                                       << "m.fsm";
        QTest::newRow("bad bounds") << QStringList{"density2d", "--model", "m", "--out", "o", "--bounds", "1,2,3"}
                                    << "--bounds";
        QTest::newRow("bench suite") << QStringList{"bench", "3d"} << "bench needs a suite";
        QTest::newRow("animate overlay") << QStringList{"animate", "--model",    "m",       "--out",
                                                        "a.gif",   "--overlays", "sparkles"}
                                         << "unknown overlay 'sparkles'";
        QTest::newRow("animate fps") << QStringList{"animate", "--model", "m", "--out", "a.gif", "--fps", "120"}
                                     << "--fps";
        QTest::newRow("animate missing model")
            << QStringList{"animate", "--model", "/nonexistent/m.fsm", "--out", "a.gif"} << "m.fsm";
        QTest::newRow("glow command") << QStringList{"glow", "fly"} << "unknown glow command";
        QTest::newRow("glow missing model") << QStringList{"glow", "info", "--model", "/nonexistent/g.fsm"} << "g.fsm";
        QTest::newRow("glow bad coupling")
            << QStringList{"glow", "train", "--data", "faces", "--coupling", "spline"} << "--coupling";
        QTest::newRow("glow lu and plain")
            << QStringList{"glow", "train", "--data", "faces", "--lu", "--plain"} << "exclude each other";
        QTest::newRow("glow permutation")
            << QStringList{"glow", "train", "--data", "faces", "--permutation", "butterfly"} << "--permutation";
        QTest::newRow("glow import format")
            << QStringList{"glow", "import", "--from", "x.pt", "--format", "tf", "--out", "y"} << "unknown format";
        // Every glow and vae command that runs a model takes --device.
        for (const QStringList& command :
             {QStringList{"glow", "sample", "--out", "s.png"},
              QStringList{"glow", "edit", "--image", "a.png", "--out", "e.png"},
              QStringList{"glow", "interpolate", "--a", "a.png", "--b", "b.png", "--out", "i.png"},
              QStringList{"glow", "attributes", "--data", "faces", "--out", "m.fsm"},
              QStringList{"glow", "logp", "--model", "m.fsm", "--input", "x.pt"},
              QStringList{"glow", "eval", "--model", "m.fsm", "--data", "faces"},
              QStringList{"vae", "eval", "--model", "v.fsm"}})
            QTest::newRow(qPrintable(command.mid(0, 2).join(' ') + " device"))
                << (command + QStringList{"--device", "tpu"}) << "unknown device 'tpu'";
        QTest::newRow("glow size") << QStringList{"glow", "train",    "--data", "faces",   "--size",
                                                  "30",   "--levels", "3",      "--iters", "1"}
                                   << "divisible";
    }
    void badInputGivesOneLineAndStatus2() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const auto r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        if (!args.isEmpty()) {
            QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
            QVERIFY(r.err.startsWith("flowscope-cli: "));
            QVERIFY(!r.err.contains("Exception raised from"));  // no LibTorch backtraces
        }
        QVERIFY(r.out.isEmpty());
    }

    void cudaIsUsedOrRefusedInOneLine() {
        // On a GPU machine the shipped model samples there; without one, one line says why.
        const auto r = cli({"glow", "sample", "--device", "cuda", "--n", "2", "--out", file("cuda.png")});
        if (r.code == 0) {
            QVERIFY(QImage(file("cuda.png")).width() > 0);
        } else {
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("sees no CUDA device") && r.err.trimmed().count('\n') == 0, qPrintable(r.err));
        }
        const auto cpu = cli({"glow", "sample", "--device", "cpu", "--n", "2", "--out", file("cpu.png")});
        QVERIFY2(cpu.code == 0 && QImage(file("cpu.png")).width() > 0, qPrintable(cpu.err));
    }

    void animateWritesAGifOfThePlaySequence() {
        auto r = cli({"train2d", "--target", "U1", "--flow", "radial", "--layers", "3", "--steps", "20", "--out",
                      file("anim.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({"animate", "--model", file("anim.fsm"), "--out", file("anim.gif"), "--frames", "7", "--size", "48",
                 "--fps", "10", "--overlays", "particles,grid,label", "--hold", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto j = lastJson(r.out);
        QCOMPARE(j["frames"].toInt(), 7);
        QCOMPARE(j["width"].toInt(), 48);
        QImageReader reader(file("anim.gif"), "gif");
        QCOMPARE(reader.imageCount(), 7);
        QCOMPARE(reader.size(), QSize(48, 48));
        QCOMPARE(qint64(QFileInfo(file("anim.gif")).size()), qint64(j["bytes"].toInteger()));
        std::vector<int> delays;
        QImage frame;
        while (reader.read(&frame)) delays.push_back(reader.nextImageDelay());
        QCOMPARE(delays.size(), size_t(7));
        QCOMPARE(delays.front(), 100);
        QCOMPARE(delays.back(), 2100);  // the last frame holds
        // The default: 4 frames a layer + 1.
        r = cli({"animate", "--model", file("anim.fsm"), "--out", file("anim2.gif"), "--size", "32"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(lastJson(r.out)["frames"].toInt(), 13);
    }

    void hostileModelFilesExit2() {
        QFile f(file("junk.fsm"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(300, '\x7f'));
        f.close();
        const auto r = cli({"density2d", "--model", file("junk.fsm"), "--out", file("junk-out")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("junk.fsm") && r.err.contains("signature"), qPrintable(r.err));
    }

    void hostileHeadersExit2Promptly() {
        // A small real model whose header is edited to claim a huge architecture (issue 10's
        // report: density2d allocated 4-20 GB and hung; glow sample/edit 5-6 GB).
        auto r = cli({"train2d", "--target", "U1", "--flow", "planar", "--layers", "2", "--steps", "5", "--out",
                      file("h2.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        flowscope::test::editModelArchitecture(file("h2.fsm").toStdString(), [](QJsonObject& a) {
            a["flow"] = "affine";
            a["layers"] = 1024;
            a["hidden"] = 4096;
        });
        r = cli({"density2d", "--model", file("h2.fsm"), "--out", file("h2-out")}, 60000);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("h2.fsm") && r.err.contains("is missing") && r.err.trimmed().count('\n') == 0,
                 qPrintable(r.err));

        r = cli({"glow", "train", "--data", "faces", "--size", "16", "--levels", "2", "--steps", "1", "--hidden", "8",
                 "--batch", "4", "--iters", "1", "--out", file("hg.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        flowscope::test::editModelArchitecture(file("hg.fsm").toStdString(), [](QJsonObject& a) {
            a["image_size"] = 256;
            a["levels"] = 8;
            a["steps"] = 64;
            a["hidden"] = 4096;
        });
        for (const QStringList& args :
             {QStringList{"glow", "sample", "--model", file("hg.fsm"), "--out", file("hs.png")},
              QStringList{"glow", "info", "--model", file("hg.fsm")}}) {
            r = cli(args, 60000);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("hg.fsm") && r.err.contains("where the architecture needs"), qPrintable(r.err));
        }
    }

    void glowOutputsAreWhatTheySay() {
        // Built-in faces as a labelled folder, a tiny model trained on them, attribute vectors.
        auto r = cli({"faces", "export", "--count", "24", "--size", "16", "--seed", "3", "--out", file("faces16")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(lastJson(r.out)["count"].toInt(), 24);
        QCOMPARE(QDir(file("faces16")).entryList({"*.png"}, QDir::Files).size(), 24);
        QFile list(file("faces16/list_attr_faces.txt"));
        QVERIFY(list.open(QIODevice::ReadOnly));
        const auto lines = QString(list.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 24 + 2);  // count, names, one line per image
        QVERIFY(lines[1].contains("Smiling") && lines[1].contains("Young"));
        QVERIFY(QFile::exists(file("faces16/attributes.csv")));

        r = cli({"glow", "train", "--data", "faces", "--size", "16", "--levels", "2", "--steps", "1", "--hidden", "8",
                 "--batch", "4", "--iters", "3", "--out", file("t.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({"glow", "attributes", "--model", file("t.fsm"), "--data", file("faces16"), "--attrs", "Smiling,Young",
                 "--out", file("ta.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray vectors = lastJson(r.out)["attributes"].toArray();
        QCOMPARE(vectors.size(), 2);
        for (const auto& v : vectors) {
            QVERIFY(v.toObject()["positives"].toInt() + v.toObject()["negatives"].toInt() == 24);
            QVERIFY(v.toObject()["norm"].toDouble() > 0);
        }
        r = cli({"glow", "info", "--model", file("ta.fsm")});
        QVERIFY2(r.out.contains("Smiling") && r.out.contains("Young"), qPrintable(r.out));

        // edit writes the edited image itself at the model's size, no frame.
        const QString face = file("faces16") + "/" + QDir(file("faces16")).entryList({"*.png"}, QDir::Files).first();
        r = cli({"glow", "edit", "--model", file("ta.fsm"), "--image", face, "--attr", "Smiling=1", "--out",
                 file("e.png"), "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QImage edited(file("e.png"));
        QCOMPARE(edited.size(), QSize(16, 16));
        r = cli({"glow", "edit", "--model", file("ta.fsm"), "--image", face, "--attr", "Smiling=0", "--out",
                 file("e0.png")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(QImage(file("e0.png")) != edited, "Smiling=1 left the face as Smiling=0 does");
        r = cli(
            {"glow", "edit", "--model", file("ta.fsm"), "--image", face, "--attr", "Bald=1", "--out", file("e.png")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("Bald") && r.err.contains("Smiling"), qPrintable(r.err));

        // interpolate: a framed strip of N frames.
        r = cli({"glow", "interpolate", "--model", file("ta.fsm"), "--a", face, "--b", face, "--steps", "5", "--out",
                 file("i.png")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QImage(file("i.png")).size(), QSize(5 * 16 + 6 * 2, 16 + 2 * 2));

        // --temperatures: one per level; 0 everywhere gives the prior's mean, the same image twice.
        r = cli({"glow", "sample", "--model", file("ta.fsm"), "--n", "1", "--temperatures", "0,0", "--seed", "1",
                 "--out", file("m1.png")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(lastJson(r.out)["temperatures"].toArray().size(), 2);
        r = cli({"glow", "sample", "--model", file("ta.fsm"), "--n", "1", "--temperatures", "0,0", "--seed", "2",
                 "--out", file("m2.png")});
        QVERIFY(QImage(file("m1.png")) == QImage(file("m2.png")));
        r = cli({"glow", "sample", "--model", file("ta.fsm"), "--temperatures", "0.5", "--out", file("bad.png")});
        QCOMPARE(r.code, 2);

        // --out DIR/: one PNG per sample at the model's size.
        r = cli({"glow", "sample", "--model", file("ta.fsm"), "--n", "3", "--out", file("samples") + "/"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(lastJson(r.out)["files"].toArray().size(), 3);
        const QStringList pngs = QDir(file("samples")).entryList({"*.png"}, QDir::Files);
        QCOMPARE(pngs.size(), 3);
        for (const auto& png : pngs) QCOMPARE(QImage(file("samples/" + png)).size(), QSize(16, 16));
    }

    void glowEvalReportsBitsPerDimAndItsParts() {
        auto r = cli({"faces", "export", "--count", "12", "--size", "16", "--seed", "4", "--out", file("evfaces")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({"glow", "train", "--data", "faces", "--size", "16", "--levels", "2", "--steps", "1", "--hidden", "8",
                 "--batch", "4", "--iters", "2", "--out", file("ev.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // Two data sets (the built-in test faces and a folder), CSV and histogram.
        r = cli({"glow", "eval", "--model", file("ev.fsm"), "--data", "faces", "--data", file("evfaces"), "--limit",
                 "10", "--batch", "4", "--csv", file("ev.csv"), "--histogram", file("ev.png")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (const auto& line : lines) {
            const QJsonObject j = QJsonDocument::fromJson(line.toUtf8()).object();
            double sum = j["discretisation"].toDouble();
            for (const auto& l : j["levels"].toArray())
                sum += l.toObject()["prior"].toDouble() + l.toObject()["logdet"].toDouble();
            QVERIFY(j["bits_per_dim"].toDouble() > 1.0);
            QVERIFY2(std::abs(sum - j["bits_per_dim"].toDouble()) < 1e-6, qPrintable(line));
            QVERIFY(j["ci95"].toDouble() > 0);
            QCOMPARE(j["levels"].toArray().size(), 2);
        }
        QFile csv(file("ev.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString(csv.readAll()).trimmed().split('\n');
        QCOMPARE(rows.size(), 1 + 10 + 10);
        QCOMPARE(rows[0], QString("model,data,index,class,bits_per_dim"));
        QCOMPARE(QImage(file("ev.png")).size(), QSize(900, 520));
        // Unknown split, too many models, a missing data set: one line, status 2.
        r = cli({"glow", "eval", "--model", file("ev.fsm"), "--data", "faces", "--split", "dev"});
        QVERIFY(r.code == 2 && r.err.contains("--split"));
        r = cli({"glow", "eval", "--model", file("ev.fsm"), "--data", "idx:" + file("none")});
        QVERIFY(r.code == 2 && r.err.contains("not a folder"));
    }

    void glowAblationQuickWritesSixCurves() {
        // --quick's architecture with a shorter budget, on the built-in faces (always present).
        auto r = cli({"glow", "ablation", "--quick", "--data", "faces", "--iters", "6", "--eval-every", "3",
                      "--eval-images", "8", "--batch", "4", "--out", file("abl")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile csv(file("abl/ablation.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString(csv.readAll()).trimmed().split('\n');
        QCOMPARE(rows.size(), 1 + 6 * 2);  // header, six variants × iterations 3 and 6
        QSet<QString> variants;
        for (int i = 1; i < rows.size(); ++i) variants.insert(rows[i].section(',', 0, 1));
        QCOMPARE(variants.size(), 6);
        QCOMPARE(QImage(file("abl/ablation.png")).size(), QSize(1280, 440));
        QFile pdf(file("abl/ablation.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == "%PDF-");
        const QJsonObject j = lastJson(r.out);
        QCOMPARE(j["results"].toArray().size(), 6);
        for (const auto& v : j["results"].toArray()) QVERIFY(v.toObject()["test_bits_per_dim"].toDouble() > 0);
        QVERIFY(j["ordering"].toObject()["affine"].toString().count(" < ") == 2);
        QVERIFY(QFile::exists(file("abl/summary.json")));
    }

    /// The Flow-ELBO commands end to end on a small folder of grey 28×28 faces: train (the lab's
    /// architecture), eval (IS tighter than the ELBO), posterior (the quadrature identity, ∫q_K = 1,
    /// the Monte Carlo ELBO within 4 standard errors), table (CSV, PNG, PDF, summary; a second run
    /// resumes without retraining), and one-line errors.
    void vaeTrainEvalPosteriorAndTable() {
        auto r = cli({"faces", "export", "--count", "40", "--size", "28", "--seed", "2", "--out", file("vaefaces")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString data = file("vaefaces");
        r = cli({"vae", "train", "--data", data, "--lab", "--layers", "2", "--steps", "30", "--batch", "8", "--out",
                 file("vae.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonObject j = lastJson(r.out);
        QCOMPARE(j["steps"].toInt(), 30);
        QVERIFY(j["test_elbo"].toDouble() < 0 && std::isfinite(j["test_elbo"].toDouble()));
        // Resuming keeps the checkpoint's data and settings (no --data, --batch or --lr here).
        r = cli({"vae", "train", "--data", data, "--lab", "--layers", "2", "--steps", "10", "--batch", "6", "--lr",
                 "0.002", "--checkpoint-every", "5", "--out", file("ck.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({"vae", "train", "--resume", file("ck.fsm"), "--steps", "14", "--out", file("ck2.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        j = lastJson(r.out);
        QCOMPARE(j["data"].toString(), data);
        QCOMPARE(j["batch"].toInt(), 6);
        QCOMPARE(j["lr"].toDouble(), 0.002);
        QCOMPARE(j["steps"].toInt(), 14);
        r = cli({"vae", "eval", "--model", file("vae.fsm"), "--data", data, "--samples", "5", "--limit", "12"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        j = lastJson(r.out);
        for (const char* key : {"elbo", "nll_is", "nll_is_stderr", "kl_term", "n"}) QVERIFY2(j.contains(key), key);
        QCOMPARE(j["n"].toInt(), 12);
        QVERIFY(j["nll_is"].toDouble() <= -j["elbo"].toDouble() + 1e-6);
        QVERIFY(j["nll_is_stderr"].toDouble() > 0);
        r = cli({"vae", "posterior", "--model", file("vae.fsm"), "--data", data, "--index", "3", "--grid", "96",
                 "--mc-samples", "4000"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        j = lastJson(r.out);
        const double gap = j["log_px"].toDouble() - j["elbo"].toDouble() - j["kl_qk_posterior"].toDouble();
        QVERIFY2(std::abs(gap) <= 1e-3, qPrintable(r.out));
        QVERIFY2(std::abs(j["q_mass"].toDouble() - 1) <= 1e-3, qPrintable(r.out));
        QVERIFY2(std::abs(j["elbo_mc"].toDouble() - j["elbo"].toDouble()) <= 4 * j["elbo_mc_stderr"].toDouble(),
                 qPrintable(r.out));
        QVERIFY(j["kl_q0_posterior"].toDouble() >= 0);
        r = cli({"vae", "posterior", "--model", file("vae.fsm"), "--data", data, "--index", "999"});
        QVERIFY2(r.code == 2 && r.err.contains("beyond"), qPrintable(r.err));
        r = cli({"vae", "train", "--data", data, "--latent", "3", "--hidden", "16", "--steps", "2", "--out",
                 file("v3.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({"vae", "posterior", "--model", file("v3.fsm"), "--data", data, "--index", "0"});
        QVERIFY2(r.code == 2 && r.err.contains("2-D latent") && r.err.count('\n') == 1, qPrintable(r.err));
        r = cli({"vae", "train", "--data", data, "--hidden", "0,3", "--out", file("bad.fsm")});
        QVERIFY2(r.code == 2 && r.err.contains("--hidden"), qPrintable(r.err));
        r = cli({"vae", "train", "--data", data, "--lab", "--latent", "4", "--out", file("bad.fsm")});
        QVERIFY2(r.code == 2 && r.err.contains("--lab"), qPrintable(r.err));

        const QStringList table{"vae", "table",           "--quick", "--data",  data,       "--layers",
                                "0,2", "--global-layers", "2",       "--steps", "20",       "--samples",
                                "3",   "--limit",         "10",      "--out",   file("tab")};
        r = cli(table);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile csv(file("tab/table.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString(csv.readAll()).trimmed().split('\n');
        QCOMPARE(rows.size(), 1 + 3);
        QVERIFY2(rows[3].startsWith("global2,planar,2,0,20,"), qPrintable(rows[3]));
        QVERIFY2(r.out.contains("| mean field | 0 |") && r.out.contains("| global planar | 2 |"), qPrintable(r.out));
        QCOMPARE(QImage(file("tab/table.png")).size(), QSize(1120, 420));
        QFile pdf(file("tab/table.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == "%PDF-");
        QVERIFY(QFile::exists(file("tab/summary.json")));
        r = cli(table);  // everything done: nothing is trained or evaluated again
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(!r.err.contains("importance sampling") && !r.err.contains("step "), qPrintable(r.err));
    }

    void glowEvalOnFashionMnist() {
        if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist") &&
            qEnvironmentVariableIsEmpty("FLOWSCOPE_FASHION_MNIST"))
            QSKIP("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        auto r = cli(
            {"glow",    "train",   "--data", "fashion-mnist", "--size", "32",       "--channels", "1",       "--levels",
             "2",       "--steps", "1",      "--hidden",      "8",      "--n-bits", "8",          "--batch", "4",
             "--iters", "2",       "--out",  file("fm.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("padded to 32×32"), qPrintable(r.err));
        r = cli({"glow", "eval", "--model", file("fm.fsm"), "--data", "fashion-mnist", "--limit", "16"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject j = lastJson(r.out);
        QCOMPARE(j["images"].toInt(), 16);
        QVERIFY(j["data"].toString().contains("fashion-mnist test"));
        // Two steps of training: far from good, but a finite number in the plausible range.
        QVERIFY(j["bits_per_dim"].toDouble() > 2.0 && j["bits_per_dim"].toDouble() < 20.0);
    }

    void glowSampleAndEditDefaultToTheShippedModel() {
        auto r = cli({"glow", "sample", "--n", "2", "--out", file("shipped") + "/"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList pngs = QDir(file("shipped")).entryList({"*.png"}, QDir::Files);
        QCOMPARE(pngs.size(), 2);
        QCOMPARE(QImage(file("shipped/" + pngs[0])).size(), QSize(64, 64));
        r = cli(
            {"glow", "edit", "--image", file("shipped/" + pngs[0]), "--attr", "Smiling=1", "--out", file("smile.png")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QImage(file("smile.png")).size(), QSize(64, 64));
        // The bfloat16 preview reports its error against float32 on the same noise: within one
        // 5-bit level, and not zero (it ran).
        r = cli({"glow", "sample", "--n", "4", "--bf16-preview", "--out", file("preview.png")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto j = QJsonDocument::fromJson(r.out.trimmed().toUtf8()).object();
        QCOMPARE(j["precision"].toString(), QString("bfloat16"));
        const double error = j["max_abs_error_vs_float32"].toDouble(-1);
        QVERIFY2(error > 0 && error < 1.0 / 32, qPrintable(r.out));
        QVERIFY(j["decode_ms"].toDouble() > 0 && j["float32_decode_ms"].toDouble() > 0);
        QVERIFY(j["bfloat16_is_fast_here"].isBool());
    }

    void train2dOnAnEnergyPrintsJson() {
        const auto r = cli({"train2d", "--target", "U2", "--flow", "planar", "--layers", "4", "--batch", "64",
                            "--steps", "200", "--seed", "3", "--out", file("u2.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject j = lastJson(r.out);
        for (const char* key :
             {"target", "flow", "layers", "steps", "seconds", "steps_per_s", "final_loss", "kl_estimate", "ess"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["target"].toString(), QString("U2"));
        QCOMPARE(j["steps"].toInt(), 200);
        QVERIFY(j["kl_estimate"].toDouble() > 0.0);  // KL(q‖p) ≥ 0 up to Monte Carlo noise
        QVERIFY(j["ess"].toDouble() > 0.0 && j["ess"].toDouble() <= 1.0);
        QVERIFY(r.err.contains("step 200/200"));
        QVERIFY(QFile::exists(file("u2.fsm")));
    }

    void train2dOnACsvReportsBadLines() {
        QFile f(file("pts.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x,y\n");
        for (int i = 0; i < 200; ++i)
            f.write(QString("%1,%2\n").arg(std::cos(i * 0.1)).arg(std::sin(i * 0.1)).toUtf8());
        f.write("oops,1\n");
        f.close();
        const auto r = cli({"train2d", "--target", file("pts.csv"), "--flow", "affine", "--layers", "4", "--hidden",
                            "16", "--batch", "64", "--steps", "50"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("line 202"), qPrintable(r.err));
        const QJsonObject j = lastJson(r.out);
        QCOMPARE(j["target"].toString(), QString("pts.csv"));
        QVERIFY(j.contains("nll") && !j.contains("kl_estimate"));
    }

    void density2dWritesEveryStep() {
        auto r = cli({"train2d", "--target", "U1", "--flow", "radial", "--layers", "3", "--batch", "64", "--steps",
                      "100", "--out", file("u1.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli(
            {"density2d", "--model", file("u1.fsm"), "--grid", "200", "--bounds", "-7,7,-7,7", "--out", file("grids")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject j = lastJson(r.out);
        const QJsonArray integrals = j["integral"].toArray();
        QCOMPARE(integrals.size(), 4);
        for (const auto& v : integrals)
            QVERIFY2(std::abs(v.toDouble() - 1.0) < 0.01, qPrintable(QString::number(v.toDouble())));
        for (const char* name : {"density_k00.png", "density_k03.png", "logdet_k01.png", "cumulative_logdet_k03.png"}) {
            QImage img(file("grids/") + name);
            QVERIFY2(!img.isNull() && img.width() == 200, name);
        }
        QFile npy(file("grids/log_density.npy"));
        QVERIFY(npy.open(QIODevice::ReadOnly));
        const QByteArray head = npy.read(128);
        QVERIFY(head.startsWith("\x93NUMPY"));
        QVERIFY(head.contains("'shape': (4, 200, 200)"));
        QCOMPARE(npy.size(), qint64(128 + 4 * 200 * 200 * 4));
        QVERIFY(QFile::exists(file("grids/analysis.json")));

        // The ledger of one cell centre: its log q_K is the grid's value there (float32 storage),
        // its rows add up, and it has one row per step.
        const int i = 120, jRow = 80;
        const double x = -7 + (i + 0.5) * 0.07, y = -7 + (jRow + 0.5) * 0.07;
        r = cli({"density2d", "--model", file("u1.fsm"), "--probe",
                 QString("%1,%2").arg(x, 0, 'g', 17).arg(y, 0, 'g', 17)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject ledger = lastJson(r.out);
        const QJsonArray steps = ledger["steps"].toArray();
        QCOMPARE(steps.size(), 4);
        double sum = steps[0].toObject()["log_q"].toDouble();
        for (int k = 1; k < 4; ++k) sum -= steps[k].toObject()["logdet"].toDouble();
        QVERIFY(std::abs(sum - ledger["log_q_final"].toDouble()) < 1e-9);
        QVERIFY(npy.seek(128 + 4 * (3 * 200 * 200 + jRow * 200 + i)));
        float shown = 0;
        QCOMPARE(npy.read(reinterpret_cast<char*>(&shown), 4), qint64(4));
        QVERIFY2(std::abs(ledger["log_q_final"].toDouble() - shown) < 1e-6 * std::max(1.0, std::abs(double(shown))),
                 qPrintable(QString("ledger %1, grid %2").arg(ledger["log_q_final"].toDouble()).arg(shown)));
        r = cli({"density2d", "--model", file("u1.fsm"), "--probe", "0,0", "--out", file("x")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--probe"), qPrintable(r.err));
    }

    void langevinKeepsMassAndLowersKl() {
        auto r = cli(
            {"langevin", "--target", "U1", "--grid", "48", "--time", "2", "--frames", "4", "--out", file("langevin")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject j = lastJson(r.out);
        const QJsonArray times = j["times"].toArray(), kl = j["kl"].toArray(), mass = j["mass"].toArray();
        QCOMPARE(times.size(), 5);
        QCOMPARE(times[4].toDouble(), 2.0);
        for (int f = 0; f < 5; ++f) {
            QVERIFY(std::abs(mass[f].toDouble() - 1) < 1e-9);
            QVERIFY(j["min_density"].toArray()[f].toDouble() >= 0);
            if (f > 0) QVERIFY(kl[f].toDouble() < kl[f - 1].toDouble());
            const QImage img(file(QString("langevin/frame_%1.png").arg(f, 3, 10, QChar('0'))));
            QVERIFY(!img.isNull() && img.width() == 48 && img.height() == 48);
        }
        QVERIFY(kl[4].toDouble() < 0.1 * kl[0].toDouble());
        QVERIFY(QFile::exists(file("langevin/langevin.json")));
        // The same frames as a GIF: N(0, I) at t = 0 is densest at the origin, U1's ring at t = 2 is not.
        r = cli({"langevin", "--target", "U1", "--grid", "48", "--time", "2", "--frames", "4", "--gif",
                 file("langevin.gif"), "--size", "64", "--fps", "20"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(qint64(QFileInfo(file("langevin.gif")).size()), qint64(lastJson(r.out)["gif_bytes"].toInteger()));
        QImageReader gif(file("langevin.gif"), "gif");
        QCOMPARE(gif.imageCount(), 5);
        QCOMPARE(gif.size(), QSize(64, 64));
        std::vector<QImage> frames;
        QImage frame;
        while (gif.read(&frame)) frames.push_back(frame);
        QCOMPARE(frames.size(), size_t(5));
        auto centre = [](const QImage& img) { return qGray(img.pixel(img.width() / 2, img.height() / 2)); };
        QVERIFY2(centre(frames.front()) > centre(frames.back()) + 60,
                 qPrintable(QString("%1 → %2").arg(centre(frames.front())).arg(centre(frames.back()))));
        r = cli({"langevin", "--target", "U1", "--size", "64"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--gif"), qPrintable(r.err));
        r = cli({"langevin", "--target", "U9"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--target"), qPrintable(r.err));
    }

    void glowImportLogpInfoAndHostileFiles() {
        const QString shared = flowscope::test::sharedDir();
        if (shared.isEmpty())
            FLOWSCOPE_SKIP_WITHOUT_SHARED("../shared/fixtures is absent: the glow-pytorch import needs it");
        const QString fx = shared + "/fixtures/glow-pytorch/affine-lu-L3K1-16px";
        auto r = cli({"glow", "import", "--from", fx + "/model.pt", "--format", "glow-pytorch", "--size", "16", "--out",
                      file("fx.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({"glow", "logp", "--model", file("fx.fsm"), "--input", fx + "/reference.pt", "--key", "x"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject j = lastJson(r.out);
        QCOMPARE(j["log_p"].toArray().size(), 4);
        QCOMPARE(j["bits_per_dim"].toArray().size(), 4);
        const double bpd0 = j["bits_per_dim"].toArray()[0].toDouble();
        QVERIFY(bpd0 > 1.0 && bpd0 < 4.0);
        r = cli({"glow", "info", "--model", file("fx.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(lastJson(r.out)["architecture"].toObject()["levels"].toInt(), 3);
        // A .pt given where a model is expected is explained, not misread.
        r = cli({"glow", "sample", "--model", fx + "/model.pt", "--out", file("s.png")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("glow import"), qPrintable(r.err));
        // Hostile checkpoint: truncated.
        QFile src(fx + "/model.pt");
        QVERIFY(src.open(QIODevice::ReadOnly));
        QFile cut(file("cut.pt"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(src.read(src.size() / 2));
        cut.close();
        r = cli({"glow", "import", "--from", file("cut.pt"), "--out", file("cut.fsm")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("cut.pt") && r.err.trimmed().count('\n') == 0);
    }

    void glowTrainsSamplesAndResumes() {
        auto r = cli({"glow", "train", "--data", "faces", "--size", "16", "--levels", "2", "--steps", "2", "--hidden",
                      "16", "--batch", "8", "--iters", "6", "--out", file("g.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonObject j = lastJson(r.out);
        QCOMPARE(j["iterations"].toInt(), 6);
        QVERIFY(j["bits_per_dim"].toDouble() > 0.5 && j["bits_per_dim"].toDouble() < 12);
        QVERIFY(r.err.contains("bits/dim") && r.err.contains("images/s") && r.err.contains("ETA"));
        r = cli({"glow", "train", "--data", "faces", "--resume", file("g.fsm"), "--batch", "8", "--iters", "9", "--out",
                 file("g2.fsm")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.err.contains("resuming") && r.err.contains("step 6"));
        QCOMPARE(lastJson(r.out)["iterations"].toInt(), 9);
        r = cli(
            {"glow", "sample", "--model", file("g2.fsm"), "--n", "4", "--temperature", "0.7", "--out", file("s.png")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QImage grid(file("s.png"));
        QVERIFY(!grid.isNull() && grid.width() >= 32);
        r = cli({"glow", "info", "--model", file("g2.fsm")});
        QCOMPARE(lastJson(r.out)["metadata"].toObject()["steps"].toInt(), 9);
    }

    void benchQuickPrintsJsonLines() {
        const auto r = cli({"bench", "2d", "--quick"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QStringList names;
        for (const auto& l : lines) {
            const auto j = QJsonDocument::fromJson(l.toUtf8()).object();
            names << j["bench"].toString();
            QVERIFY(j.contains("steps_per_s") || j.contains("grids_256_ms") || j.contains("frame_512_ms"));
        }
        QCOMPARE(names, (QStringList{"planar_U1", "radial_U1", "realnvp_moons", "density_grids", "play_frame"}));
    }

    void benchGlowReportsTheShareOutsideConvolutions() {
        const auto r = cli({"bench", "glow", "--quick", "--profile", "--size", "16", "--levels", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QStringList phases;
        for (const auto& l : r.out.trimmed().split('\n')) {
            const auto j = QJsonDocument::fromJson(l.toUtf8()).object();
            if (j["bench"] == "glow_profile") {
                phases << j["phase"].toString();
                QVERIFY(j["convolution_ms"].toDouble() > 0);
                QVERIFY(j["convolution_ms"].toDouble() <= j["profiled_ms"].toDouble());
                QVERIFY(!j["outside_convolutions_ms"].toArray().isEmpty());
                continue;
            }
            QCOMPARE(j["bench"].toString(), QString("glow"));
            for (const char* key : {"overhead_fraction", "decode_overhead_fraction", "edit_overhead_fraction"}) {
                const double f = j[key].toDouble(-1);
                QVERIFY2(f >= 0 && f <= 1, key);
            }
            QVERIFY(j["train_images_per_s"].toDouble() > 0 && j["decode_batch_ms"].toDouble() > 0);
            // The preview's time is there where bfloat16 is fast (null elsewhere); its error, on
            // the shipped model, always.
            QVERIFY(j["decode_bf16_batch_ms"].isNull() || j["decode_bf16_batch_ms"].toDouble() > 0);
            const double previewError = j["decode_bf16_max_abs_error"].toDouble(-1);
            QVERIFY2(previewError > 0 && previewError < 1.0 / 32, qPrintable(l));
        }
        QCOMPARE(phases, (QStringList{"edit", "train", "decode"}));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
