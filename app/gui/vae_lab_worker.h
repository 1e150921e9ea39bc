#pragma once

#include "gui/latest_value.h"
#include "gui/vae_lab_types.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace flowscope {

struct VaeLabWorkerState;

/// Owns the Flow-ELBO lab's VAE on a worker thread (DESIGN.md §4): opens the shipped models and
/// model files, reads the test images, computes one image's exact posterior with q0 … q_K on a
/// grid (the newest click wins), the latent map, and trains a new model in chunks between
/// those requests (the page stays live; the trained model replaces the open one at the end).
class VaeLabWorker : public QObject {
    Q_OBJECT
public:
    VaeLabWorker();
    ~VaeLabWorker() override;

    /// Thread-safe; true when the worker must be woken with servePosteriorRequest().
    bool postPosteriorRequest(int index) { return m_posterior.put(index); }
    /// Thread-safe: training ends after the current chunk.
    void requestStop() { m_stop = true; }

public slots:
    void openShipped(int layers);
    void openFile(const QString& path);
    void loadData(const QString& spec, int pickerCount);
    void servePosteriorRequest();
    void startTraining(const flowscope::VaeLabTrainSettings& settings);

signals:
    void modelReady(const flowscope::VaeLabModelInfo& info);
    void dataReady(const flowscope::VaeLabDataInfo& info);
    void latentMapReady(const flowscope::VaeLatentMapInfo& map);
    void posteriorReady(const flowscope::VaePosteriorInfo& info);
    void trainingProgress(const flowscope::VaeLabTrainProgress& progress);
    void trainingFinished(const QString& summary, bool complete);
    void failed(const QString& message);

private:
    void trainChunk();
    void useModel(const QString& source, bool shipped);
    void emitLatentMap();
    void computePosterior(int index);

    std::unique_ptr<VaeLabWorkerState> m_state;
    LatestValue<int> m_posterior;
    std::atomic<bool> m_stop{false};
};

}  // namespace flowscope
