#pragma once

#include "gui/worker_errors.h"

#include <QMetaObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <functional>
#include <type_traits>
#include <utility>

namespace flowscope {

namespace detail {
template <typename W, typename = void>
struct HasRequestStop : std::false_type {};
template <typename W>
struct HasRequestStop<W, std::void_t<decltype(std::declval<W&>().requestStop())>> : std::true_type {};
}  // namespace detail

/// Owns one worker and the thread it lives on (DESIGN.md §4): starts the thread, runs calls on it,
/// and on shutdown asks the worker to stop, joins the thread and deletes the worker. Pages
/// connect to `worker()`'s signals directly and send commands through `post` (queued, errors
/// become the worker's failed(message)) or `postNewest` (a one-slot mailbox: the newest request
/// wins). `Worker` is a QObject with a `failed(QString)` signal and, if it runs long loops, a
/// thread-safe `requestStop()` that shutdown calls first.
template <typename Worker>
class WorkerHost {
public:
    explicit WorkerHost(const QString& threadName) : m_worker(new Worker) {
        m_worker->moveToThread(&m_thread);
        m_thread.setObjectName(threadName);
        m_thread.start();
    }
    ~WorkerHost() { shutdown(); }
    WorkerHost(const WorkerHost&) = delete;
    WorkerHost& operator=(const WorkerHost&) = delete;

    /// For connecting to signals and calling the worker's thread-safe request*() flags; null
    /// after shutdown.
    Worker* worker() const { return m_worker; }

    /// Runs `work` on the worker thread after the calls already queued: a member function
    /// (`&Worker::train`) or a callable taking `Worker&`.
    template <typename Work>
    void post(Work&& work) {
        if (!m_worker) return;
        Worker* w = m_worker;
        QMetaObject::invokeMethod(
            w, [w, work = std::forward<Work>(work)]() mutable { runGuarded(*w, [&] { std::invoke(work, *w); }); },
            Qt::QueuedConnection);
    }

    /// Calls one of the worker's thread-safe flag setters (`&Worker::requestPause`) right now,
    /// from this thread, so a running chunk sees it at its next step.
    template <typename Flag>
    void raise(Flag flag) {
        if (m_worker) (m_worker->*flag)();
    }

    /// Puts `request` into the worker's one-slot mailbox (`put`, thread-safe, returns whether the
    /// slot was empty) and wakes the worker with `serve` only then: a slider dragged faster than
    /// the worker answers never builds a queue.
    template <typename Request, typename Put, typename Serve>
    void postNewest(Put put, Request request, Serve serve) {
        if (m_worker && (m_worker->*put)(std::move(request))) post(serve);
    }

    /// Stops the worker at its next step, joins the thread, deletes the worker (idempotent).
    void shutdown() {
        if (!m_worker) return;
        if constexpr (detail::HasRequestStop<Worker>::value) m_worker->requestStop();
        m_thread.quit();
        m_thread.wait();
        delete m_worker;  // its thread has finished, so deleting from here is safe
        m_worker = nullptr;
    }

private:
    QThread m_thread;
    Worker* m_worker;
};

}  // namespace flowscope
