#pragma once

#include "gui/faces_types.h"
#include "gui/latest_value.h"

#include <QObject>

#include <memory>

namespace flowscope {

struct FacesWorkerState;

/// Owns the Faces page's Glow model on a worker thread (DESIGN.md §4): loading and importing,
/// sampling with cached noise (a temperature change rescales the same noise, so faces morph),
/// encoding photos, live attribute edits, interpolation and per-scale resampling. Sample and
/// edit requests go through one-slot mailboxes: the newest wins, no queue builds up.
class FacesWorker : public QObject {
    Q_OBJECT
public:
    FacesWorker();
    ~FacesWorker() override;

    /// Thread-safe; return true when the worker must be woken with serve*().
    bool postSampleRequest(const FaceSampleRequest& r) { return m_samples.put(r); }
    bool postEditRequest(const FaceEditRequest& r) { return m_edits.put(r); }

public slots:
    void loadModel(const QString& path);
    /// `format`: "glow-pytorch" (imageSize, nBits as given) or "y0ast" (both from the file).
    void importModel(const QString& path, int imageSize, int nBits, const QString& format);
    void serveSampleRequest();
    void serveEditRequest();
    void selectSample(int index);
    void encodePhoto(const QString& path);
    /// Interpolation between the current subject and sample `index` (or photo `path`).
    void mixWithSample(int index, int steps);
    void mixWithPhoto(const QString& path, int steps);
    void resampleLevel(int level, int count, double temperature);
    /// Bits/dim of the open model on the first `limit` test images of data set `spec`.
    void evaluate(const QString& spec, int limit);

signals:
    void modelLoaded(const flowscope::FaceModelInfo& info);
    void samplesReady(const flowscope::FaceSamples& samples);
    void subjectReady(const flowscope::FaceSubject& subject);
    void editReady(const flowscope::FaceEdit& edit);
    void mixReady(const flowscope::FaceMix& mix);
    void scalesReady(const flowscope::FaceScales& scales);
    void evaluated(const flowscope::FaceEvaluation& evaluation);
    void failed(const QString& message);

private:
    std::unique_ptr<FacesWorkerState> m_state;
    LatestValue<FaceSampleRequest> m_samples;
    LatestValue<FaceEditRequest> m_edits;
};

}  // namespace flowscope
