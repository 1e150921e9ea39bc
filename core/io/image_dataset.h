#pragma once
/// \file Where FlowScope's images come from, named by one string wherever a data set is asked
/// for (`--data`, the Train page): the built-in faces, Fashion-MNIST (Debian's package), any IDX
/// set (MNIST), CIFAR-10's binary batches, or a folder of images.

#include "glow/glow_data.h"

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace flowscope {

/// Where dataset-fashion-mnist installs its four IDX files.
constexpr const char* kFashionMnistDefaultDir = "/usr/share/datasets/fashion-mnist";
/// Fashion-MNIST's ten classes, in label order (Xiao, Rasul & Vollgraf 2017).
const std::vector<std::string>& fashionMnistClassNames();
/// CIFAR-10's ten classes, in label order (used when batches.meta.txt is absent).
const std::vector<std::string>& cifar10ClassNames();
/// The Fashion-MNIST folder: $FLOWSCOPE_FASHION_MNIST when set, else kFashionMnistDefaultDir.
std::string fashionMnistDir();
/// The channels a data set has of its own: 1 for IDX sets (Fashion-MNIST, MNIST), 3 for the
/// faces, CIFAR-10 and photo folders.
int64_t nativeChannels(const std::string& spec);
/// One line for help texts: "faces, fashion-mnist, idx:DIR, cifar10:DIR or an image folder".
std::string dataSpecSummary();

struct ImageDatasetOptions {
    int64_t size = 32;            ///< S: images become S × S (see ImageDataset::notes)
    int64_t channels = 3;         ///< 1 (grey) or 3 (RGB)
    std::string split = "train";  ///< "train" or "test" (faces: images never used in training)
    int64_t limit = 0;            ///< at most this many images (0: all; faces: 4000); the first ones
};

/// Images, their labels, and how they were adapted to the requested size and channels.
struct ImageDataset {
    torch::Tensor images;                 ///< uint8 [N, C, S, S]
    torch::Tensor classes;                ///< int64 [N] when the set has classes, else undefined
    std::vector<std::string> classNames;  ///< names of the class labels
    /// Binary attributes per image for attribute vectors: a folder's labels, the faces' labels,
    /// or one class against the rest (+1 in the class, −1 outside) for class-labelled sets.
    std::vector<std::string> attributeNames;
    std::vector<std::vector<int8_t>> attributes;  ///< [image][attribute]: +1, −1, 0 unknown
    std::string attributeSource;                  ///< "classes", "list_attr_celeba.txt", …; "" when none
    std::string description;                      ///< "fashion-mnist test (10000 images)"
    std::vector<std::string> notes;               ///< "28×28 padded to 32×32 with black borders", …
    std::vector<std::string> problems;            ///< files of a folder that were skipped
};

/// Reads the data set `spec` names:
///  - `faces`: the built-in synthetic faces (RGB), train = faces 0…, test = faces from 10^6 on
///    (never in the training pool);
///  - `fashion-mnist`: fashionMnistDir(); a missing package is one line naming
///    dataset-fashion-mnist;
///  - `idx:DIR`: the standard MNIST file names (train-images-idx3-ubyte, train-labels-idx1-ubyte,
///    t10k-…; '.' for the second '-' and a .gz suffix are accepted);
///  - `cifar10:DIR`: data_batch_1…5.bin (train) or test_batch.bin (test) and batches.meta.txt;
///  - anything else: a folder of images (readImageFolder; labels by readImageLabels).
/// Sizes: images at their own size are kept; a larger S with an even margin is zero-padded
/// centred (28 → 32: black borders, as Fashion-MNIST's background); any other S is resized
/// (area average down, bilinear up). Grey sets become RGB by replication, RGB becomes grey by
/// luminance (ITU-R BT.601). Each adaptation is one line in `notes`. Throws std::invalid_argument
/// for bad options and std::runtime_error with one line for missing or bad data.
ImageDataset loadImageDataset(const std::string& spec, const ImageDatasetOptions& options);

/// A training source for `spec`: the faces rendered on demand from a pool of 100,000, otherwise
/// the images loadImageDataset reads (split train). `notes` receives what loadImageDataset noted.
std::shared_ptr<GlowDataSource> openTrainingData(const std::string& spec, const ImageDatasetOptions& options,
                                                 std::vector<std::string>* notes = nullptr);

}  // namespace flowscope
