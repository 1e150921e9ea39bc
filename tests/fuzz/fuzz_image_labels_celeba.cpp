// libFuzzer target: readImageLabels with the input as the folder's list_attr_celeba.txt, for a
// fixed list of images plus names taken from the input (the first field of its lines 3 to 8),
// so that lines match images. readImageLabels never throws for content: any exception is a bug,
// and the labels must have one row per image and one value (+1, -1, 0) per attribute.

#include "fuzz_support.h"
#include "io/image_labels.h"

#include <sstream>
#include <string_view>

namespace {

void checkLabels(const flowscope::ImageLabels& labels, const std::vector<std::string>& files) {
    FUZZ_CHECK(labels.values.size() == files.size());
    FUZZ_CHECK(labels.source.empty() == labels.names.empty());
    for (const auto& row : labels.values) {
        FUZZ_CHECK(row.size() == labels.names.size());
        for (int8_t v : row) FUZZ_CHECK(v == 1 || v == -1 || v == 0);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static flowscope::fuzz::TempDir dir("fuzz_image_labels_celeba");
    dir.write("list_attr_celeba.txt", data, size);

    std::vector<std::string> files = {"000001.jpg",       "000002.jpg",    "img/000003.jpg",
                                      "other/000001.jpg", "smiling/a.jpg", "not_smiling/b.jpg"};
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    std::string line, first;
    for (int lineNo = 1; lineNo <= 8 && std::getline(in, line); ++lineNo)
        if (lineNo >= 3 && (std::istringstream(line) >> first)) files.push_back(first);

    flowscope::fuzz::expectOnly<flowscope::fuzz::Nothing>(
        [&] { checkLabels(flowscope::readImageLabels(dir.path(), files), files); }, [](const std::string&) {});
    return 0;
}
