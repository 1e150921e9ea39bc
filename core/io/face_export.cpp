#include "io/face_export.h"

#include "faces/face_renderer.h"
#include "io/atomic_file.h"
#include "io/image_tensor.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace flowscope {

namespace {

constexpr int64_t kChunk = 64;  // faces rendered per batch
static_assert(kChunk >= kMontageFaces, "the montage comes from the first batch");

std::string faceFileName(int64_t index) {
    char name[32];
    std::snprintf(name, sizeof name, "face_%06lld.png", static_cast<long long>(index + 1));
    return name;
}

void savePng(const QImage& image, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG")) {
        file.cancelWriting();
        throw std::runtime_error("cannot write '" + path.toStdString() + "': " + file.errorString().toStdString());
    }
    if (!file.commit())
        throw std::runtime_error("cannot finish writing '" + path.toStdString() +
                                 "': " + file.errorString().toStdString());
}

}  // namespace

FaceExportSummary exportFaces(const std::string& dir, int64_t count, int64_t size, uint64_t seed,
                              const std::string& montagePath) {
    if (count < 1) throw std::invalid_argument("exportFaces: count must be ≥ 1, got " + std::to_string(count));
    if (size < 16 || size > 128)
        throw std::invalid_argument("exportFaces: size must be in 16…128, got " + std::to_string(size));
    const QString root = QString::fromStdString(dir);
    if (!QDir().mkpath(root)) throw std::runtime_error("cannot create output folder '" + dir + "'");
    const QDir out(root);

    FaceExportSummary summary;
    summary.count = count;
    summary.size = size;
    summary.seed = seed;
    summary.labelNames = faceLabelNames();
    std::vector<int64_t> positives(summary.labelNames.size(), 0);

    std::ostringstream labels, csv;
    labels << count << "\n";
    for (size_t i = 0; i < summary.labelNames.size(); ++i) labels << (i ? " " : "") << summary.labelNames[i];
    labels << "\n";
    csv << "file";
    for (const auto& name : faceAttributeNames()) csv << "," << name;
    csv << "\n";

    torch::Tensor montage;
    for (int64_t first = 0; first < count; first += kChunk) {
        const int64_t n = std::min(kChunk, count - first);
        const FaceBatch batch = sampleFaces(first, n, size, seed);
        if (first < kMontageFaces && !montagePath.empty())
            montage = batch.images.slice(0, 0, std::min(n, kMontageFaces - first));
        for (int64_t i = 0; i < n; ++i) {
            const std::string file = faceFileName(first + i);
            savePng(rgbTensorToImage(batch.images[i]), out.filePath(QString::fromStdString(file)));
            const FaceAttributes& a = batch.attributes[static_cast<size_t>(i)];
            const std::vector<bool> flags = faceLabels(a);
            labels << file;
            for (size_t k = 0; k < flags.size(); ++k) {
                labels << (flags[k] ? "  1" : " -1");
                positives[k] += flags[k] ? 1 : 0;
            }
            labels << "\n";
            csv << file;
            char value[32];
            for (float v : attributeValues(a)) {
                std::snprintf(value, sizeof value, ",%.6g", static_cast<double>(v));
                csv << value;
            }
            csv << "\n";
        }
    }
    writeFileAtomically(out.filePath("list_attr_faces.txt").toStdString(), labels.str());
    writeFileAtomically(out.filePath("attributes.csv").toStdString(), csv.str());
    if (!montagePath.empty()) {
        const QString path = QString::fromStdString(montagePath);
        const QString parent = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(parent)) throw std::runtime_error("cannot create folder '" + parent.toStdString() + "'");
        savePng(montageImage(montage, kMontageColumns), path);
    }
    for (int64_t p : positives) summary.positiveFraction.push_back(static_cast<double>(p) / static_cast<double>(count));
    return summary;
}

}  // namespace flowscope
