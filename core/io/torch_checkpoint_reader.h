#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

namespace flowscope {

/// One entry of a PyTorch state dict.
struct NamedTensor {
    std::string name;
    torch::Tensor tensor;  ///< CPU, contiguous, owning its memory; half precision widened to float32
};

/// Reads a torch.save'd state dict (OrderedDict of tensors), in file order. Throws ModelFileError.
///
/// A strict reader for what `torch.save(model.state_dict(), path)` writes, in both of its
/// formats. The legacy one (before PyTorch 1.6, e.g. y0ast/Glow-PyTorch's published checkpoints)
/// is a bare stream: pickles of torch.save's magic number, its protocol version (1001) and the
/// system information (little-endian required), the pickled state dict with persistent ids
/// ('storage', type, key, location, numel, None), a pickled list of the storage keys, then each
/// storage as an int64 element count and its bytes — every count, key and length checked against
/// the pickle before it is used. The zip one (PyTorch 1.6 and later, e.g.
/// rosinality/glow-pytorch checkpoints): a stored zip archive holding `<root>/data.pkl`, a
/// protocol-2 pickle of a collections.OrderedDict of tensors, and `<root>/data/<key>` raw
/// little-endian storages. LibTorch's own torch::pickle_load rejects the OrderedDict, so the zip
/// is checked by readStoredZipDirectory, read with PyTorchStreamReader, and the pickle run by
/// PickleReader allowing only collections.OrderedDict, torch._utils._rebuild_tensor_v2,
/// torch._utils._rebuild_parameter and torch.<X>Storage. Every byte is treated as hostile:
/// record checksums, storage sizes, sizes and strides (at most 8 dimensions, every element
/// inside its storage, at most 2^31 elements), duplicate or non-string keys, non-tensor values
/// and non-finite numbers are all checked, and any problem throws ModelFileError
/// (io/model_file.h) with one sentence naming the file and the problem.
std::vector<NamedTensor> readTorchStateDict(const std::string& path);

/// The same from bytes already in memory; `label` names the source in messages.
std::vector<NamedTensor> readTorchStateDictFromBytes(const std::string& bytes, const std::string& label);

/// The tensors of a `torch.save` of a plain dict whose values are tensors or nested dicts (e.g.
/// glow-pytorch reference data), flattened with dots ("z_outs.0"); other values are skipped.
/// The same checks and errors as readTorchStateDict.
std::vector<NamedTensor> readTorchTensorTree(const std::string& path);

}  // namespace flowscope
