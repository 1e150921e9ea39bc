// libFuzzer target: readImageLabels for a folder without an attribute list, the input's lines
// (at most 2000) being the image names: UTKFace names (age_gender_race_datetime.jpg) and, with
// '/' in them, sub-folder pairs X / not_X. readImageLabels never throws for content: any
// exception is a bug, and the labels must have one row per image and one value (+1, -1, 0) per
// attribute.

#include "fuzz_support.h"
#include "io/image_labels.h"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static flowscope::fuzz::TempDir dir("fuzz_image_labels_utkface");  // stays empty
    std::vector<std::string> files;
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    std::string line;
    while (files.size() < 2000 && std::getline(in, line)) files.push_back(line);

    flowscope::fuzz::expectOnly<flowscope::fuzz::Nothing>(
        [&] {
            const flowscope::ImageLabels labels = flowscope::readImageLabels(dir.path(), files);
            FUZZ_CHECK(labels.values.size() == files.size());
            FUZZ_CHECK(labels.source.empty() == labels.names.empty());
            for (const auto& row : labels.values) {
                FUZZ_CHECK(row.size() == labels.names.size());
                for (int8_t v : row) FUZZ_CHECK(v == 1 || v == -1 || v == 0);
            }
            if (labels.source == "UTKFace file names") FUZZ_CHECK(labels.names.size() == 2);
        },
        [](const std::string&) {});
    return 0;
}
