#pragma once
/// \file The IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): a
/// big-endian header — two zero bytes, a type byte, the number of dimensions, each dimension as
/// a 32-bit count — then the values, row-major. Plain or gzip-compressed.

#include <torch/torch.h>

#include <cstdint>
#include <string>

namespace flowscope {

/// The largest IDX payload FlowScope reads (Fashion-MNIST's training images are 47 MB).
constexpr int64_t kMaxIdxBytes = int64_t(2) << 30;

/// Reads an IDX file of unsigned bytes (type 0x08, 1 to 4 dimensions) as a uint8 tensor of the
/// header's shape. The header is checked before anything is allocated, and the data is read as
/// it arrives, so a header promising more than the file holds costs nothing. Throws
/// std::runtime_error with one line naming the file and the problem: not IDX (wrong magic), a
/// type other than unsigned bytes, no or more than 4 dimensions, a zero dimension, more than
/// kMaxIdxBytes, truncated data, bytes after the data, a damaged gzip stream.
torch::Tensor readIdxFile(const std::string& path);

}  // namespace flowscope
