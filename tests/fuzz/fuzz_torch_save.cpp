// libFuzzer target: readTorchStateDictFromBytes over arbitrary bytes, and readTorchTensorTree
// (the plain-dict layout of reference files, which only takes a path) over the same bytes
// written to a per-process temporary file. Bad input may only end in ModelFileError, in one line
// naming the source; tensors read must be what the header promises (CPU, contiguous, no half
// precision, finite).

#include "fuzz_support.h"
#include "io/model_file.h"
#include "io/torch_checkpoint_reader.h"

namespace {

void checkTensors(const std::vector<flowscope::NamedTensor>& tensors) {
    FUZZ_CHECK(!tensors.empty());
    for (const auto& t : tensors) {
        FUZZ_CHECK(t.tensor.defined() && t.tensor.device().is_cpu() && t.tensor.is_contiguous());
        FUZZ_CHECK(t.tensor.scalar_type() != torch::kHalf && t.tensor.scalar_type() != torch::kBFloat16);
        FUZZ_CHECK(t.tensor.dim() <= 8 && t.tensor.numel() <= (int64_t{1} << 31));
        if (t.tensor.is_floating_point() && t.tensor.numel() > 0)
            FUZZ_CHECK(torch::isfinite(t.tensor).all().item<bool>());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static flowscope::fuzz::TempFile file("fuzz_torch_save");
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    flowscope::fuzz::expectOnly<flowscope::ModelFileError>(
        [&] { checkTensors(flowscope::readTorchStateDictFromBytes(bytes, "fuzz.pt")); },
        [](const std::string& message) { FUZZ_CHECK(flowscope::fuzz::namesSource(message, "'fuzz.pt'")); });
    file.write(data, size);
    flowscope::fuzz::expectOnly<flowscope::ModelFileError>(
        [&] { checkTensors(flowscope::readTorchTensorTree(file.path())); },
        [&](const std::string& message) {
            FUZZ_CHECK(flowscope::fuzz::namesSource(message, "'" + file.path() + "'"));
        });
    return 0;
}
