// libFuzzer target: readStoredZipDirectory over arbitrary bytes. Bad input may only end in
// ZipFormatError; an accepted directory must keep the header's promises (every entry's data
// inside the archive, names unique ignoring case and under the first entry's root folder),
// which LibTorch's zip reader relies on. The entries' bytes are read (CRC-32) so that
// AddressSanitizer sees an offset past the end.

#include "fuzz_support.h"
#include "io/crc32.h"
#include "io/zip_directory.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_set>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view archive(reinterpret_cast<const char*>(data), size);
    flowscope::fuzz::expectOnly<flowscope::ZipFormatError>(
        [&] {
            const auto entries = flowscope::readStoredZipDirectory(archive);
            FUZZ_CHECK(!entries.empty() && entries.size() <= 100000);
            const std::string& first = entries.front().name;
            const size_t slash = first.find('/');
            FUZZ_CHECK(slash != std::string::npos && slash > 0);
            const std::string root = first.substr(0, slash + 1);
            std::unordered_set<std::string> names;
            volatile uint32_t sink = 0;
            for (const auto& e : entries) {
                FUZZ_CHECK(e.dataOffset <= size && e.size <= size - e.dataOffset);
                FUZZ_CHECK(e.name.size() > root.size() && e.name.compare(0, root.size(), root) == 0);
                FUZZ_CHECK(e.name.back() != '/');
                std::string lower = e.name;
                std::transform(lower.begin(), lower.end(), lower.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                FUZZ_CHECK(names.insert(lower).second);
                sink = sink + flowscope::crc32(data + e.dataOffset, static_cast<size_t>(e.size));
            }
        },
        [](const std::string& message) { FUZZ_CHECK(!message.empty() && message.find('\n') == std::string::npos); });
    return 0;
}
