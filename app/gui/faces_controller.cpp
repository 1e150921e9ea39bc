#include "gui/faces_controller.h"

#include "gui/faces_worker.h"

#include <QMetaObject>

namespace flowscope {

FacesController::FacesController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<FaceModelInfo>();
    qRegisterMetaType<FaceSamples>();
    qRegisterMetaType<FaceSubject>();
    qRegisterMetaType<FaceEdit>();
    qRegisterMetaType<FaceMix>();
    qRegisterMetaType<FaceScales>();
    m_worker = new FacesWorker;
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &FacesWorker::modelLoaded, this, &FacesController::modelLoaded);
    connect(m_worker, &FacesWorker::samplesReady, this, &FacesController::samplesReady);
    connect(m_worker, &FacesWorker::subjectReady, this, &FacesController::subjectReady);
    connect(m_worker, &FacesWorker::editReady, this, &FacesController::editReady);
    connect(m_worker, &FacesWorker::mixReady, this, &FacesController::mixReady);
    connect(m_worker, &FacesWorker::scalesReady, this, &FacesController::scalesReady);
    connect(m_worker, &FacesWorker::failed, this, &FacesController::failed);
    m_thread.setObjectName("flowscope-faces-worker");
    m_thread.start();
}

FacesController::~FacesController() { shutdown(); }

void FacesController::shutdown() {
    if (!m_worker) return;
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
    m_worker = nullptr;
}

template <typename F>
void FacesController::post(F&& call) {
    if (m_worker) QMetaObject::invokeMethod(m_worker, std::forward<F>(call), Qt::QueuedConnection);
}

void FacesController::loadModel(const QString& path) {
    post([w = m_worker, path] { w->loadModel(path); });
}

void FacesController::importModel(const QString& path, int imageSize, int nBits) {
    post([w = m_worker, path, imageSize, nBits] { w->importModel(path, imageSize, nBits); });
}

void FacesController::requestSamples(const FaceSampleRequest& request) {
    if (m_worker && m_worker->postSampleRequest(request)) post([w = m_worker] { w->serveSampleRequest(); });
}

void FacesController::requestEdit(const FaceEditRequest& request) {
    if (m_worker && m_worker->postEditRequest(request)) post([w = m_worker] { w->serveEditRequest(); });
}

void FacesController::selectSample(int index) {
    post([w = m_worker, index] { w->selectSample(index); });
}

void FacesController::encodePhoto(const QString& path) {
    post([w = m_worker, path] { w->encodePhoto(path); });
}

void FacesController::mixWithSample(int index, int steps) {
    post([w = m_worker, index, steps] { w->mixWithSample(index, steps); });
}

void FacesController::mixWithPhoto(const QString& path, int steps) {
    post([w = m_worker, path, steps] { w->mixWithPhoto(path, steps); });
}

void FacesController::resampleLevel(int level, int count, double temperature) {
    post([w = m_worker, level, count, temperature] { w->resampleLevel(level, count, temperature); });
}

}  // namespace flowscope
