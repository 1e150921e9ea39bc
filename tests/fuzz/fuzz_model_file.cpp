// libFuzzer target: readModelFileFromBytes over arbitrary bytes. Bad input may only end in
// ModelFileError, in one line naming the source; a file read must hold what the header promises
// (a kind, named CPU contiguous tensors no larger than the file, finite floats).

#include "fuzz_support.h"
#include "io/model_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    flowscope::fuzz::expectOnly<flowscope::ModelFileError>(
        [&] {
            const flowscope::ModelFile file = flowscope::readModelFileFromBytes(bytes, "fuzz.flowscope");
            FUZZ_CHECK(!file.kind.empty());
            for (const auto& [name, t] : file.tensors) {
                FUZZ_CHECK(!name.empty());
                FUZZ_CHECK(t.defined() && t.device().is_cpu() && t.is_contiguous() && t.dim() <= 8);
                FUZZ_CHECK(static_cast<size_t>(t.numel()) * t.element_size() <= size);
                if (t.is_floating_point() && t.numel() > 0) FUZZ_CHECK(torch::isfinite(t).all().item<bool>());
            }
        },
        [](const std::string& message) { FUZZ_CHECK(flowscope::fuzz::namesSource(message, "'fuzz.flowscope'")); });
    return 0;
}
