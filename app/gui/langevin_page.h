#pragma once

#include "gui/langevin_types.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QWidget>

#include <functional>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTextBrowser;
class QTimer;
class QToolButton;

namespace flowscope::ui {
class DensityView;
class KlCurve;
}  // namespace flowscope::ui

namespace flowscope {

class ExportProgress;
class LangevinWorker;
template <typename Worker>
class WorkerHost;

/// The "Langevin flow" page (Rezende & Mohamed 2015, §3.2): a Gaussian p_0 moved by
/// dz = −∇U dt + √2 dW towards e^{−U}/Z. The large view is p_t from its Fokker–Planck equation
/// (finite volumes on the grid, mass conserved), with Euler–Maruyama particles on top, labelled
/// as samples; beside it the target and KL(p_t ‖ p) falling over time. Play, Step and Reset as
/// on the 2D page; the flow runs on a worker thread.
class LangevinPage : public QWidget {
    Q_OBJECT
public:
    explicit LangevinPage(QWidget* parent = nullptr);
    ~LangevinPage() override;

    LangevinSettings settings() const;
    void applySettings(const LangevinSettings& settings);
    /// Demo files: the settings and speed as JSON; applying throws std::invalid_argument
    /// naming the first bad field (and changes nothing then).
    QJsonObject demoState() const;
    void applyDemoState(const QJsonObject& state);
    /// Checks every field (throws std::invalid_argument naming the first bad one) and returns
    /// what applies them, so a demo file changes no page until all its parts are valid.
    std::function<void()> prepareDemoState(const QJsonObject& state);

    // Transport (also the window's Training actions while this page is shown).
    void togglePlay();
    bool isPlaying() const;
    /// Moves the flow on by 0.1 time units.
    void stepOnce();
    /// Back to t = 0.
    void reset();

    /// File → Export animation on this page: p_t of the current settings from t = 0 to the time
    /// on screen (5 when it is still near 0) in 101 frames, rendered on the worker with a
    /// progress dialog (Cancel writes nothing); animationExported reports the end.
    void exportAnimation(const QString& path);
    bool isExportingAnimation() const;

    const LangevinFrame& lastFrame() const { return m_frame; }
    const LangevinTargetInfo& targetInfo() const { return m_info; }
    ui::DensityView* densityView() const { return m_density; }
    ui::KlCurve* klCurve() const { return m_kl; }
    /// Time units of the flow per second of Play.
    double speed() const;
    QString statusText() const { return m_statusText; }
    void shutdown();

signals:
    void statusChanged(const QString& text);
    void frameShown();
    /// An animation export ended: bytes > 0 written, 0 cancelled, < 0 failed.
    void animationExported(const QString& path, int frames, qint64 bytes);

private:
    void buildUi();
    void reconfigure();
    void onConfigured(const LangevinTargetInfo& info);
    void onFrame(const LangevinFrame& frame);
    void onTick();
    void requestAdvance(double duration);
    void updateReadout();
    /// Target "drawn": the canvas takes strokes (while paused) and its points are the target.
    bool drawing() const;
    void updateDrawing();
    void setStatus(const QString& text, bool error = false);
    QString teachingHtml() const;

    std::unique_ptr<WorkerHost<LangevinWorker>> m_host;
    QComboBox* m_target = nullptr;
    QComboBox* m_grid = nullptr;
    QDoubleSpinBox* m_meanX = nullptr;
    QDoubleSpinBox* m_meanY = nullptr;
    QDoubleSpinBox* m_sigma = nullptr;
    QSpinBox* m_particles = nullptr;
    QSlider* m_speed = nullptr;
    QLabel* m_speedLabel = nullptr;
    QToolButton* m_play = nullptr;
    QCheckBox* m_showParticles = nullptr;
    QCheckBox* m_showContours = nullptr;
    QLabel* m_readout = nullptr;
    QWidget* m_drawTools = nullptr;
    QLabel* m_drawHint = nullptr;
    std::vector<float> m_drawing;  ///< the drawn shape while another target is shown
    ui::DensityView* m_density = nullptr;
    ui::DensityView* m_stationary = nullptr;
    ui::KlCurve* m_kl = nullptr;
    QTextBrowser* m_teaching = nullptr;
    QTimer* m_timer = nullptr;
    QTimer* m_reconfigureTimer = nullptr;
    QElapsedTimer m_sinceRequest;
    LangevinTargetInfo m_info;
    LangevinFrame m_frame;
    int m_generation = 0;     ///< of the configuration the page waits for
    bool m_inFlight = false;  ///< an advance is on its way
    QString m_statusText;
    ExportProgress* m_export = nullptr;
};

}  // namespace flowscope
