#include "io/palette_quantizer.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_map>

namespace flowscope {
namespace {

constexpr int kBins = 32 * 32 * 32;  // 5 bits a channel

int binOf(QRgb c) { return ((qRed(c) >> 3) << 10) | ((qGreen(c) >> 3) << 5) | (qBlue(c) >> 3); }
int channel(int bin, int axis) { return (bin >> (10 - 5 * axis)) & 31; }

struct Box {
    std::vector<int> bins;  // occupied histogram bins inside the box
    int64_t pixels = 0;
    int longestAxis = 0, extent = 0;
};

void measure(Box& box) {
    std::array<int, 3> lo{31, 31, 31}, hi{0, 0, 0};
    for (int b : box.bins)
        for (int a = 0; a < 3; ++a) {
            lo[a] = std::min(lo[a], channel(b, a));
            hi[a] = std::max(hi[a], channel(b, a));
        }
    box.extent = -1;
    for (int a = 0; a < 3; ++a)
        if (hi[a] - lo[a] > box.extent) box.extent = hi[a] - lo[a], box.longestAxis = a;
}

// Median cut: split the box with the most pixels (among those that can still split) at the
// pixel-weighted median of its longest axis, until there are maxColors boxes.
std::vector<Box> medianCut(const std::vector<int64_t>& histogram, int maxColors) {
    Box all;
    for (int b = 0; b < kBins; ++b)
        if (histogram[b] > 0) all.bins.push_back(b), all.pixels += histogram[b];
    measure(all);
    std::vector<Box> boxes{all};
    while (static_cast<int>(boxes.size()) < maxColors) {
        int pick = -1;
        for (int i = 0; i < static_cast<int>(boxes.size()); ++i)
            if (boxes[i].extent > 0 &&
                (pick < 0 || boxes[i].pixels * boxes[i].extent > boxes[pick].pixels * boxes[pick].extent))
                pick = i;
        if (pick < 0) break;  // every box is a single bin
        Box& box = boxes[pick];
        const int axis = box.longestAxis;
        std::sort(box.bins.begin(), box.bins.end(),
                  [axis](int x, int y) { return channel(x, axis) < channel(y, axis); });
        int64_t seen = 0;
        size_t cut = 1;
        for (; cut < box.bins.size(); ++cut) {
            seen += histogram[box.bins[cut - 1]];
            if (2 * seen >= box.pixels) break;
        }
        cut = std::clamp<size_t>(cut, 1, box.bins.size() - 1);
        Box upper;
        upper.bins.assign(box.bins.begin() + static_cast<std::ptrdiff_t>(cut), box.bins.end());
        box.bins.resize(cut);
        box.pixels = 0;
        for (int b : box.bins) box.pixels += histogram[b];
        for (int b : upper.bins) upper.pixels += histogram[b];
        measure(box);
        measure(upper);
        boxes.push_back(std::move(upper));
    }
    return boxes;
}

}  // namespace

IndexedImage quantizeImage(const QImage& source, int maxColors) {
    if (maxColors < 2 || maxColors > 256) throw std::invalid_argument("quantizeImage: maxColors must be 2..256");
    if (source.isNull()) throw std::invalid_argument("quantizeImage: empty image");
    const QImage image = source.convertToFormat(QImage::Format_RGB32);
    IndexedImage out;
    out.width = image.width();
    out.height = image.height();
    out.indices.resize(static_cast<size_t>(out.width) * out.height);

    // Exact when the image has few colours.
    std::unordered_map<QRgb, uint8_t> exact;
    bool fits = true;
    for (int y = 0; y < out.height && fits; ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < out.width; ++x) {
            const QRgb c = row[x] | 0xff000000u;
            auto it = exact.find(c);
            if (it == exact.end()) {
                if (static_cast<int>(exact.size()) == maxColors) {
                    fits = false;
                    break;
                }
                it = exact.emplace(c, static_cast<uint8_t>(exact.size())).first;
                out.palette.push_back(c);
            }
            out.indices[static_cast<size_t>(y) * out.width + x] = it->second;
        }
    }
    if (fits) return out;

    std::vector<int64_t> histogram(kBins, 0);
    std::vector<std::array<int64_t, 3>> sums(kBins, {0, 0, 0});
    for (int y = 0; y < out.height; ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < out.width; ++x) {
            const int b = binOf(row[x]);
            ++histogram[b];
            sums[b][0] += qRed(row[x]), sums[b][1] += qGreen(row[x]), sums[b][2] += qBlue(row[x]);
        }
    }
    const auto boxes = medianCut(histogram, maxColors);
    out.palette.clear();
    for (const auto& box : boxes) {  // the mean colour of the pixels in the box
        std::array<int64_t, 3> s{0, 0, 0};
        for (int b : box.bins)
            for (int a = 0; a < 3; ++a) s[a] += sums[b][a];
        const auto mean = [&](int a) { return static_cast<int>((s[a] + box.pixels / 2) / box.pixels); };
        out.palette.push_back(qRgb(mean(0), mean(1), mean(2)));
    }
    // Each occupied bin maps to the palette colour nearest its mean.
    std::vector<int16_t> lookup(kBins, -1);
    for (int b = 0; b < kBins; ++b) {
        if (histogram[b] == 0) continue;
        const int r = static_cast<int>(sums[b][0] / histogram[b]), g = static_cast<int>(sums[b][1] / histogram[b]),
                  bl = static_cast<int>(sums[b][2] / histogram[b]);
        int best = 0, bestDistance = 1 << 30;
        for (int i = 0; i < static_cast<int>(out.palette.size()); ++i) {
            const int dr = qRed(out.palette[i]) - r, dg = qGreen(out.palette[i]) - g, db = qBlue(out.palette[i]) - bl;
            const int d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;  // rough perceptual weights
            if (d < bestDistance) bestDistance = d, best = i;
        }
        lookup[b] = static_cast<int16_t>(best);
    }
    for (int y = 0; y < out.height; ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < out.width; ++x)
            out.indices[static_cast<size_t>(y) * out.width + x] = static_cast<uint8_t>(lookup[binOf(row[x])]);
    }
    return out;
}

}  // namespace flowscope
