#pragma once

#include "gui/flow2d_types.h"

#include <QObject>
#include <QThread>

namespace flowscope {

class Flow2DWorker;

/// The 2D page's link to its worker: owns the worker thread, forwards commands as queued calls
/// (or atomic flags, for pause), and relays the worker's results on the GUI thread. Destroying
/// it stops the worker at its next step and joins the thread.
class Flow2DController : public QObject {
    Q_OBJECT
public:
    explicit Flow2DController(QObject* parent = nullptr);
    ~Flow2DController() override;

    void configure(const Flow2DSettings& settings);
    void train();
    void pause();
    void step();
    /// The newest request replaces any the worker has not started on.
    void requestView(const Flow2DViewRequest& request);
    void saveModel(const QString& path);
    /// Stops training and joins the worker thread (idempotent).
    void shutdown();

signals:
    void configured(const flowscope::Flow2DTargetInfo& info);
    void progress(const flowscope::Flow2DProgress& progress);
    void viewReady(const flowscope::Flow2DView& view);
    void failed(const QString& message);
    void saved(const QString& path);

private:
    QThread m_thread;
    Flow2DWorker* m_worker = nullptr;
};

}  // namespace flowscope
