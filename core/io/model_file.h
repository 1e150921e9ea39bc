#pragma once

#include <QJsonObject>
#include <torch/torch.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace flowscope {

/// A problem with a model file: the message names the file and what is wrong with it.
class ModelFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// FlowScope's native model file (DESIGN.md §5), one file holding everything:
///
///   "FLOWSCPE" | u32 format version | u64 header length | header (UTF-8 JSON) | tensor bytes
///
/// The header holds "kind" ("flow2d" or "glow"), "architecture", "metadata" and a "tensors"
/// table (name, dtype, shape, offset, bytes) plus the CRC-32 of the tensor bytes. Integers are
/// little-endian. Files are written to a temporary file and renamed into place; reading treats
/// every byte as hostile (sizes, offsets, shapes, checksum and finiteness are all checked).
struct ModelFile {
    static constexpr uint32_t kFormatVersion = 1;

    std::string kind;
    QJsonObject architecture;
    QJsonObject metadata;
    std::vector<std::pair<std::string, torch::Tensor>> tensors;  ///< CPU, contiguous on read

    const torch::Tensor* find(const std::string& name) const;
};

void writeModelFile(const std::string& path, const ModelFile& file);
/// The file's bytes, as writeModelFile writes them.
std::string modelFileBytes(const ModelFile& file);
/// Throws ModelFileError naming `path` and the problem.
ModelFile readModelFile(const std::string& path);
/// The same from bytes already in memory; `label` stands for the file's name in messages.
ModelFile readModelFileFromBytes(const std::string& bytes, const std::string& label);
/// True when the file starts with the native magic (cheap sniffing for "open model").
bool looksLikeModelFile(const std::string& path);

}  // namespace flowscope
