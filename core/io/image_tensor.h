#pragma once
/// \file Converting between RGB image tensors and QImage (PNG export of rendered or sampled
/// images; loading images as training data).

#include <torch/torch.h>

#include <QImage>

namespace flowscope {

/// An RGB image tensor [3, H, W] (float, values in [0, 1]; clamped, rounded to 8 bits) as a
/// QImage (Format_RGB888). Throws std::invalid_argument on any other shape.
QImage rgbTensorToImage(const torch::Tensor& chw);

/// A QImage as an RGB float tensor [3, H, W] in [0, 1] (alpha dropped).
torch::Tensor imageToRgbTensor(const QImage& image);

/// Images [N, 3, S, S] laid out in a grid of `columns` with `gap` pixels of `gapGrey` between
/// them, as one image.
QImage montageImage(const torch::Tensor& images, int64_t columns, int gap = 2, float gapGrey = 1.0f);

/// Encodes `image` as PNG and writes it atomically (io/atomic_file.h), so an interrupted save
/// never leaves a broken image where a good one was. Throws std::runtime_error naming the file.
void writePng(const QImage& image, const std::string& path);

/// Images [N, C, H, W] (C = 1 or 3, values in [0, 1]) written as PNG: one image at its own size
/// (no frame), several as a framed grid of `columns`. Throws std::runtime_error naming the file.
void writeImages(const torch::Tensor& images, const std::string& path, int64_t columns);

}  // namespace flowscope
