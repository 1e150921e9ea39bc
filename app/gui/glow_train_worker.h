#pragma once

#include "gui/glow_train_types.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace flowscope {

struct GlowTrainWorkerState;

/// Trains a Glow model for the Train page on a worker thread: one optimiser step per queued
/// call, so pause, stop and new settings are served between steps; checkpoints are written
/// atomically; at the end the attribute vectors are computed and the model file is saved.
class GlowTrainWorker : public QObject {
    Q_OBJECT
public:
    GlowTrainWorker();
    ~GlowTrainWorker() override;
    /// Thread-safe: stop after the current step.
    void requestStop() { m_stop = true; }

public slots:
    void start(const flowscope::GlowTrainSettings& settings);
    void pause();
    void resume();
    void stop();

signals:
    void progress(const flowscope::GlowTrainProgress& progress);
    void finished(const QString& modelPath);
    void failed(const QString& message);

private:
    void runStep();
    void finish();
    void save(bool withAttributes);

    std::unique_ptr<GlowTrainWorkerState> m_state;
    std::atomic<bool> m_stop{false};
    bool m_running = false;
};

}  // namespace flowscope
