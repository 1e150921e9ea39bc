#include "io/atomic_file.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>

#include <stdexcept>

namespace flowscope {

void writeFileAtomically(const std::string& path, const std::string& bytes) {
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write '" + path + "': " + file.errorString().toStdString());
    if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size())) {
        const std::string why = file.errorString().toStdString();
        file.cancelWriting();
        throw std::runtime_error("cannot write '" + path + "': " + why);
    }
    if (!file.commit())
        throw std::runtime_error("cannot finish writing '" + path + "': " + file.errorString().toStdString());
}

std::string readWholeFile(const std::string& path, size_t maxBytes) {
    QFile file(QString::fromStdString(path));
    if (!QFileInfo(file).isFile()) throw std::runtime_error("'" + path + "' is not a readable file");
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open '" + path + "': " + file.errorString().toStdString());
    if (static_cast<size_t>(file.size()) > maxBytes)
        throw std::runtime_error("'" + path + "' is " + std::to_string(file.size()) + " bytes, more than the " +
                                 std::to_string(maxBytes) + " allowed");
    const QByteArray data = file.readAll();
    return std::string(data.constData(), static_cast<size_t>(data.size()));
}

}  // namespace flowscope
