#pragma once

#include "gui/faces_types.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QComboBox;
class QToolButton;
class QVBoxLayout;

namespace flowscope::ui {
class ImageGrid;
class AttributeSliders;
class PhotoDropArea;
class BeforeAfterView;
class ImageStrip;
}  // namespace flowscope::ui

namespace flowscope {

class FacesWorker;
template <typename Worker>
class WorkerHost;

/// The "Images" page (id "faces"): a Glow model's samples under a temperature slider (the same noise, so
/// faces morph), per-level temperatures, attribute sliders that edit a sample or the user's own
/// photo live, the exact reconstruction and its error, interpolation between two faces, and
/// resampling one scale at a time. All model work runs on the FacesWorker's thread.
class FacesPage : public QWidget {
    Q_OBJECT
public:
    explicit FacesPage(QWidget* parent = nullptr);
    ~FacesPage() override;

    /// Opens a native model file (asynchronously; modelInfo() changes when it is loaded).
    void openModel(const QString& path);
    /// The Import dialog's action: a glow-pytorch checkpoint with the given image size / n_bits,
    /// or (format "y0ast") a y0ast/Glow-PyTorch one, which records both (the size and bits are ignored).
    void importCheckpoint(const QString& path, int imageSize, int nBits, const QString& format = "glow-pytorch");
    /// Loads the shipped model (the page does this on first show).
    void openShippedModel();
    /// The shipped Fashion-MNIST model (resources/fashion32.fsm): sampling, classes as sliders.
    void openShippedFashionModel();
    /// Held-out bits/dim of the open model on the first `limit` test images of `spec`.
    void evaluateModel(const QString& spec, int limit = 2000);
    void setTemperature(double t);
    double temperature() const;
    void reroll();
    void setGridSize(int count);
    /// Opt-in fast preview: the grid decodes with bfloat16 conditioner networks (where that is
    /// faster); the status line shows its measured error against float32.
    void setBFloat16Preview(bool on);
    void selectSample(int index);
    void openPhoto(const QString& path);
    void setAttribute(const QString& name, double alpha);
    void resetAttributes();
    bool saveEditedImage(const QString& path);
    void mixWithSample(int index);
    void resampleLevel(int level);

    // State for the window and for tests.
    const FaceModelInfo& modelInfo() const { return m_info; }
    const FaceSamples& lastSamples() const { return m_samples; }
    const FaceSubject& subject() const { return m_subject; }
    const FaceEdit& lastEdit() const { return m_edit; }
    const FaceEvaluation& lastEvaluation() const { return m_lastEvaluation; }
    const FaceMix& lastMix() const { return m_mix; }
    const FaceScales& lastScales() const { return m_scales; }
    QString statusText() const;
    QStringList recentModels() const;

    void saveState() const;
    void restoreState();
    void shutdown();

signals:
    void statusChanged(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildUi();
    void requestSamples();
    void requestEdit();
    void rememberRecent(const QString& path);
    void rebuildLevelControls(int levels);
    void onModelLoaded(const FaceModelInfo& info);
    void onSamples(const FaceSamples& samples);
    void onSubject(const FaceSubject& subject);
    void onEdit(const FaceEdit& edit);
    void onMix(const FaceMix& mix);
    void onScales(const FaceScales& scales);
    void onEvaluated(const FaceEvaluation& evaluation);
    void onFailed(const QString& message);
    void setStatus(const QString& text, bool error = false);
    void choosePhoto();
    void chooseModel();
    void showImportDialog();

    std::unique_ptr<WorkerHost<FacesWorker>> m_host;
    QLabel* m_modelSummary = nullptr;
    QLabel* m_modelDetails = nullptr;
    QLabel* m_evaluation = nullptr;
    FaceEvaluation m_lastEvaluation;
    QToolButton* m_recent = nullptr;
    QSlider* m_temperature = nullptr;
    QLabel* m_temperatureLabel = nullptr;
    QSpinBox* m_gridSize = nullptr;
    QGroupBox* m_advanced = nullptr;
    QCheckBox* m_bf16Preview = nullptr;
    QVBoxLayout* m_levelLayout = nullptr;
    std::vector<QSlider*> m_levelSliders;
    QComboBox* m_scaleLevel = nullptr;
    ui::ImageGrid* m_grid = nullptr;
    ui::PhotoDropArea* m_drop = nullptr;
    ui::BeforeAfterView* m_beforeAfter = nullptr;
    ui::AttributeSliders* m_sliders = nullptr;
    QLabel* m_latency = nullptr;
    QSpinBox* m_mixSample = nullptr;
    QSpinBox* m_mixSteps = nullptr;
    ui::ImageStrip* m_mixStrip = nullptr;
    ui::ImageStrip* m_scaleStrip = nullptr;
    QLabel* m_status = nullptr;

    FaceModelInfo m_info;
    FaceSamples m_samples;
    FaceSubject m_subject;
    FaceEdit m_edit;
    FaceMix m_mix;
    FaceScales m_scales;
    quint64 m_seed = 1;
    int m_serial = 0;
    bool m_loadedOnce = false;
    bool m_haveSubject = false;
};

}  // namespace flowscope
