#pragma once

#include "gui/glow_train_types.h"

#include <QObject>
#include <QThread>

namespace flowscope {

class GlowTrainWorker;

/// Owns the Train page's worker thread; commands go in as queued calls, progress comes back.
/// Destroying it stops training after the current step and joins the thread.
class GlowTrainController : public QObject {
    Q_OBJECT
public:
    explicit GlowTrainController(QObject* parent = nullptr);
    ~GlowTrainController() override;

    void start(const GlowTrainSettings& settings);
    void pause();
    void resume();
    void stop();
    void shutdown();

signals:
    void progress(const flowscope::GlowTrainProgress& progress);
    void finished(const QString& modelPath);
    void failed(const QString& message);

private:
    QThread m_thread;
    GlowTrainWorker* m_worker = nullptr;
};

}  // namespace flowscope
