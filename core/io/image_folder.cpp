#include "io/image_folder.h"

#include <QBuffer>
#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageIOHandler>
#include <QImageReader>
#include <QSet>
#include <QString>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace flowscope {

namespace {

constexpr size_t kMaxReported = 100;
/// Larger files are not read at all (a 50-megapixel 32-bit BMP is 200 MB).
constexpr qint64 kMaxFileBytes = qint64(256) << 20;

/// Lower-case suffixes QImageReader can decode ("jpg", "png", "bmp", …).
const QSet<QString>& imageSuffixes() {
    static const QSet<QString> suffixes = [] {
        QSet<QString> s;
        for (const QByteArray& format : QImageReader::supportedImageFormats())
            s.insert(QString::fromLatin1(format).toLower());
        return s;
    }();
    return suffixes;
}

/// "640×480".
std::string pixelsText(int64_t w, int64_t h) { return std::to_string(w) + "×" + std::to_string(h); }

/// Whether JPEG data (starting with SOI) reaches its end-of-image marker: walks the marker
/// segments (skipping their payloads, so an EXIF thumbnail's EOI does not count) and the
/// entropy-coded scans. libjpeg only warns on a truncated file and fills the rest with grey.
bool jpegIsComplete(const QByteArray& data) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.constData());
    const size_t n = static_cast<size_t>(data.size());
    size_t i = 2;
    for (;;) {
        while (i < n && p[i] != 0xFF) ++i;  // tolerate stray bytes between segments
        while (i < n && p[i] == 0xFF) ++i;  // fill bytes
        if (i >= n) return false;
        const unsigned char marker = p[i++];
        if (marker == 0xD9) return true;                                                       // EOI
        if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no payload
        if (i + 2 > n) return false;
        const size_t length = (size_t(p[i]) << 8) | p[i + 1];
        if (length < 2) return false;
        i += length;
        if (i > n) return false;
        if (marker == 0xDA) {  // start of scan: entropy-coded data up to the next real marker
            while (i + 1 < n) {
                if (p[i] == 0xFF) {
                    const unsigned char next = p[i + 1];
                    if (next == 0xFF) {
                        ++i;
                        continue;
                    }
                    if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                ++i;
            }
            if (i + 1 >= n) return false;
        }
    }
}

/// Why an image of w × h pixels cannot be cropped to size × size, or "" when it can.
std::string sizeProblem(int64_t w, int64_t h, int64_t size) {
    if (w * h > kMaxImageMegapixels * 1'000'000) {
        const int64_t tenths = (w * h + 50'000) / 100'000;  // not printf: the C locale may be German
        return pixelsText(w, h) + " pixels (" + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) +
               " megapixels): more than the " + std::to_string(kMaxImageMegapixels) + "-megapixel limit";
    }
    if (std::min(w, h) < kMinImageSide)
        return pixelsText(w, h) + " pixels: too small to crop to " + pixelsText(size, size) + " (at least " +
               pixelsText(kMinImageSide, kMinImageSide) + " needed)";
    return {};
}

/// Decodes `path`, centre-crops, resizes and converts it into `out` (uint8 [channels, size,
/// size]). Returns "" on success, else the reason, phrased to follow "'file' is " or "file: ".
std::string prepareImage(const QString& path, int64_t size, int64_t channels, uint8_t* out) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return "unreadable (" + file.errorString().toStdString() + ")";
    const qint64 bytes = file.size();
    if (bytes == 0) return "an empty file";
    if (bytes > kMaxFileBytes)
        return "a file of " + std::to_string(bytes >> 20) + " MB: more than the " +
               std::to_string(kMaxFileBytes >> 20) + " MB FlowScope reads as one image";
    QByteArray data = file.readAll();
    if (data.size() != bytes) return "unreadable (" + file.errorString().toStdString() + ")";
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);  // the format comes from the content, not the file name
    reader.setAutoTransform(true);
    if (!reader.canRead()) return "not an image FlowScope can read";
    if (data.startsWith("\xFF\xD8") && !jpegIsComplete(data))
        return "truncated: its JPEG data ends before the end-of-image marker";

    const QSize header = reader.size();
    if (header.isValid()) {
        const int64_t w = header.width(), h = header.height();
        if (std::string problem = sizeProblem(w, h, size); !problem.empty()) return problem;
        // Qt refuses to allocate decoded images above QImageReader::allocationLimit(): ask a
        // decoder that can scale while decoding (JPEG) for a power-of-two reduction instead.
        const int64_t limit = int64_t(QImageReader::allocationLimit()) << 20;
        const QImage::Format format = reader.imageFormat();
        const int64_t bitsPerPixel =
            format == QImage::Format_Invalid ? 32 : QImage::toPixelFormat(format).bitsPerPixel();
        int64_t k = 1;
        while (limit > 0 && ((w + k - 1) / k) * ((h + k - 1) / k) * bitsPerPixel / 8 > limit) k *= 2;
        if (k > 1) {
            if (!reader.supportsOption(QImageIOHandler::ScaledSize))
                return pixelsText(w, h) + " pixels: more than Qt decodes in this format (its image limit is " +
                       std::to_string(limit >> 20) + " MB)";
            reader.setScaledSize(QSize(int((w + k - 1) / k), int((h + k - 1) / k)));
        }
    }
    QImage image = reader.read();
    if (image.isNull()) return "damaged (" + reader.errorString().toStdString() + ")";
    if (std::string problem = sizeProblem(image.width(), image.height(), size); !problem.empty()) return problem;

    const int side = std::min(image.width(), image.height());
    image = image.copy((image.width() - side) / 2, (image.height() - side) / 2, side, side);
    const QImage::Format target = channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8;
    image = image.convertToFormat(target);
    if (side != size)
        image =
            image.scaled(int(size), int(size), Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(target);
    if (image.isNull() || image.width() != size || image.height() != size)
        return "too large to convert (out of memory)";

    const int64_t plane = size * size;
    for (int64_t y = 0; y < size; ++y) {
        const uint8_t* row = image.constScanLine(int(y));
        if (channels == 1) {
            std::memcpy(out + y * size, row, size_t(size));
        } else {
            for (int64_t x = 0; x < size; ++x)
                for (int64_t c = 0; c < 3; ++c) out[c * plane + y * size + x] = row[x * 3 + c];
        }
    }
    return {};
}

/// Throws std::invalid_argument unless size is in 4…1024 and channels is 1 or 3.
void checkShape(const char* function, int64_t size, int64_t channels) {
    if (size < 4 || size > 1024)
        throw std::invalid_argument(std::string(function) + ": size must be in 4…1024, got " + std::to_string(size));
    if (channels != 1 && channels != 3)
        throw std::invalid_argument(std::string(function) + ": channels must be 1 or 3, got " +
                                    std::to_string(channels));
}

}  // namespace

std::vector<std::string> listImageFiles(const std::string& dir, bool recursive) {
    const QString root = QString::fromStdString(dir);
    const QFileInfo info(root);
    if (!info.exists()) throw std::runtime_error("image folder '" + dir + "' does not exist");
    if (!info.isDir()) throw std::runtime_error("'" + dir + "' is not a folder");
    if (!info.isReadable() || !info.isExecutable())
        throw std::runtime_error("image folder '" + dir + "' cannot be read (permission denied)");
    const QDir base(root);
    QDirIterator it(root, QDir::Files | QDir::NoDotAndDotDot,
                    recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    std::vector<std::string> files;
    while (it.hasNext()) {
        const QString path = it.next();
        if (imageSuffixes().contains(it.fileInfo().suffix().toLower()))
            files.push_back(base.relativeFilePath(path).toStdString());
    }
    std::sort(files.begin(), files.end());
    return files;
}

ImageSet readImageFolder(const std::string& dir, const ImageFolderOptions& options) {
    checkShape("readImageFolder", options.size, options.channels);
    if (options.limit < 0)
        throw std::invalid_argument("readImageFolder: limit must be ≥ 0, got " + std::to_string(options.limit));
    const std::vector<std::string> all = listImageFiles(dir, options.recursive);
    if (all.empty())
        throw std::runtime_error("image folder '" + dir + "' holds no image files (" +
                                 (options.recursive ? "sub-folders included" : "sub-folders not read") +
                                 "; formats: " + QImageReader::supportedImageFormats().join(", ").toStdString() + ")");
    const int64_t total = static_cast<int64_t>(all.size());
    const int64_t count = options.limit > 0 ? std::min(options.limit, total) : total;
    const int64_t size = options.size, channels = options.channels, perImage = channels * size * size;
    if (count > kMaxImageSetBytes / perImage)
        throw std::runtime_error("image folder '" + dir + "': " + std::to_string(count) + " images of " +
                                 std::to_string(channels) + "×" + pixelsText(size, size) + " need more than " +
                                 std::to_string(kMaxImageSetBytes >> 30) + " GB; set a limit or a smaller size");
    std::vector<std::string> chosen(static_cast<size_t>(count));
    // Evenly spread: the middle file of each of `count` equal stretches of the sorted list.
    for (int64_t i = 0; i < count; ++i) chosen[size_t(i)] = all[size_t((2 * i + 1) * total / (2 * count))];

    ImageSet set;
    set.images = torch::empty({count, channels, size, size}, torch::kUInt8);
    uint8_t* data = set.images.data_ptr<uint8_t>();
    std::vector<std::string> reasons(static_cast<size_t>(count));
    const QDir base(QString::fromStdString(dir));
    at::parallel_for(0, count, 8, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            try {
                reasons[size_t(i)] = prepareImage(base.filePath(QString::fromStdString(chosen[size_t(i)])), size,
                                                  channels, data + i * perImage);
            } catch (const std::exception& e) {
                reasons[size_t(i)] = std::string("unreadable (") + e.what() + ")";
            }
        }
    });

    int64_t kept = 0;
    for (int64_t i = 0; i < count; ++i) {
        const std::string& reason = reasons[size_t(i)];
        if (reason.empty()) {
            if (kept != i) std::memmove(data + kept * perImage, data + i * perImage, size_t(perImage));
            set.files.push_back(chosen[size_t(i)]);
            ++kept;
        } else {
            ++set.skipped;
            if (set.problems.size() < kMaxReported) set.problems.push_back(chosen[size_t(i)] + ": " + reason);
        }
    }
    if (set.skipped > int64_t(kMaxReported))
        set.problems.push_back("… and " + std::to_string(set.skipped - int64_t(kMaxReported)) + " more files skipped");
    if (kept == 0)
        throw std::runtime_error("image folder '" + dir + "' holds " + std::to_string(count) +
                                 " image files but none FlowScope can use; first: " + set.problems.front());
    if (kept < count) {
        set.images = set.images.narrow(0, 0, kept);
        if (kept * 2 < count) set.images = set.images.clone();  // give back the unused rows
    }
    return set;
}

torch::Tensor loadImageTensor(const std::string& path, int64_t size, int64_t channels) {
    checkShape("loadImageTensor", size, channels);
    const QString file = QString::fromStdString(path);
    const QFileInfo info(file);
    if (!info.exists()) throw std::runtime_error("image '" + path + "' does not exist");
    if (info.isDir()) throw std::runtime_error("'" + path + "' is a folder, not an image");
    auto image = torch::empty({channels, size, size}, torch::kUInt8);
    std::string reason;
    try {
        reason = prepareImage(file, size, channels, image.data_ptr<uint8_t>());
    } catch (const std::exception& e) {
        reason = std::string("unreadable (") + e.what() + ")";
    }
    if (!reason.empty()) throw std::runtime_error("'" + path + "' is " + reason);
    return image;
}

}  // namespace flowscope
