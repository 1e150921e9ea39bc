#include "common/resource_paths.h"

#include <QFileInfo>
#include <QString>

#include <stdexcept>
#include <unistd.h>

#ifndef FLOWSCOPE_SOURCE_RESOURCES
#define FLOWSCOPE_SOURCE_RESOURCES ""
#endif

namespace flowscope {

namespace {

QString executableDir() {
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return {};
    buf[n] = '\0';
    return QFileInfo(QString::fromLocal8Bit(buf)).absolutePath();
}

}  // namespace

namespace {

std::string shippedModelPath(const QString& name, const std::string& what) {
    const QStringList candidates{executableDir() + "/resources/" + name,
                                 executableDir() + "/../share/flowscope/" + name,
                                 QString(FLOWSCOPE_SOURCE_RESOURCES) + "/" + name};
    for (const auto& c : candidates)
        if (QFileInfo(c).isFile()) return QFileInfo(c).absoluteFilePath().toStdString();
    throw std::runtime_error("the shipped " + what + " model is missing (looked for " +
                             candidates.join(", ").toStdString() + ")");
}

}  // namespace

std::string shippedFaceModelPath() { return shippedModelPath("faces64.fsm", "face"); }
std::string shippedFashionModelPath() { return shippedModelPath("fashion32.fsm", "Fashion-MNIST"); }
std::string shippedVaeLabModelPath(int layers) {
    return shippedModelPath(QString("vae_lab_k%1.fsm").arg(layers),
                            "Flow-ELBO lab (K = " + std::to_string(layers) + ")");
}

}  // namespace flowscope
