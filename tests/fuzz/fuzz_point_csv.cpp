// libFuzzer target: readPointCsv over arbitrary bytes written to a per-process temporary file.
// Bad input may only end in std::runtime_error naming the file; points read must be [N, 2],
// finite, with at most as many bad lines as good ones.

#include "fuzz_support.h"
#include "io/point_csv.h"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static flowscope::fuzz::TempFile file("fuzz_point_csv");
    file.write(data, size);
    flowscope::fuzz::expectOnly<std::runtime_error>(
        [&] {
            const flowscope::PointCsv csv = flowscope::readPointCsv(file.path());
            FUZZ_CHECK(csv.points.defined() && csv.points.dim() == 2 && csv.points.size(1) == 2);
            FUZZ_CHECK(csv.points.size(0) > 0 && csv.skippedLines <= csv.points.size(0));
            FUZZ_CHECK(csv.problems.size() <= static_cast<size_t>(csv.skippedLines));
            FUZZ_CHECK(torch::isfinite(csv.points).all().item<bool>());
        },
        [&](const std::string& message) {
            FUZZ_CHECK(flowscope::fuzz::namesSource(message, "'" + file.path() + "'"));
        });
    return 0;
}
