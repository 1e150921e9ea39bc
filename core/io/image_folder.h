#pragma once
/// \file Reading a folder of images (jpg, png, bmp, … anything QImageReader decodes) as square
/// training images, and one photo as a square image to encode.

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace flowscope {

/// Images with more pixels than this are refused before they are decoded (a hostile header can
/// claim 10000×10000; a face photo never needs more).
constexpr int64_t kMaxImageMegapixels = 50;
/// Images whose shorter side is below this are refused: too little to crop a face from.
constexpr int64_t kMinImageSide = 8;
/// readImageFolder refuses to allocate a result larger than this; set a limit or a smaller size.
constexpr int64_t kMaxImageSetBytes = int64_t(8) << 30;

/// How readImageFolder reads: every image becomes size × size with `channels` channels.
struct ImageFolderOptions {
    int64_t size = 64;      ///< S, 4…1024
    int64_t channels = 3;   ///< 3: RGB (grey replicated); 1: grey
    int64_t limit = 0;      ///< at most this many images (0: all), spread evenly over the sorted list
    bool recursive = true;  ///< also read sub-folders (hidden files and folders are skipped)
};

/// The images of a folder, their names, and what was skipped.
struct ImageSet {
    torch::Tensor images;               ///< uint8 [N, C, S, S]
    std::vector<std::string> files;     ///< relative paths with '/', same order as images
    std::vector<std::string> problems;  ///< "sub/file.jpg: not an image FlowScope can read", …
    int64_t skipped = 0;                ///< files that could not be used (problems lists at most 100)
};

/// The files under `dir` whose extension is an image format QImageReader knows, as relative
/// paths with '/' in byte-wise sorted order (the order readImageFolder uses). Hidden files and
/// folders are skipped, symbolic links to folders are not followed. Throws std::runtime_error
/// naming the folder when it does not exist, is not a folder or cannot be read.
std::vector<std::string> listImageFiles(const std::string& dir, bool recursive);

/// Reads the images listImageFiles finds: each is centre-cropped to a square (the shorter
/// side), resized to S × S with Qt::SmoothTransformation (up or down), turned upright by its
/// EXIF orientation, and converted to RGB or grey (alpha dropped). With a limit below the number
/// of files, every k-th file is read, so a limited read still covers every sub-folder. A file
/// that is not an image, is damaged or truncated, is smaller than kMinImageSide or larger than
/// kMaxImageMegapixels (checked from its header, before decoding) is skipped and reported in
/// `problems`. Decodes on at::parallel_for threads. Throws std::invalid_argument on bad options,
/// std::runtime_error naming the folder when it cannot be read, holds no image file, none of its
/// images can be used, or the result would exceed kMaxImageSetBytes.
ImageSet readImageFolder(const std::string& dir, const ImageFolderOptions& options = {});

/// One image ("encode my photo") prepared as readImageFolder prepares each one: uint8
/// [channels, size, size]. Throws std::invalid_argument on a bad size or channel count, and
/// std::runtime_error naming the file and the problem otherwise ("'x.jpg' is not an image
/// FlowScope can read", "'x.png' is 1×1 pixels: too small to crop to 64×64 …").
torch::Tensor loadImageTensor(const std::string& path, int64_t size, int64_t channels = 3);

}  // namespace flowscope
