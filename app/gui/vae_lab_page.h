#pragma once

#include "gui/vae_lab_types.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTextBrowser;

namespace flowscope::ui {
class ElboBars;
class ImageGrid;
class LatentMapView;
class PosteriorView;
class StepStrip;
}  // namespace flowscope::ui

namespace flowscope {

class VaeLabWorker;
template <typename Worker>
class WorkerHost;

/// The "Flow-ELBO lab" (Rezende & Mohamed 2015 §4, §6.2): a VAE with a 2-D latent on
/// Fashion-MNIST. Click a test image: its exact posterior p(z|x) ∝ p(x|z)p(z) (normalised by
/// quadrature) appears with the mean-field q0(z|x) and the flow's q_K(z|x) as contours over it,
/// the strip q0 … q_K, the gap KL(q‖p(z|x)) and the ELBO's terms as bars, and the identity
/// ln p(x) = ELBO + KL. The K selector switches between the shipped models (K = 0, 2, 8, one
/// budget and seed) to watch the gap close; Train fits a new one on the worker. Tabs: the latent
/// map (decoder over the plane, test points by class) and prior against posterior samples.
class VaeLabPage : public QWidget {
    Q_OBJECT
public:
    explicit VaeLabPage(QWidget* parent = nullptr);
    ~VaeLabPage() override;

    /// Opens the shipped model with K layers (0, 2 or 8).
    void selectShippedModel(int layers);
    void openModelFile(const QString& path);
    void selectImage(int index);
    void startTraining(const VaeLabTrainSettings& settings);
    void stopTraining();
    bool training() const { return m_training; }
    /// Reads the test images from another data spec (tests use small IDX sets).
    void setDataSpec(const QString& spec);

    const std::optional<VaePosteriorInfo>& posterior() const { return m_posterior; }
    QString identityText() const;
    QString modelText() const;
    QString statusText() const;
    int pickerCount() const;
    ui::PosteriorView* posteriorView() const { return m_view; }
    ui::StepStrip* strip() const { return m_strip; }
    ui::ElboBars* bars() const { return m_bars; }
    ui::LatentMapView* latentMap() const { return m_latentMap; }
    void shutdown();

signals:
    void statusChanged(const QString& text);
    void posteriorShown(int index);

private:
    void onModelReady(const VaeLabModelInfo& info);
    void onDataReady(const VaeLabDataInfo& info);
    void onPosteriorReady(const VaePosteriorInfo& info);
    void onProgress(const VaeLabTrainProgress& progress);
    void onTrainingFinished(const QString& summary, bool complete);
    void onFailed(const QString& message);
    void showStep(int k);
    void setStatus(const QString& text);
    void openFileDialog();

    std::unique_ptr<WorkerHost<VaeLabWorker>> m_host;
    QComboBox* m_model = nullptr;
    QPushButton *m_open = nullptr, *m_train = nullptr, *m_stop = nullptr;
    QSpinBox *m_trainLayers = nullptr, *m_trainSteps = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel *m_modelLabel = nullptr, *m_status = nullptr, *m_identity = nullptr, *m_imageLabel = nullptr,
           *m_binarised = nullptr;
    ui::ImageGrid* m_picker = nullptr;
    ui::PosteriorView* m_view = nullptr;
    ui::StepStrip* m_strip = nullptr;
    ui::ElboBars* m_bars = nullptr;
    QTextBrowser* m_teaching = nullptr;
    QTabWidget* m_tabs = nullptr;
    ui::LatentMapView* m_latentMap = nullptr;
    ui::ImageGrid *m_priorSamples = nullptr, *m_posteriorSamples = nullptr;
    std::optional<VaePosteriorInfo> m_posterior;
    VaeLabModelInfo m_modelInfo;
    QString m_statusText;
    bool m_training = false;
    int m_selected = 0;
};

}  // namespace flowscope
