// `flowscope-cli glow train` as ranks of a data-parallel job, in real processes: launched with
// the environment torchrun sets (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT) and by
// torchrun itself. Two processes × batch B end with the model one process × batch 2B trains
// (log p of a fixed tensor and every parameter compared after loading both files); a resumed
// two-process run equals an uninterrupted one, also when the world size changes at the resume;
// and a bad environment ends every rank with one line, soon, never an abort or a hang.

#include "common/test_support.h"
#include "io/glow_model_file.h"
#include "util/random.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <vector>

using namespace flowscope;

namespace {

struct Outcome {
    int code = -1;  ///< -1: crashed (signal); -2: still running at the deadline (killed)
    QString out, err;
};

/// A tiny Glow on the built-in faces: seconds a step on one thread, yet every part (ActNorm
/// init, invertible 1×1 with LU, affine coupling, two levels) takes part.
/// `batch` 0 leaves --batch to the caller.
QStringList tinyTraining(int batch, int iters) {
    QStringList args{"glow",
                     "train",
                     "--data",
                     "faces",
                     "--size",
                     "16",
                     "--levels",
                     "2",
                     "--steps",
                     "2",
                     "--hidden",
                     "16",
                     "--lu",
                     "--coupling",
                     "affine",
                     "--iters",
                     QString::number(iters),
                     "--lr",
                     "2e-3",
                     "--seed",
                     "11",
                     "--threads",
                     "1"};
    if (batch > 0) args << "--batch" << QString::number(batch);
    return args;
}

/// What torchrun gives rank `rank` of `world` on this host (no agent: rank 0 serves the store).
QProcessEnvironment rankEnvironment(int rank, int world, uint16_t port) {
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("RANK", QString::number(rank));
    env.insert("LOCAL_RANK", QString::number(rank));
    env.insert("WORLD_SIZE", QString::number(world));
    env.insert("MASTER_ADDR", "127.0.0.1");
    env.insert("MASTER_PORT", QString::number(port));
    env.insert("OMP_NUM_THREADS", "1");
    return env;
}

/// Starts `world` ranks of flowscope-cli with torchrun's variables (no agent: rank 0 serves the
/// store) and waits for all of them; `extraFor(rank)` appends per-rank arguments.
std::vector<Outcome> runRanks(int world, const QStringList& args, int timeoutMs = 180000,
                              const std::function<QStringList(int)>& extraFor = nullptr, uint16_t port = 0,
                              int launched = -1) {
    if (port == 0) port = test::freeTcpPort();
    if (launched < 0) launched = world;
    std::vector<std::unique_ptr<QProcess>> procs;
    for (int r = 0; r < launched; ++r) {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(rankEnvironment(r, world, port));
        p->start(test::binaryDir() + "/flowscope-cli", args + (extraFor ? extraFor(r) : QStringList{}));
        procs.push_back(std::move(p));
    }
    std::vector<Outcome> outcomes;
    for (auto& p : procs) {
        Outcome o;
        if (!p->waitForFinished(timeoutMs)) {
            p->kill();
            p->waitForFinished();
            o.code = -2;
        } else {
            o.code = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
        }
        o.out = QString::fromUtf8(p->readAllStandardOutput());
        o.err = QString::fromUtf8(p->readAllStandardError());
        outcomes.push_back(o);
    }
    return outcomes;
}

Outcome runSingle(const QStringList& args) { return runRanks(1, args, 180000, nullptr, 0, 1).front(); }

QJsonObject lastJson(const QString& out) {
    const auto lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.back().toUtf8()).object();
}

/// log p of a fixed batch of images under the model in `path`, and its parameters in order.
struct Evaluated {
    torch::Tensor logP;
    std::vector<torch::Tensor> parameters;
};
Evaluated evaluate(const QString& path) {
    auto loaded = loadGlowModel(path.toStdString());
    loaded.model->eval();
    torch::NoGradGuard noGrad;
    auto gen = makeGenerator(99);
    auto x = torch::rand({6, 3, 16, 16}, gen) - 0.5;
    auto e = loaded.model->encode(x);
    Evaluated v{(e.logP + e.logdet).to(torch::kFloat64), {}};
    for (const auto& p : loaded.model->parameters()) v.parameters.push_back(p.detach().clone());
    return v;
}

/// The larger of log p's largest relative difference and the largest parameter difference
/// relative to the model's largest parameter (a relative difference per parameter would divide
/// by the near-zero location parameters Adam's first step sets from reduction noise).
double relativeDifference(const Evaluated& a, const Evaluated& b) {
    const double logP = ((a.logP - b.logP).abs() / b.logP.abs()).max().item<double>();
    double largest = 0, worst = 0;
    for (size_t i = 0; i < a.parameters.size(); ++i) {
        largest = std::max(largest, b.parameters[i].abs().max().item<double>());
        worst = std::max(worst, (a.parameters[i] - b.parameters[i]).abs().max().item<double>());
    }
    return std::max(logP, worst / largest);
}

/// The one error line flowscope-cli printed (empty if none or several).
QString errorLine(const Outcome& o) {
    const auto errors = o.err.split('\n').filter(QRegularExpression("^flowscope-cli: "));
    return errors.size() == 1 ? errors.front() : QString();
}

/// One line, no abort, no C++ termination text: what a user must see from a failed rank.
void requireOneCleanLine(const Outcome& o, const QString& mustContain) {
    QVERIFY2(o.code > 0, qPrintable(QString("exit %1: %2").arg(o.code).arg(o.err)));
    QVERIFY2(
        !o.err.contains("terminate called") && !o.err.contains("Aborted") && !o.err.contains("Exception raised from"),
        qPrintable(o.err));
    QVERIFY2(errorLine(o).contains(mustContain, Qt::CaseInsensitive), qPrintable(o.err));
}

}  // namespace

class TestDistributedCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString file(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void twoProcessesEqualOneWithTheGlobalBatch() {
        const int iters = 5;
        auto single = runSingle(tinyTraining(4, iters) + QStringList{"--out", file("one.fsm")});
        QVERIFY2(single.code == 0, qPrintable(single.err));
        auto ranks = runRanks(2, tinyTraining(2, iters) + QStringList{"--out", file("two.fsm")});
        for (const auto& r : ranks) QVERIFY2(r.code == 0, qPrintable(r.err));
        // Rank 0 alone prints the summary and writes the file; the summary counts both ranks.
        const auto summary = lastJson(ranks[0].out);
        QCOMPARE(summary["world_size"].toInt(), 2);
        QCOMPARE(summary["iterations"].toInt(), iters);
        QVERIFY(summary["images_per_s"].toDouble() > 0);
        QVERIFY2(ranks[1].out.trimmed().isEmpty(), qPrintable(ranks[1].out));
        QVERIFY2(!ranks[1].err.contains("step "), qPrintable(ranks[1].err));
        QVERIFY(ranks[0].err.contains("joined a job of 2 processes"));

        const auto one = evaluate(file("one.fsm")), two = evaluate(file("two.fsm"));
        const double diff = relativeDifference(two, one);
        QVERIFY2(diff < 1e-4, qPrintable(QString("2×2 vs 1×4: relative difference %1").arg(diff)));
        // The comparison can fail: one process with the per-rank batch alone is another model.
        auto half = runSingle(tinyTraining(2, iters) + QStringList{"--out", file("half.fsm")});
        QVERIFY2(half.code == 0, qPrintable(half.err));
        const double apart = relativeDifference(evaluate(file("half.fsm")), one);
        qInfo("2 processes × 2 vs 1 × 4: %.3g; 1 × 2 vs 1 × 4: %.3g", diff, apart);
        QVERIFY2(apart > 100 * diff && apart > 1e-3, qPrintable(QString("1×2 vs 1×4: %1").arg(apart)));
    }

    void resumedRunsEqualUninterruptedOnes() {
        // Two processes: 3 steps, stop, resume to 6 == 6 steps at once.
        auto whole = runRanks(2, tinyTraining(2, 6) + QStringList{"--out", file("whole.fsm")});
        for (const auto& r : whole) QVERIFY2(r.code == 0, qPrintable(r.err));
        auto first = runRanks(2, tinyTraining(2, 3) + QStringList{"--out", file("part.fsm")});
        for (const auto& r : first) QVERIFY2(r.code == 0, qPrintable(r.err));
        auto rest =
            runRanks(2, tinyTraining(2, 6) + QStringList{"--resume", file("part.fsm"), "--out", file("resumed.fsm")});
        for (const auto& r : rest) QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(rest[0].err.contains("at step 3"));
        const double diff = relativeDifference(evaluate(file("resumed.fsm")), evaluate(file("whole.fsm")));
        QVERIFY2(diff < 1e-4, qPrintable(QString("resumed vs whole: %1").arg(diff)));

        // A different world size at the resume: 1 × 4 for 3 steps, then 2 × 2 == 1 × 4 for 6.
        auto oneWhole = runSingle(tinyTraining(4, 6) + QStringList{"--out", file("one-whole.fsm")});
        QVERIFY2(oneWhole.code == 0, qPrintable(oneWhole.err));
        auto onePart = runSingle(tinyTraining(4, 3) + QStringList{"--out", file("one-part.fsm")});
        QVERIFY2(onePart.code == 0, qPrintable(onePart.err));
        auto widened = runRanks(
            2, tinyTraining(2, 6) + QStringList{"--resume", file("one-part.fsm"), "--out", file("widened.fsm")});
        for (const auto& r : widened) QVERIFY2(r.code == 0, qPrintable(r.err));
        const double widenedDiff = relativeDifference(evaluate(file("widened.fsm")), evaluate(file("one-whole.fsm")));
        qInfo("resumed vs whole: %.3g; resumed on 2 processes from 1 vs 1 throughout: %.3g", diff, widenedDiff);
        QVERIFY2(widenedDiff < 1e-4, qPrintable(QString("1→2 processes vs 1: %1").arg(widenedDiff)));
    }

    void torchrunLaunchesTheJob() {
        const QString torchrun = QStandardPaths::findExecutable("torchrun");
        if (torchrun.isEmpty()) {
            if (test::runningInCi()) QFAIL("torchrun is missing (python3-torch): CI installs it");
            QSKIP("torchrun (python3-torch) is not installed");
        }
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("OMP_NUM_THREADS", "1");
        p.setProcessEnvironment(env);
        // --redirects 1 --tee 1: Debian's torchrun 1.13 on Python 3.11 fails at start without them.
        p.start(torchrun,
                QStringList{"--nproc_per_node", "2", "--master_port", QString::number(test::freeTcpPort()),
                            "--redirects", "1", "--tee", "1", "--no_python", test::binaryDir() + "/flowscope-cli"} +
                    tinyTraining(2, 5) + QStringList{"--out", file("torchrun.fsm")});
        QVERIFY(p.waitForFinished(300000));
        const QString log = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(log));
        QVERIFY2(log.contains("\"world_size\":2"), qPrintable(log));
        auto single = runSingle(tinyTraining(4, 5) + QStringList{"--out", file("torchrun-one.fsm")});
        QVERIFY2(single.code == 0, qPrintable(single.err));
        const double diff = relativeDifference(evaluate(file("torchrun.fsm")), evaluate(file("torchrun-one.fsm")));
        QVERIFY2(diff < 1e-4, qPrintable(QString("torchrun 2×2 vs 1×4: %1").arg(diff)));
    }

    void badEnvironmentsEndEveryRankWithOneLine() {
        // Malformed variables: refused before anything connects.
        {
            QProcess p;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert("RANK", "abc");
            env.insert("WORLD_SIZE", "2");
            env.insert("MASTER_ADDR", "127.0.0.1");
            env.insert("MASTER_PORT", "29500");
            p.setProcessEnvironment(env);
            p.start(test::binaryDir() + "/flowscope-cli", tinyTraining(2, 1));
            QVERIFY(p.waitForFinished(30000));
            requireOneCleanLine({p.exitCode(), {}, QString::fromUtf8(p.readAllStandardError())}, "RANK");
        }
        // A peer that never arrives: rank 0 alone, --timeout 3.
        {
            QElapsedTimer clock;
            clock.start();
            auto alone = runRanks(2, tinyTraining(2, 1) + QStringList{"--timeout", "3"}, 60000, nullptr, 0, 1);
            requireOneCleanLine(alone[0], "within 3");
            QVERIFY2(clock.elapsed() < 30000, qPrintable(QString::number(clock.elapsed())));
        }
        // The store's port already taken by another program.
        {
            const int s = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            a.sin_port = 0;
            QVERIFY(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::listen(s, 4) == 0);
            socklen_t len = sizeof a;
            ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
            auto taken =
                runRanks(2, tinyTraining(2, 1) + QStringList{"--timeout", "3"}, 60000, nullptr, ntohs(a.sin_port));
            ::close(s);
            for (const auto& r : taken) requireOneCleanLine(r, QString::number(ntohs(a.sin_port)));
        }
        // A peer that dies mid-run: the other rank ends at its next all-reduce, in one line.
        {
            const uint16_t port = test::freeTcpPort();
            QProcess ranks[2];
            for (int r = 0; r < 2; ++r) {
                ranks[r].setProcessEnvironment(rankEnvironment(r, 2, port));
                ranks[r].start(test::binaryDir() + "/flowscope-cli",
                               tinyTraining(2, 100000) + QStringList{"--timeout", "20"});
            }
            for (auto& r : ranks) QVERIFY(r.waitForStarted());
            QByteArray progress;
            QElapsedTimer clock;
            clock.start();
            while (!progress.contains("step ") && clock.elapsed() < 60000 && ranks[0].state() == QProcess::Running) {
                ranks[0].waitForReadyRead(500);
                progress += ranks[0].readAllStandardError();
            }
            QVERIFY2(progress.contains("step "), progress.constData());
            ranks[1].kill();
            ranks[1].waitForFinished();
            clock.restart();
            QVERIFY(ranks[0].waitForFinished(60000));
            QVERIFY2(clock.elapsed() < 30000, qPrintable(QString::number(clock.elapsed())));
            requireOneCleanLine(
                {ranks[0].exitCode(), {}, QString::fromUtf8(progress + ranks[0].readAllStandardError())},
                "a peer stopped");
        }
        // Ranks started with different settings: every rank ends with the same line.
        {
            auto mismatched = runRanks(2, tinyTraining(0, 1) + QStringList{"--timeout", "20"}, 60000, [](int rank) {
                return QStringList{"--batch", rank == 1 ? "3" : "2"};
            });
            for (const auto& r : mismatched) requireOneCleanLine(r, "different settings");
            QCOMPARE(errorLine(mismatched[0]), errorLine(mismatched[1]));
            QVERIFY2(errorLine(mismatched[0]).contains("batch=3") && errorLine(mismatched[0]).contains("batch=2"),
                     qPrintable(mismatched[0].err));
        }
    }
};

QTEST_GUILESS_MAIN(TestDistributedCli)
#include "test_distributed_cli.moc"
