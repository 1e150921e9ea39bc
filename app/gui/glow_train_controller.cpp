#include "gui/glow_train_controller.h"

#include "gui/glow_train_worker.h"

#include <QMetaObject>

namespace flowscope {

GlowTrainController::GlowTrainController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<GlowTrainSettings>();
    qRegisterMetaType<GlowTrainProgress>();
    m_worker = new GlowTrainWorker;
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &GlowTrainWorker::progress, this, &GlowTrainController::progress);
    connect(m_worker, &GlowTrainWorker::finished, this, &GlowTrainController::finished);
    connect(m_worker, &GlowTrainWorker::failed, this, &GlowTrainController::failed);
    m_thread.setObjectName("flowscope-glow-trainer");
    m_thread.start();
}

GlowTrainController::~GlowTrainController() { shutdown(); }

void GlowTrainController::shutdown() {
    if (!m_worker) return;
    m_worker->requestStop();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->pause(); }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
    m_worker = nullptr;
}

void GlowTrainController::start(const GlowTrainSettings& settings) {
    if (m_worker)
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker, settings] { w->start(settings); }, Qt::QueuedConnection);
}

void GlowTrainController::pause() {
    if (m_worker) QMetaObject::invokeMethod(m_worker, &GlowTrainWorker::pause, Qt::QueuedConnection);
}

void GlowTrainController::resume() {
    if (m_worker) QMetaObject::invokeMethod(m_worker, &GlowTrainWorker::resume, Qt::QueuedConnection);
}

void GlowTrainController::stop() {
    if (!m_worker) return;
    m_worker->requestStop();
    QMetaObject::invokeMethod(m_worker, &GlowTrainWorker::stop, Qt::QueuedConnection);
}

}  // namespace flowscope
