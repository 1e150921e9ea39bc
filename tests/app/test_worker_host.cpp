// WorkerHost, the one way the explorer hosts a worker: calls run on the worker's thread in the
// order posted, exceptions (LibTorch's included) become one-line failed() messages, the newest
// request wins while the worker is busy, and shutdown stops, joins and deletes the worker.

#include "gui/latest_value.h"
#include "gui/worker_host.h"

#include <QPointer>
#include <QSemaphore>
#include <QtTest>
#include <torch/torch.h>

#include <atomic>
#include <stdexcept>
#include <vector>

using namespace flowscope;

class BusyWorker : public QObject {
    Q_OBJECT
public:
    void requestStop() { stopRequested = true; }
    bool postValue(int v) { return box.put(v); }
    void serveValue() {
        if (auto v = box.take()) served.push_back(*v);
    }
    void record(int v) {
        order.push_back(v);
        threads.push_back(QThread::currentThread());
    }
    /// Holds the worker thread until `release` is set (the test's stand-in for a slow request).
    void block() {
        blocked = true;
        while (!release) QThread::msleep(1);
    }

    std::atomic<bool> stopRequested{false}, blocked{false}, release{false};
    LatestValue<int> box;
    std::vector<int> served, order;
    std::vector<QThread*> threads;

signals:
    void failed(const QString& message);
};

/// A worker with nothing to interrupt: no requestStop(), the host must still host it.
class QuietWorker : public QObject {
    Q_OBJECT
public:
    void touch() { touched = true; }
    std::atomic<bool> touched{false};
signals:
    void failed(const QString& message);
};

class TestWorkerHost : public QObject {
    Q_OBJECT

private slots:
    void runsCallsOnItsThreadInOrder() {
        WorkerHost<BusyWorker> host(QStringLiteral("test-worker"));
        for (int i = 0; i < 50; ++i) host.post([i](BusyWorker& w) { w.record(i); });
        QSemaphore done;
        host.post([&done](BusyWorker&) { done.release(); });
        QVERIFY(done.tryAcquire(1, 10000));
        auto* w = host.worker();
        QCOMPARE(int(w->order.size()), 50);
        for (int i = 0; i < 50; ++i) QCOMPARE(w->order[i], i);
        for (QThread* t : w->threads) {
            QVERIFY(t != QThread::currentThread());
            QCOMPARE(t->objectName(), QStringLiteral("test-worker"));
        }
    }

    void exceptionsBecomeOneLineFailures_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("std::runtime_error") << 0 << "the file is truncated";
        QTest::newRow("LibTorch error, no backtrace") << 1 << "shape mismatch";
        QTest::newRow("not an exception type") << 2 << "unknown error";
    }
    void exceptionsBecomeOneLineFailures() {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        WorkerHost<BusyWorker> host(QStringLiteral("test-worker"));
        QSignalSpy failures(host.worker(), &BusyWorker::failed);
        host.post([kind](BusyWorker&) {
            if (kind == 0) throw std::runtime_error("the file is truncated");
            if (kind == 1) TORCH_CHECK(false, "shape mismatch\nsecond line");
            throw 42;
        });
        QVERIFY(failures.wait(10000));
        const QString message = failures.front().front().toString();
        QVERIFY2(message.startsWith(expected), qPrintable(message));
        QVERIFY2(!message.contains('\n'), qPrintable(message));
        // The worker survives: the next call runs.
        QSemaphore done;
        host.post([&done](BusyWorker&) { done.release(); });
        QVERIFY(done.tryAcquire(1, 10000));
    }

    void theNewestRequestWinsWhileTheWorkerIsBusy() {
        WorkerHost<BusyWorker> host(QStringLiteral("test-worker"));
        auto* w = host.worker();
        host.post(&BusyWorker::block);
        QTRY_VERIFY_WITH_TIMEOUT(w->blocked.load(), 10000);
        for (int v = 0; v < 100; ++v) host.postNewest(&BusyWorker::postValue, v, &BusyWorker::serveValue);
        w->release = true;
        QSemaphore done;
        host.post([&done](BusyWorker&) { done.release(); });
        QVERIFY(done.tryAcquire(1, 10000));
        QCOMPARE(w->served, std::vector<int>{99});
    }

    void shutdownStopsJoinsAndDeletes() {
        WorkerHost<BusyWorker> host(QStringLiteral("test-worker"));
        QPointer<BusyWorker> worker = host.worker();
        host.post([](BusyWorker& w) {
            // A long loop that ends only on the stop flag, like a training chunk.
            while (!w.stopRequested) QThread::msleep(1);
        });
        QTest::qWait(20);
        host.shutdown();
        QVERIFY(worker.isNull());
        QVERIFY(host.worker() == nullptr);
        host.post([](BusyWorker&) { QFAIL("a call ran after shutdown"); });  // a no-op now
        host.shutdown();                                                     // idempotent
    }

    void hostsAWorkerWithoutAStopFlag() {
        WorkerHost<QuietWorker> host(QStringLiteral("quiet-worker"));
        host.post(&QuietWorker::touch);
        QTRY_VERIFY_WITH_TIMEOUT(host.worker()->touched.load(), 10000);
    }
};

QTEST_MAIN(TestWorkerHost)
#include "test_worker_host.moc"
