// libFuzzer target: readIdxFile over arbitrary bytes (plain, or gzip when they start 1f 8b)
// written to a per-process temporary file. Bad input may only end in std::runtime_error naming
// the file; a tensor read must have the header's 1 to 4 non-zero dimensions, hold no more bytes
// than kMaxIdxBytes and, for a plain file, exactly the bytes after the header.

#include "fuzz_support.h"
#include "io/idx_file.h"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static flowscope::fuzz::TempFile file("fuzz_idx_file");
    file.write(data, size);
    flowscope::fuzz::expectOnly<std::runtime_error>(
        [&] {
            const torch::Tensor t = flowscope::readIdxFile(file.path());
            FUZZ_CHECK(t.defined() && t.dim() >= 1 && t.dim() <= 4 && t.scalar_type() == torch::kUInt8);
            FUZZ_CHECK(t.numel() > 0 && t.numel() <= flowscope::kMaxIdxBytes);
            const bool gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
            if (!gzip) FUZZ_CHECK(static_cast<size_t>(t.numel()) + 4 + 4 * static_cast<size_t>(t.dim()) == size);
        },
        [&](const std::string& message) {
            FUZZ_CHECK(flowscope::fuzz::namesSource(message, "'" + file.path() + "'"));
        });
    return 0;
}
