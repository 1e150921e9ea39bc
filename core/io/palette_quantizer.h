#pragma once
/// \file An image reduced to at most 256 colours for an indexed format (GIF): exact when the
/// image has that few colours, otherwise a median cut over a 5-bit-per-channel histogram with
/// each pixel mapped to its nearest palette colour (a viridis heatmap comes back within a level
/// or two: its colours lie along one curve).

#include <QImage>

#include <cstdint>
#include <vector>

namespace flowscope {

struct IndexedImage {
    int width = 0, height = 0;
    std::vector<uint8_t> indices;  ///< row-major, width × height
    std::vector<QRgb> palette;     ///< 1..256 opaque colours
};

/// `image` (any format; alpha is dropped) with at most `maxColors` (2..256) colours.
IndexedImage quantizeImage(const QImage& image, int maxColors = 256);

}  // namespace flowscope
