#pragma once

#include "gui/glow_train_types.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace flowscope::ui {
class BitsPlot;
class ImageGrid;
}  // namespace flowscope::ui

namespace flowscope {

class GlowTrainWorker;
template <typename Worker>
class WorkerHost;

/// The "Train Glow" page: data (built-in faces, Fashion-MNIST, IDX, CIFAR-10 or a labelled image folder), architecture,
/// Start / Pause / Resume / Stop, a progress bar with ETA, the bits/dim curve, preview samples,
/// checkpoints; at the end the attribute vectors are computed and the model opens in Faces.
/// For a cluster it shows the torchrun command of the same training (copied with one click),
/// and opens any checkpoint, also one a running job keeps rewriting (saves are atomic).
class FacesTrainPage : public QWidget {
    Q_OBJECT
public:
    explicit FacesTrainPage(QWidget* parent = nullptr);
    ~FacesTrainPage() override;

    GlowTrainSettings settings() const;
    void applySettings(const GlowTrainSettings& settings);
    void start();
    void pause();
    void resume();
    void stop();
    const GlowTrainProgress& lastProgress() const { return m_progress; }
    QString statusText() const;
    /// The torchrun command for the current settings, as shown.
    QString clusterCommand() const;
    /// Copies the command to the clipboard.
    void copyClusterCommand();
    /// Opens the model file at `path` (a checkpoint, possibly of a running job) in Faces.
    void openCheckpoint(const QString& path);
    void shutdown();

signals:
    /// Training ended and the model (with attribute vectors) is at `path`.
    void modelReady(const QString& path);

private:
    void onProgress(const GlowTrainProgress& p);
    void onFailed(const QString& message);
    void updateClusterCommand();

    std::unique_ptr<WorkerHost<GlowTrainWorker>> m_host;
    QComboBox* m_data = nullptr;
    QString m_customData;  ///< the picked folder's data spec (idx:DIR, cifar10:DIR or DIR)
    QSpinBox *m_size = nullptr, *m_channels = nullptr, *m_levels = nullptr, *m_steps = nullptr, *m_hidden = nullptr;
    QComboBox *m_coupling = nullptr, *m_conv = nullptr;
    QSpinBox *m_bits = nullptr, *m_batch = nullptr, *m_iterations = nullptr, *m_checkpoint = nullptr;
    QDoubleSpinBox* m_lr = nullptr;
    QLineEdit* m_output = nullptr;
    QCheckBox* m_attributes = nullptr;
    QSpinBox *m_processes = nullptr, *m_nodes = nullptr;
    QLineEdit* m_rendezvous = nullptr;
    QPlainTextEdit* m_command = nullptr;
    QPushButton *m_start = nullptr, *m_pause = nullptr, *m_resume = nullptr, *m_stop = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_status = nullptr;
    ui::BitsPlot* m_plot = nullptr;
    ui::ImageGrid* m_preview = nullptr;
    GlowTrainProgress m_progress;
};

}  // namespace flowscope
