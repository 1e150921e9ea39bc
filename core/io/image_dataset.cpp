#include "io/image_dataset.h"

#include "faces/face_attributes.h"
#include "faces/face_renderer.h"
#include "io/cifar10_batch.h"
#include "io/idx_file.h"
#include "io/image_folder.h"
#include "io/image_labels.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdlib>
#include <stdexcept>

namespace flowscope {

namespace {

constexpr int64_t kFaceTestFirst = 1'000'000;
constexpr int64_t kDefaultFaceCount = 4000;
constexpr int64_t kFacePool = 100'000;

std::string px(int64_t s) { return std::to_string(s) + "×" + std::to_string(s); }

/// The first `limit` rows of a tensor (all when limit is 0).
torch::Tensor firstRows(const torch::Tensor& t, int64_t limit) {
    return limit > 0 && limit < t.size(0) ? t.slice(0, 0, limit) : t;
}

/// One-vs-rest attributes from class labels.
void classAttributes(ImageDataset& d) {
    d.attributeNames = d.classNames;
    d.attributeSource = "classes";
    const auto* c = d.classes.data_ptr<int64_t>();
    d.attributes.assign(static_cast<size_t>(d.classes.size(0)), std::vector<int8_t>(d.classNames.size(), -1));
    for (int64_t i = 0; i < d.classes.size(0); ++i)
        if (c[i] >= 0 && c[i] < static_cast<int64_t>(d.classNames.size())) d.attributes[size_t(i)][size_t(c[i])] = 1;
}

/// Pads, resizes and converts uint8 [N, C0, S0, S0] to the requested size and channels.
torch::Tensor adapt(torch::Tensor images, const ImageDatasetOptions& o, std::vector<std::string>& notes) {
    const int64_t s0 = images.size(2), c0 = images.size(1);
    if (o.size != s0) {
        if (o.size > s0 && (o.size - s0) % 2 == 0) {
            const int64_t m = (o.size - s0) / 2;
            images = torch::constant_pad_nd(images, {m, m, m, m}, 0);
            notes.push_back(px(s0) + " padded to " + px(o.size) + " with black borders");
        } else {
            namespace F = torch::nn::functional;
            auto f = images.to(torch::kFloat32);
            auto opts = F::InterpolateFuncOptions().size(std::vector<int64_t>{o.size, o.size});
            if (o.size < s0)
                opts.mode(torch::kArea);
            else
                opts.mode(torch::kBilinear).align_corners(false);
            images = torch::round(F::interpolate(f, opts)).clamp(0, 255).to(torch::kUInt8);
            notes.push_back(px(s0) + " resized to " + px(o.size));
        }
    }
    if (o.channels == 3 && c0 == 1) {
        images = images.expand({-1, 3, -1, -1}).contiguous();
        notes.push_back("grey replicated to RGB");
    } else if (o.channels == 1 && c0 == 3) {
        auto w = torch::tensor({0.299f, 0.587f, 0.114f}).view({1, 3, 1, 1});
        images = torch::round((images.to(torch::kFloat32) * w).sum(1, true)).clamp(0, 255).to(torch::kUInt8);
        notes.push_back("RGB converted to grey (BT.601 luminance)");
    }
    return images.contiguous();
}

/// The file `stem` + one of the accepted suffixes in `dir` ("train-images" → train-images-idx3-ubyte…).
std::string findIdx(const QDir& dir, const std::string& kind, const std::string& idx) {
    for (const char* sep : {"-", "."})
        for (const char* gz : {".gz", ""}) {
            const QString name = QString::fromStdString(kind + sep + idx + "-ubyte" + gz);
            if (QFileInfo(dir.filePath(name)).isFile()) return dir.filePath(name).toStdString();
        }
    return {};
}

ImageDataset readIdxSet(const std::string& dirPath, const std::string& setName, const ImageDatasetOptions& o,
                        const std::vector<std::string>& classNames) {
    const QDir dir(QString::fromStdString(dirPath));
    const std::string prefix = o.split == "train" ? "train" : "t10k";
    const std::string imagesPath = findIdx(dir, prefix + "-images", "idx3");
    const std::string labelsPath = findIdx(dir, prefix + "-labels", "idx1");
    if (imagesPath.empty())
        throw std::runtime_error("'" + dirPath + "' has no " + prefix + "-images-idx3-ubyte[.gz] (the " + o.split +
                                 " images of an IDX set)");
    auto images = readIdxFile(imagesPath);
    if (images.dim() != 3 || images.size(1) != images.size(2))
        throw std::runtime_error("'" + imagesPath + "' does not hold square grey images [N, S, S]");
    if (images.size(1) < 4 || images.size(1) > 1024)
        throw std::runtime_error("'" + imagesPath + "' holds " + px(images.size(1)) +
                                 " images (FlowScope reads 4…1024)");
    ImageDataset d;
    torch::Tensor labels;
    if (!labelsPath.empty()) {
        labels = readIdxFile(labelsPath);
        if (labels.dim() != 1 || labels.size(0) != images.size(0))
            throw std::runtime_error("'" + labelsPath + "' holds " + std::to_string(labels.numel()) + " labels for " +
                                     std::to_string(images.size(0)) + " images");
        labels = labels.to(torch::kLong);
        const int64_t top = labels.max().item<int64_t>();
        d.classNames = classNames;
        for (int64_t k = static_cast<int64_t>(d.classNames.size()); k <= top; ++k)
            d.classNames.push_back("class " + std::to_string(k));
    }
    images = firstRows(images, o.limit).unsqueeze(1);
    d.images = adapt(images, o, d.notes);
    d.description = setName + " " + o.split + " (" + std::to_string(d.images.size(0)) + " images)";
    if (labels.defined()) {
        d.classes = firstRows(labels, o.limit).contiguous();
        classAttributes(d);
    }
    return d;
}

std::vector<std::string> cifarNames(const QDir& dir) {
    QFile meta(dir.filePath("batches.meta.txt"));
    std::vector<std::string> names;
    if (meta.size() <= 4096 && meta.open(QIODevice::ReadOnly)) {
        for (const auto& line : QString::fromUtf8(meta.readAll()).split('\n')) {
            const QString t = line.trimmed();
            if (!t.isEmpty() && t.size() <= 64) names.push_back(t.toStdString());
        }
    }
    return names.size() == 10 ? names : cifar10ClassNames();
}

ImageDataset readCifar10Set(const std::string& dirPath, const ImageDatasetOptions& o) {
    const QDir dir(QString::fromStdString(dirPath));
    if (!dir.exists())
        throw std::runtime_error("'" + dirPath + "' is not a folder (expected CIFAR-10's binary batches)");
    QStringList files;
    if (o.split == "test")
        files << "test_batch.bin";
    else
        for (int i = 1; i <= 5; ++i) files << QString("data_batch_%1.bin").arg(i);
    std::vector<torch::Tensor> images, labels;
    int64_t have = 0;
    for (const auto& f : files) {
        if (o.limit > 0 && have >= o.limit) break;
        const QString path = dir.filePath(f);
        if (!QFileInfo(path).isFile()) {
            if (o.split == "train" && !images.empty()) continue;  // fewer training batches are fine
            throw std::runtime_error("'" + dirPath + "' has no " + f.toStdString() + " (CIFAR-10's binary version)");
        }
        auto b = readCifar10Batch(path.toStdString());
        have += b.images.size(0);
        images.push_back(b.images);
        labels.push_back(b.labels);
    }
    ImageDataset d;
    d.classNames = cifarNames(dir);
    d.images = adapt(firstRows(torch::cat(images), o.limit), o, d.notes);
    d.classes = firstRows(torch::cat(labels), o.limit).contiguous();
    d.description = "cifar10 " + o.split + " (" + std::to_string(d.images.size(0)) + " images)";
    classAttributes(d);
    return d;
}

ImageDataset renderFaceSet(const ImageDatasetOptions& o) {
    if (o.channels != 3) throw std::runtime_error("the built-in faces are RGB: this needs 3 channels");
    if (o.size < 16 || o.size > 128) throw std::runtime_error("the built-in faces are rendered at 16…128 px");
    const int64_t n = o.limit > 0 ? o.limit : kDefaultFaceCount;
    const int64_t first = o.split == "test" ? kFaceTestFirst : 0;
    ImageDataset d;
    std::vector<torch::Tensor> chunks;
    for (int64_t i = 0; i < n; i += 256) {
        auto batch = sampleFaces(first + i, std::min<int64_t>(256, n - i), o.size, 0);
        chunks.push_back(unitToUint8(batch.images));
        for (const auto& f : batch.attributes) {
            std::vector<int8_t> row;
            for (bool b : faceLabels(f)) row.push_back(b ? 1 : -1);
            d.attributes.push_back(row);
        }
    }
    d.images = torch::cat(chunks);
    d.attributeNames = faceLabelNames();
    d.attributeSource = "face labels";
    d.description =
        "built-in faces " + o.split + " (seed 0, " + std::to_string(n) + " faces from " + std::to_string(first) + ")";
    return d;
}

ImageDataset readFolderSet(const std::string& dir, const ImageDatasetOptions& o) {
    ImageFolderOptions fo;
    fo.size = o.size;
    fo.channels = o.channels;
    fo.limit = o.limit;
    auto set = readImageFolder(dir, fo);
    ImageDataset d;
    d.images = set.images;
    d.problems = set.problems;
    auto labels = readImageLabels(dir, set.files);
    for (const auto& p : labels.problems) d.problems.push_back("labels: " + p);
    d.attributeNames = labels.names;
    d.attributes = labels.values;
    d.attributeSource = labels.source;
    d.description = QFileInfo(QString::fromStdString(dir)).fileName().toStdString() + " (" +
                    std::to_string(d.images.size(0)) + " images)";
    return d;
}

bool startsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

}  // namespace

const std::vector<std::string>& fashionMnistClassNames() {
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                   "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

const std::vector<std::string>& cifar10ClassNames() {
    static const std::vector<std::string> names = {"airplane", "automobile", "bird",  "cat",  "deer",
                                                   "dog",      "frog",       "horse", "ship", "truck"};
    return names;
}

std::string fashionMnistDir() {
    const char* env = std::getenv("FLOWSCOPE_FASHION_MNIST");
    return env && *env ? std::string(env) : std::string(kFashionMnistDefaultDir);
}

int64_t nativeChannels(const std::string& spec) { return spec == "fashion-mnist" || startsWith(spec, "idx:") ? 1 : 3; }

std::string dataSpecSummary() { return "faces, fashion-mnist, idx:DIR, cifar10:DIR or a folder of images"; }

ImageDataset loadImageDataset(const std::string& spec, const ImageDatasetOptions& o) {
    if (o.channels != 1 && o.channels != 3) throw std::invalid_argument("loadImageDataset: channels must be 1 or 3");
    if (o.size < 4 || o.size > 1024) throw std::invalid_argument("loadImageDataset: size must be 4…1024");
    if (o.split != "train" && o.split != "test")
        throw std::invalid_argument("unknown split '" + o.split + "' (expected train or test)");
    if (o.limit < 0) throw std::invalid_argument("loadImageDataset: negative limit");
    if (spec.empty()) throw std::runtime_error("no data set named (" + dataSpecSummary() + ")");
    if (spec == "faces") return renderFaceSet(o);
    if (spec == "fashion-mnist") {
        const std::string dir = fashionMnistDir();
        if (!QFileInfo(QString::fromStdString(dir)).isDir())
            throw std::runtime_error("Fashion-MNIST is not installed (no folder " + dir +
                                     "): install the Debian package dataset-fashion-mnist, or set "
                                     "FLOWSCOPE_FASHION_MNIST to a folder holding its IDX files");
        return readIdxSet(dir, "fashion-mnist", o, fashionMnistClassNames());
    }
    if (startsWith(spec, "idx:")) {
        const std::string dir = spec.substr(4);
        if (!QFileInfo(QString::fromStdString(dir)).isDir())
            throw std::runtime_error("'" + dir + "' is not a folder (idx:DIR names a folder of IDX files)");
        return readIdxSet(dir, QFileInfo(QString::fromStdString(dir)).fileName().toStdString(), o, {});
    }
    if (startsWith(spec, "cifar10:")) return readCifar10Set(spec.substr(8), o);
    return readFolderSet(spec, o);
}

std::shared_ptr<GlowDataSource> openTrainingData(const std::string& spec, const ImageDatasetOptions& options,
                                                 std::vector<std::string>* notes) {
    if (spec == "faces") {
        if (options.channels != 3) throw std::runtime_error("the built-in faces are RGB: use 3 channels");
        return std::make_shared<FaceImageSource>(options.size, 0, kFacePool);
    }
    ImageDatasetOptions o = options;
    o.split = "train";
    auto d = loadImageDataset(spec, o);
    if (notes) {
        *notes = d.notes;
        for (const auto& p : d.problems) notes->push_back("skipped: " + p);
    }
    return std::make_shared<TensorImageSource>(d.images, d.description);
}

}  // namespace flowscope
