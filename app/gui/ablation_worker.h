#pragma once

#include "gui/ablation_types.h"

#include <QObject>

#include <atomic>

namespace flowscope {

/// Runs Glow's ablation (glow/glow_ablation.h) on a worker thread (DESIGN.md §4), reporting each
/// held-out evaluation as it comes; requestStop ends it after the current step or evaluation.
class AblationWorker : public QObject {
    Q_OBJECT
public:
    AblationWorker();
    /// Thread-safe.
    void requestStop() { m_stop = true; }

public slots:
    void run(const flowscope::AblationSettings& settings);

signals:
    /// The data, as read, and what was adapted ("28×28 resized to 16×16").
    void started(const QString& description);
    void point(const flowscope::AblationPointInfo& point);
    /// Each coupling's ordering by final held-out bits/dim ("additive: conv1x1 < shuffle < reverse; …"),
    /// or why it stopped early.
    void finished(const QString& summary, bool complete);
    void failed(const QString& message);

private:
    std::atomic<bool> m_stop{false};
};

}  // namespace flowscope
