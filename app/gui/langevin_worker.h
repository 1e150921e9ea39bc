#pragma once

#include "gui/langevin_types.h"

#include <QObject>

#include <memory>

namespace flowscope {

struct LangevinWorkerState;

/// Runs the Langevin flow of the Langevin page on a worker thread: the Fokker–Planck density on
/// its grid and the Euler–Maruyama particles, advanced by as much time as the page asks for per
/// frame (the page asks again only after a frame arrived, so requests never pile up).
class LangevinWorker : public QObject {
    Q_OBJECT
public:
    LangevinWorker();
    ~LangevinWorker() override;

public slots:
    /// Restarts at t = 0 with `settings`; answers configured, then frameReady for t = 0. Every
    /// frame carries `generation`, so the page can tell frames of an older configuration.
    void configure(const flowscope::LangevinSettings& settings, int generation);
    /// Moves p_t and the particles on by `duration`; answers frameReady.
    void advance(double duration);
    /// Renders the request's flow from t = 0 into a GIF with its own solver (the page's flow is
    /// untouched), reporting animationProgress; answers animationExported.
    void exportAnimation(const flowscope::LangevinAnimationRequest& request);

signals:
    void configured(const flowscope::LangevinTargetInfo& info);
    void frameReady(const flowscope::LangevinFrame& frame);
    void failed(const QString& message);
    void animationProgress(int done, int total);
    /// The export ended: written (bytes > 0), cancelled (0, nothing written) or failed (< 0).
    void animationExported(const QString& path, int frames, qint64 bytes);

private:
    void emitFrame();

    std::unique_ptr<LangevinWorkerState> m_state;
};

}  // namespace flowscope
