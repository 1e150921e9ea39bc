#pragma once

#include "gui/faces_types.h"

#include <QObject>
#include <QThread>

namespace flowscope {

class FacesWorker;

/// The Faces page's link to its worker thread: queued commands in, value results out; sample
/// and edit requests go through the worker's newest-wins mailboxes.
class FacesController : public QObject {
    Q_OBJECT
public:
    explicit FacesController(QObject* parent = nullptr);
    ~FacesController() override;

    void loadModel(const QString& path);
    void importModel(const QString& path, int imageSize, int nBits);
    void requestSamples(const FaceSampleRequest& request);
    void requestEdit(const FaceEditRequest& request);
    void selectSample(int index);
    void encodePhoto(const QString& path);
    void mixWithSample(int index, int steps);
    void mixWithPhoto(const QString& path, int steps);
    void resampleLevel(int level, int count, double temperature);
    void shutdown();

signals:
    void modelLoaded(const flowscope::FaceModelInfo& info);
    void samplesReady(const flowscope::FaceSamples& samples);
    void subjectReady(const flowscope::FaceSubject& subject);
    void editReady(const flowscope::FaceEdit& edit);
    void mixReady(const flowscope::FaceMix& mix);
    void scalesReady(const flowscope::FaceScales& scales);
    void failed(const QString& message);

private:
    template <typename F>
    void post(F&& call);

    QThread m_thread;
    FacesWorker* m_worker = nullptr;
};

}  // namespace flowscope
