#pragma once
/// \file CIFAR-10's binary batches (https://www.cs.toronto.edu/~kriz/cifar.html, "binary
/// version"): records of one label byte then 3072 pixel bytes, the red, green and blue 32×32
/// planes in row-major order. data_batch_1.bin … data_batch_5.bin hold the training images,
/// test_batch.bin the test images, batches.meta.txt the class names.

#include <torch/torch.h>

#include <string>

namespace flowscope {

constexpr int64_t kCifar10RecordBytes = 1 + 3 * 32 * 32;
/// The most records one batch file may hold (the real ones hold 10,000).
constexpr int64_t kMaxCifar10Records = 1'000'000;

struct Cifar10Batch {
    torch::Tensor images;  ///< uint8 [N, 3, 32, 32]
    torch::Tensor labels;  ///< int64 [N], 0…9
};

/// Reads one batch file (plain or gzip). Throws std::runtime_error with one line naming the
/// file: empty, not a whole number of 3073-byte records, more than kMaxCifar10Records, a label
/// above 9.
Cifar10Batch readCifar10Batch(const std::string& path);

}  // namespace flowscope
