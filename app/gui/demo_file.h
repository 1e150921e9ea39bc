#pragma once
/// \file Demo files (.flowscope): a prepared lecture demo that opens with one double-click —
/// the page on screen, the 2D page's target, flow, view and parameters (trained or hand-set,
/// as a native model file inside), and the Langevin page's settings. JSON, so a lecturer can
/// read and edit it; read as hostile input like every file.

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace flowscope {

struct DemoFile {
    static constexpr int kVersion = 1;
    static constexpr qint64 kMaxBytes = 64LL << 20;  ///< a 2D model is well under a megabyte

    QString page = "2d";   ///< "2d" or "langevin"
    QJsonObject flow2d;    ///< Flow2DPage::demoState()
    QByteArray model;      ///< the 2D flow's model file (flowscope .fsm bytes); may be empty
    QJsonObject langevin;  ///< LangevinPage::demoState()
};

/// Throws std::runtime_error naming the file and its first problem (missing, too large, not
/// JSON, another format or version, a bad page, a damaged model).
DemoFile readDemoFile(const QString& path);
/// Writes atomically; throws std::runtime_error naming the file when it cannot.
void writeDemoFile(const QString& path, const DemoFile& demo);

}  // namespace flowscope
