#include "io/image_tensor.h"

#include "io/atomic_file.h"

#include <QBuffer>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

namespace flowscope {

namespace {

std::string shapeText(const torch::Tensor& t) {
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + "]";
}

}  // namespace

QImage rgbTensorToImage(const torch::Tensor& chw) {
    if (!chw.defined() || chw.dim() != 3 || chw.size(0) != 3 || chw.size(1) < 1 || chw.size(2) < 1)
        throw std::invalid_argument("rgbTensorToImage: expected an RGB tensor [3, H, W], got " +
                                    (chw.defined() ? shapeText(chw) : std::string("an undefined tensor")));
    const int64_t h = chw.size(1), w = chw.size(2);
    // [H, W, 3] bytes, rounded to nearest.
    auto bytes = (chw.detach().to(torch::kCPU, torch::kFloat32).nan_to_num(0.0).clamp(0.0, 1.0) * 255.0 + 0.5)
                     .floor()
                     .to(torch::kUInt8)
                     .permute({1, 2, 0})
                     .contiguous();
    QImage image(static_cast<int>(w), static_cast<int>(h), QImage::Format_RGB888);
    const uint8_t* src = bytes.data_ptr<uint8_t>();
    for (int64_t row = 0; row < h; ++row)
        std::memcpy(image.scanLine(static_cast<int>(row)), src + row * w * 3, static_cast<size_t>(w * 3));
    return image;
}

torch::Tensor imageToRgbTensor(const QImage& image) {
    if (image.isNull()) throw std::invalid_argument("imageToRgbTensor: the image is empty");
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    const int64_t h = rgb.height(), w = rgb.width();
    auto bytes = torch::empty({h, w, 3}, torch::kUInt8);
    uint8_t* dst = bytes.data_ptr<uint8_t>();
    for (int64_t row = 0; row < h; ++row)
        std::memcpy(dst + row * w * 3, rgb.constScanLine(static_cast<int>(row)), static_cast<size_t>(w * 3));
    return bytes.permute({2, 0, 1}).to(torch::kFloat32).div(255.0).contiguous();
}

QImage montageImage(const torch::Tensor& images, int64_t columns, int gap, float gapGrey) {
    if (!images.defined() || images.dim() != 4 || images.size(1) != 3 || images.size(0) < 1)
        throw std::invalid_argument("montageImage: expected images [N, 3, H, W] with N ≥ 1, got " +
                                    (images.defined() ? shapeText(images) : std::string("an undefined tensor")));
    if (columns < 1 || gap < 0) throw std::invalid_argument("montageImage: columns must be ≥ 1 and gap ≥ 0");
    const int64_t n = images.size(0), h = images.size(2), w = images.size(3);
    const int64_t cols = std::min(columns, n), rows = (n + cols - 1) / cols;
    auto canvas = torch::full({3, rows * h + (rows + 1) * gap, cols * w + (cols + 1) * gap}, gapGrey);
    for (int64_t i = 0; i < n; ++i) {
        const int64_t r = i / cols, c = i % cols;
        const int64_t y0 = gap + r * (h + gap), x0 = gap + c * (w + gap);
        canvas.slice(1, y0, y0 + h).slice(2, x0, x0 + w).copy_(images[i].to(torch::kCPU, torch::kFloat32));
    }
    return rgbTensorToImage(canvas);
}

void writePng(const QImage& image, const std::string& path) {
    QByteArray png;
    QBuffer buffer(&png);
    if (image.isNull() || !buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG"))
        throw std::runtime_error("cannot encode the image for '" + path + "'");
    writeFileAtomically(path, std::string(png.constData(), static_cast<size_t>(png.size())));
}

void writeImages(const torch::Tensor& images, const std::string& path, int64_t columns) {
    auto rgb = images.size(1) == 1 ? images.repeat({1, 3, 1, 1}) : images;
    writePng(rgb.size(0) == 1 ? rgbTensorToImage(rgb[0].to(torch::kCPU, torch::kFloat32)) : montageImage(rgb, columns),
             path);
}

}  // namespace flowscope
