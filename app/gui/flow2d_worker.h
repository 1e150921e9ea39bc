#pragma once

#include "gui/flow2d_types.h"
#include "gui/latest_value.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>

#include <atomic>
#include <memory>

namespace flowscope {

class FlowModelImpl;
class Trainer2D;
struct Flow2DWorkerState;

/// Trains a 2D flow and computes what the views show, on a worker thread (DESIGN.md §4). It owns
/// the model; the GUI thread only sends settings and requests and receives value types.
/// Training runs in chunks of ~20 ms; between chunks queued calls (pause, a new request, new
/// settings) are served, so the GUI never waits on it. Pause and stop are also atomic flags that
/// the training loop reads every step.
class Flow2DWorker : public QObject {
    Q_OBJECT
public:
    Flow2DWorker();
    ~Flow2DWorker() override;

    /// Thread-safe: ask the training loop to stop or pause at the next step.
    void requestStop() { m_stop = true; }
    void requestPause() { m_pause = true; }
    /// Thread-safe: the newest view request; returns true when the worker must be woken.
    bool postViewRequest(const Flow2DViewRequest& request) { return m_requests.put(request); }
    /// Thread-safe: the newest parameters of the layer being dragged (a drag sends many; only the
    /// newest per wake-up is applied); returns true when the worker must be woken.
    bool postLayerEdit(const Flow2DLayerEdit& edit) { return m_edits.put(edit); }

public slots:
    void configure(const flowscope::Flow2DSettings& settings);
    void train();
    void pause();
    void stepOnce();
    void serveViewRequest();
    /// Applies the newest posted layer edit (a drag's moves) and answers with a view.
    void serveLayerEdit();
    /// Sets layer edit.layer's parameters (refused while training runs) and answers with a view;
    /// the end of a drag, a typed value and undo come this way, in order after the moves.
    void applyLayerEdit(const flowscope::Flow2DLayerEdit& edit);
    /// The change-of-variables ledger of one point of step k; answered by ledgerReady.
    void probe(const flowscope::Flow2DLedgerRequest& request);
    /// Saves the current model (architecture, parameters, training metadata) to `path`.
    void saveModel(const QString& path);
    /// The current model file's bytes, answered by modelSnapshot(tag, bytes) (a demo file's flow).
    void snapshotModel(const QString& tag);
    /// Manual mode's recording: on, every applied layer edit keeps a frame (the step on screen
    /// and every layer, from the state at the start); answered by recordingChanged.
    void setRecording(bool on);
    /// Replays the recorded frames on the flow (putting its parameters back after) and writes
    /// them as an animated GIF; animationProgress / animationExported as for exportAnimation.
    void exportRecording(const flowscope::Flow2DAnimationRequest& request);
    /// Renders the Play sequence of the current model and writes it as an animated GIF,
    /// reporting animationProgress after every frame; training waits meanwhile.
    void exportAnimation(const flowscope::Flow2DAnimationRequest& request);

signals:
    void configured(const flowscope::Flow2DTargetInfo& info);
    void progress(const flowscope::Flow2DProgress& progress);
    void viewReady(const flowscope::Flow2DView& view);
    void ledgerReady(const flowscope::Flow2DLedger& ledger);
    void failed(const QString& message);
    void saved(const QString& path);
    void modelSnapshot(const QString& tag, const QByteArray& modelFile);
    void animationProgress(int framesDone, int framesTotal);
    /// Recording is on or off, with the frames kept so far.
    void recordingChanged(bool recording, int frames);
    /// The export ended: written (bytes > 0) or cancelled (bytes == 0, nothing written).
    void animationExported(const QString& path, int frames, qint64 bytes);

private:
    void runChunk();
    void recordFrame(FlowModelImpl& model);
    void emitProgress(bool evaluate);
    void emitView(bool refreshAllThumbnails);
    Flow2DView computeView(const Flow2DViewRequest& request, bool allThumbnails);
    QJsonObject modelMetadata();

    std::unique_ptr<Flow2DWorkerState> m_state;
    LatestValue<Flow2DViewRequest> m_requests;
    LatestValue<Flow2DLayerEdit> m_edits;
    Flow2DViewRequest m_lastRequest;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_pause{false};
    bool m_running = false;
    QElapsedTimer m_sinceView, m_sinceProgress, m_sinceEval;
    double m_lastEvalMs = 0;
    double m_lastViewMs = 0;
    int m_resolution = 192;
    int m_nextThumbnail = 0;
};

}  // namespace flowscope
