#include "gui/demo_file.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <stdexcept>

namespace flowscope {
namespace {

[[noreturn]] void fail(const QString& path, const QString& why) {
    throw std::runtime_error(QString("'%1' is not a usable demo file: %2").arg(path, why).toStdString());
}

}  // namespace

DemoFile readDemoFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error(QString("cannot open '%1': %2").arg(path, file.errorString()).toStdString());
    if (file.size() > DemoFile::kMaxBytes)
        fail(
            path,
            QString("it is %1 MB; demo files are at most %2 MB").arg(file.size() >> 20).arg(DemoFile::kMaxBytes >> 20));
    const QByteArray bytes = file.read(DemoFile::kMaxBytes + 1);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        fail(path, QString("not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject()) fail(path, "not a JSON object");
    const QJsonObject root = doc.object();
    if (!root.contains("flowscope_demo")) fail(path, "no \"flowscope_demo\" version field");
    const int version = root.value("flowscope_demo").toInt(-1);
    if (version != DemoFile::kVersion)
        fail(path, QString("version %1; this FlowScope reads version %2").arg(version).arg(DemoFile::kVersion));
    DemoFile demo;
    demo.page = root.value("page").toString("2d");
    if (demo.page != "2d" && demo.page != "langevin")
        fail(path, QString("unknown page '%1' (expected 2d or langevin)").arg(demo.page.left(40)));
    const auto object = [&](const char* key) {
        const QJsonValue v = root.value(key);
        if (!v.isUndefined() && !v.isObject()) fail(path, QString("\"%1\" is not an object").arg(key));
        return v.toObject();
    };
    demo.flow2d = object("flow2d");
    demo.langevin = object("langevin");
    const QJsonValue model = root.value("model");
    if (!model.isUndefined()) {
        if (!model.isString()) fail(path, "\"model\" is not a base64 string");
        const auto decoded =
            QByteArray::fromBase64Encoding(model.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) fail(path, "\"model\" is not valid base64");
        demo.model = *decoded;
    }
    return demo;
}

void writeDemoFile(const QString& path, const DemoFile& demo) {
    QJsonObject root{{"flowscope_demo", DemoFile::kVersion}, {"page", demo.page}};
    if (!demo.flow2d.isEmpty()) root["flow2d"] = demo.flow2d;
    if (!demo.langevin.isEmpty()) root["langevin"] = demo.langevin;
    if (!demo.model.isEmpty()) root["model"] = QString::fromLatin1(demo.model.toBase64());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit())
        throw std::runtime_error(QString("cannot write '%1': %2").arg(path, file.errorString()).toStdString());
}

}  // namespace flowscope
