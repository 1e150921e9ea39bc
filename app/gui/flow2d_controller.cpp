#include "gui/flow2d_controller.h"

#include "gui/flow2d_worker.h"

#include <QMetaObject>

namespace flowscope {

Flow2DController::Flow2DController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<Flow2DSettings>();
    qRegisterMetaType<Flow2DViewRequest>();
    qRegisterMetaType<Flow2DProgress>();
    qRegisterMetaType<Flow2DView>();
    qRegisterMetaType<Flow2DTargetInfo>();
    m_worker = new Flow2DWorker;
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &Flow2DWorker::configured, this, &Flow2DController::configured);
    connect(m_worker, &Flow2DWorker::progress, this, &Flow2DController::progress);
    connect(m_worker, &Flow2DWorker::viewReady, this, &Flow2DController::viewReady);
    connect(m_worker, &Flow2DWorker::failed, this, &Flow2DController::failed);
    connect(m_worker, &Flow2DWorker::saved, this, &Flow2DController::saved);
    m_thread.setObjectName("flowscope-2d-worker");
    m_thread.start();
}

Flow2DController::~Flow2DController() { shutdown(); }

void Flow2DController::shutdown() {
    if (!m_worker) return;
    m_worker->requestStop();
    m_thread.quit();
    m_thread.wait();
    delete m_worker;  // its thread has finished, so deleting from here is safe
    m_worker = nullptr;
}

void Flow2DController::configure(const Flow2DSettings& settings) {
    if (!m_worker) return;
    m_worker->requestPause();  // a running chunk stops at its next step
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, settings] { w->configure(settings); }, Qt::QueuedConnection);
}

void Flow2DController::train() {
    if (m_worker) QMetaObject::invokeMethod(m_worker, &Flow2DWorker::train, Qt::QueuedConnection);
}

void Flow2DController::pause() {
    if (!m_worker) return;
    m_worker->requestPause();
    QMetaObject::invokeMethod(m_worker, &Flow2DWorker::pause, Qt::QueuedConnection);
}

void Flow2DController::step() {
    if (m_worker) QMetaObject::invokeMethod(m_worker, &Flow2DWorker::stepOnce, Qt::QueuedConnection);
}

void Flow2DController::requestView(const Flow2DViewRequest& request) {
    if (m_worker && m_worker->postViewRequest(request))
        QMetaObject::invokeMethod(m_worker, &Flow2DWorker::serveViewRequest, Qt::QueuedConnection);
}

void Flow2DController::saveModel(const QString& path) {
    if (m_worker)
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker, path] { w->saveModel(path); }, Qt::QueuedConnection);
}

}  // namespace flowscope
