// Data-parallel training through c10d, in one process: two ranks on two threads, each with its
// own TCPStore client and ProcessGroupGloo on localhost. The torchrun environment is read
// strictly; the collectives and the bucketed gradient averaging give the group's mean (checked
// against gradients computed without them); mismatched settings and a peer that never arrives
// end every rank with one clear error; and two ranks × batch B train the same Glow as one
// process × batch 2B.

#include "common/test_support.h"
#include "distributed/distributed_environment.h"
#include "distributed/process_group.h"
#include "glow/glow_trainer.h"
#include "util/random.h"

#include <QtTest>

#include <chrono>
#include <exception>
#include <functional>
#include <map>
#include <thread>

using namespace flowscope;

namespace {

using Lookup = std::map<std::string, std::string>;

std::optional<DistributedEnvironment> parse(const Lookup& vars) {
    return distributedEnvironment([&](const char* name) -> const char* {
        auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
    });
}

/// Runs `body(rank, group)` for ranks 0 and 1 on two threads of one job; rethrows the first
/// failure (rank 0's first) after both have ended.
void twoRanks(const std::function<void(int, ProcessGroup&)>& body,
              std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    const uint16_t port = test::freeTcpPort();
    std::exception_ptr failure[2];
    auto run = [&](int rank) {
        try {
            DistributedEnvironment env;
            env.rank = rank;
            env.worldSize = 2;
            env.masterAddress = "127.0.0.1";
            env.masterPort = port;
            auto group = ProcessGroup::join(env, torch::kCPU, timeout);
            body(rank, *group);
        } catch (...) {
            failure[rank] = std::current_exception();
        }
    };
    std::thread other(run, 1);
    run(0);
    other.join();
    for (auto& f : failure)
        if (f) std::rethrow_exception(f);
}

std::string messageOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

GlowConfig tinyGlow() {
    GlowConfig c;
    c.inChannels = 3;
    c.imageSize = 16;
    c.levels = 2;
    c.steps = 2;
    c.hidden = 8;
    c.nBits = 5;
    return c;
}

GlowTrainConfig trainConfig(int64_t batch) {
    GlowTrainConfig t;
    t.batch = batch;
    t.iterations = 4;
    t.learningRate = 2e-3;
    // The default warm-up. Right after ActNorm's data-dependent init the gradients of every
    // location parameter (ActNorm locs, zero-conv biases) are zero in exact arithmetic, so their
    // float values are reduction noise, which Adam's first step, m/√v ≈ sign(g), turns into a
    // full ±lr move either way: the first step's learning rate bounds how far two runs that sum
    // in different orders can drift (1 process × 2B vs 2 × B: 3e-3 relative in log p at
    // warm-up 1, 2e-5 at 100).
    t.warmup = 100;
    t.seed = 11;
    t.device = "cpu";
    return t;
}

/// log p of a fixed batch under the model (its `glow logp`).
torch::Tensor logpOfFixedBatch(GlowModelImpl& m) {
    torch::NoGradGuard noGrad;
    m.eval();
    auto x = torch::rand({6, 3, 16, 16}, makeGenerator(99)) - 0.5;
    auto e = m.encode(x);
    m.train();
    return e.logP + e.logdet;
}

}  // namespace

class TestDistributedTraining : public QObject {
    Q_OBJECT
private slots:
    void environmentIsReadStrictly_data() {
        QTest::addColumn<QString>("vars");      // NAME=value;NAME=value
        QTest::addColumn<QString>("expected");  // "none", "ok" or a part of the error
        const QString ok = "RANK=1;WORLD_SIZE=2;LOCAL_RANK=1;MASTER_ADDR=127.0.0.1;MASTER_PORT=29500";
        QTest::newRow("single process") << ""
                                        << "none";
        QTest::newRow("torchrun") << ok << "ok";
        QTest::newRow("rank not a number") << QString(ok).replace("RANK=1;", "RANK=one;") << "RANK='one'";
        QTest::newRow("rank past the world") << QString(ok).replace("RANK=1;", "RANK=2;") << "not below WORLD_SIZE";
        QTest::newRow("negative world") << QString(ok).replace("WORLD_SIZE=2", "WORLD_SIZE=-2") << "WORLD_SIZE='-2'";
        QTest::newRow("no port") << QString(ok).replace(";MASTER_PORT=29500", "") << "MASTER_PORT is not set";
        QTest::newRow("port too big") << QString(ok).replace("29500", "70000") << "MASTER_PORT='70000'";
        QTest::newRow("port with junk") << QString(ok).replace("29500", "29500x") << "MASTER_PORT='29500x'";
        QTest::newRow("address with a space") << QString(ok).replace("127.0.0.1", "a b") << "MASTER_ADDR";
        QTest::newRow("only WORLD_SIZE") << "WORLD_SIZE=2"
                                         << "RANK is not set";
    }
    void environmentIsReadStrictly() {
        QFETCH(QString, vars);
        QFETCH(QString, expected);
        Lookup lookup;
        for (const auto& kv : vars.split(';', Qt::SkipEmptyParts))
            lookup[kv.section('=', 0, 0).toStdString()] = kv.section('=', 1).toStdString();
        if (expected == "none") {
            QVERIFY(!parse(lookup));
        } else if (expected == "ok") {
            const auto env = parse(lookup);
            QVERIFY(env);
            QCOMPARE(env->rank, 1);
            QCOMPARE(env->worldSize, 2);
            QCOMPARE(env->localRank, 1);
            QCOMPARE(env->masterPort, uint16_t(29500));
            QVERIFY(!env->agentStore);
            lookup["TORCHELASTIC_USE_AGENT_STORE"] = "True";
            lookup["TORCHELASTIC_RESTART_COUNT"] = "3";
            QVERIFY(parse(lookup)->agentStore);
            QCOMPARE(parse(lookup)->restartCount, 3);
        } else {
            const auto message = messageOf([&] { parse(lookup); });
            QVERIFY2(QString::fromStdString(message).contains(expected), message.c_str());
        }
    }

    void collectivesGiveTheGroupsValues() {
        twoRanks([](int rank, ProcessGroup& group) {
            if (group.rank() != rank || group.worldSize() != 2) throw std::runtime_error("wrong rank or world size");
            std::vector<torch::Tensor> t{torch::full({3}, rank + 1.0), torch::full({2}, 10.0 * rank, torch::kFloat64)};
            group.allReduceSum(t);
            if (!torch::equal(t[0], torch::full({3}, 3.0)) ||
                !torch::equal(t[1], torch::full({2}, 10.0, torch::kFloat64)))
                throw std::runtime_error("all-reduce gave the wrong sums");
            std::vector<torch::Tensor> b{torch::arange(4.0) * (rank + 1),
                                         torch::arange(6.0).view({2, 3}).t() * (rank + 1)};  // a strided one too
            group.broadcast(b, 1);
            if (!torch::equal(b[0], torch::arange(4.0) * 2) ||
                !torch::equal(b[1], torch::arange(6.0).view({2, 3}).t() * 2))
                throw std::runtime_error("broadcast did not give rank 1's tensors");
        });
    }

    void gradientsAreTheGroupsMean() {
        // Three parameters: one used twice in the graph, one big enough to fill more than the
        // first (1 MiB) bucket, and one the loss never reaches.
        std::map<int, std::vector<torch::Tensor>> local, averaged;
        twoRanks([&](int rank, ProcessGroup& group) {
            auto gen = makeGenerator(5);
            std::vector<torch::Tensor> params{torch::randn({7}, gen).requires_grad_(),
                                              torch::randn({400000}, gen).requires_grad_(),
                                              torch::randn({3}, gen).requires_grad_()};
            auto loss = [&] {
                auto x = torch::randn({7}, makeGenerator(100 + rank));
                auto big = torch::randn({400000}, makeGenerator(200 + rank));
                return (params[0] * x).sum() + (params[0] * params[0] * x).sum() + (params[1] * big).square().sum();
            };
            loss().backward();
            for (auto& p : params) local[rank].push_back(p.grad().defined() ? p.grad().clone() : torch::zeros_like(p));
            for (auto& p : params)
                if (p.grad().defined()) p.mutable_grad().zero_();
            auto averager = group.gradientAverager(params);
            for (int step = 0; step < 2; ++step) {  // the second step reuses the armed hooks
                for (auto& p : params)
                    if (p.grad().defined()) p.mutable_grad().zero_();
                averager->prepare();
                loss().backward();
                averager->finish();
            }
            for (auto& p : params) averaged[rank].push_back(p.grad().clone());
        });
        for (int rank = 0; rank < 2; ++rank)
            for (size_t i = 0; i < 3; ++i) {
                const auto expected = (local[0][i] + local[1][i]) / 2;
                const double err = (averaged[rank][i] - expected).abs().max().item<double>();
                QVERIFY2(err <= 1e-6 * std::max(1.0, expected.abs().max().item<double>()),
                         qPrintable(QString("rank %1, parameter %2: off by %3").arg(rank).arg(i).arg(err)));
            }
        // The check can fail: the two ranks' own gradients differ from their mean.
        QVERIFY((local[0][1] - local[1][1]).abs().max().item<double>() > 1.0);
    }

    void differentSettingsEndEveryRankWithTheSameLine() {
        std::string seen[2];
        twoRanks([&](int rank, ProcessGroup& group) {
            seen[rank] = messageOf([&] {
                group.requireSameSettings({{"architecture", "L2 K2"}, {"batch", rank == 0 ? "16" : "8"}});
            });
        });
        QCOMPARE(QString::fromStdString(seen[0]), QString("the ranks were started with different settings: rank 1 has "
                                                          "batch=8, rank 0 has batch=16"));
        QCOMPARE(seen[1], seen[0]);
        twoRanks([&](int, ProcessGroup& group) { group.requireSameSettings({{"batch", "16"}}); });  // equal: passes
    }

    void aPeerThatNeverArrivesEndsWithinTheTimeout() {
        DistributedEnvironment env;
        env.rank = 0;
        env.worldSize = 2;
        env.masterAddress = "127.0.0.1";
        env.masterPort = test::freeTcpPort();
        const auto start = std::chrono::steady_clock::now();
        const auto message = messageOf([&] { ProcessGroup::join(env, torch::kCPU, std::chrono::seconds(2)); });
        const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        QVERIFY2(QString::fromStdString(message).contains("within 2"), message.c_str());
        QVERIFY2(message.find('\n') == std::string::npos, message.c_str());
        QVERIFY2(waited < 30, qPrintable(QString("gave up after %1 s").arg(waited)));
    }

    void twoRanksTrainTheModelOneProcessTrainsWithTwiceTheBatch() {
        auto data = std::make_shared<FaceImageSource>(16, 4, 300);
        GlowTrainer single(GlowModel(tinyGlow(), 3), data, trainConfig(4));
        for (int i = 0; i < 4; ++i) QVERIFY(single.step().applied);
        const auto reference = logpOfFixedBatch(*single.model());

        torch::Tensor perRank[2];
        double loss[2] = {0, 0};
        twoRanks([&](int rank, ProcessGroup& group) {
            // Rank 1 starts from other parameters: the broadcast must replace them by rank 0's.
            auto shared = std::shared_ptr<Collective>(&group, [](Collective*) {});
            // Each rank its own source (as its own process would have), the same images.
            GlowTrainer t(GlowModel(tinyGlow(), rank == 0 ? 3 : 77), std::make_shared<FaceImageSource>(16, 4, 300),
                          trainConfig(2), shared);
            for (int i = 0; i < 4; ++i) loss[rank] = t.step().bitsPerDim;
            perRank[rank] = logpOfFixedBatch(*t.model());
        });
        QCOMPARE(loss[0], loss[1]);  // the group's loss, the same on both ranks
        QVERIFY(torch::equal(perRank[0], perRank[1]));
        const double err = ((perRank[0] - reference).abs() / reference.abs()).max().item<double>();
        QVERIFY2(err < 1e-4, qPrintable(QString("relative log p difference %1").arg(err)));

        // The comparison can tell models apart: one process with batch 2 (half the data) differs.
        GlowTrainer half(GlowModel(tinyGlow(), 3), data, trainConfig(2));
        for (int i = 0; i < 4; ++i) half.step();
        const double apart =
            ((logpOfFixedBatch(*half.model()) - reference).abs() / reference.abs()).max().item<double>();
        qInfo("2 ranks × 2 vs 1 × 4: relative log p difference %.3g; 1 × 2 vs 1 × 4: %.3g", err, apart);
        QVERIFY2(apart > 100 * std::max(err, 1e-7), qPrintable(QString("batch 2 is only %1 away").arg(apart)));
    }
};

QTEST_GUILESS_MAIN(TestDistributedTraining)
#include "test_distributed_training.moc"
