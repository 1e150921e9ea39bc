// libFuzzer target: readCifar10Batch over arbitrary bytes (plain, or gzip when they start
// 1f 8b). Bad input may only end in std::runtime_error naming the file; a batch read holds
// N ≥ 1 images [N, 3, 32, 32] with N labels in 0…9 and, for a plain file, N·3073 bytes.

#include "fuzz_support.h"
#include "io/cifar10_batch.h"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static flowscope::fuzz::TempFile file("fuzz_cifar10_batch");
    file.write(data, size);
    flowscope::fuzz::expectOnly<std::runtime_error>(
        [&] {
            const auto b = flowscope::readCifar10Batch(file.path());
            const int64_t n = b.images.size(0);
            FUZZ_CHECK(n >= 1 && b.images.sizes() == torch::IntArrayRef({n, 3, 32, 32}));
            FUZZ_CHECK(b.labels.numel() == n && b.labels.min().item<int64_t>() >= 0 &&
                       b.labels.max().item<int64_t>() <= 9);
            const bool gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
            if (!gzip) FUZZ_CHECK(static_cast<size_t>(n * flowscope::kCifar10RecordBytes) == size);
        },
        [&](const std::string& message) {
            FUZZ_CHECK(flowscope::fuzz::namesSource(message, "'" + file.path() + "'"));
        });
    return 0;
}
