#pragma once

#include "gui/ablation_types.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace flowscope::ui {
class AblationPlot;
}

namespace flowscope {

class AblationWorker;
template <typename Worker>
class WorkerHost;

/// The "Glow ablation" page: Kingma & Dhariwal's Figure 3 rerun on a worker — reverse, shuffle
/// and 1×1 convolution with additive and affine couplings, one budget, data order and seed set
/// (`glow ablation`) — with the held-out curves drawn as each evaluation arrives, a progress bar
/// with ETA, Stop, and each coupling's ordering at the end beside the paper's.
class AblationPage : public QWidget {
    Q_OBJECT
public:
    explicit AblationPage(QWidget* parent = nullptr);
    ~AblationPage() override;

    AblationSettings settings() const;
    void applySettings(const AblationSettings& settings);
    void start();
    void stop();
    bool running() const { return m_running; }
    QString resultText() const;
    QString statusText() const;
    ui::AblationPlot* plot() const { return m_plot; }
    void shutdown();

private:
    void onStarted(const QString& description);
    void onPoint(const AblationPointInfo& p);
    void onFinished(const QString& summary, bool complete);
    void onFailed(const QString& message);
    void setRunning(bool running);

    std::unique_ptr<WorkerHost<AblationWorker>> m_host;
    QComboBox* m_data = nullptr;
    QSpinBox *m_size = nullptr, *m_levels = nullptr, *m_steps = nullptr, *m_hidden = nullptr;
    QSpinBox *m_iterations = nullptr, *m_seeds = nullptr, *m_batch = nullptr, *m_evalEvery = nullptr,
             *m_evalImages = nullptr;
    QPushButton *m_start = nullptr, *m_stop = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel *m_status = nullptr, *m_result = nullptr;
    ui::AblationPlot* m_plot = nullptr;
    bool m_running = false;
};

}  // namespace flowscope
