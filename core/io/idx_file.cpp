#include "io/idx_file.h"

#include "io/sequential_file.h"

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace flowscope {

namespace {

std::string typeName(unsigned char t) {
    switch (t) {
        case 0x08:
            return "unsigned byte";
        case 0x09:
            return "signed byte";
        case 0x0B:
            return "16-bit integer";
        case 0x0C:
            return "32-bit integer";
        case 0x0D:
            return "float";
        case 0x0E:
            return "double";
        default:
            return "unknown";
    }
}

}  // namespace

torch::Tensor readIdxFile(const std::string& path) {
    SequentialFile file(path);
    const std::string name = "'" + path + "'";
    unsigned char magic[4];
    if (!file.readExactly(magic, 4))
        throw std::runtime_error(name + " is not an IDX file: shorter than its 4-byte header");
    if (magic[0] != 0 || magic[1] != 0)
        throw std::runtime_error(name + " is not an IDX file (its first two bytes are not zero)");
    if (magic[2] != 0x08) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", magic[2]);
        throw std::runtime_error(name + " holds IDX values of type " + hex + " (" + typeName(magic[2]) +
                                 "): FlowScope reads unsigned bytes (type 0x08) only");
    }
    const int ndims = magic[3];
    if (ndims < 1 || ndims > 4)
        throw std::runtime_error(name + " is an IDX file with " + std::to_string(ndims) +
                                 " dimensions: FlowScope reads 1 to 4 (labels, images)");
    std::vector<int64_t> dims;
    int64_t total = 1;
    for (int d = 0; d < ndims; ++d) {
        unsigned char b[4];
        if (!file.readExactly(b, 4)) throw std::runtime_error(name + " is a truncated IDX file: its header ends early");
        const uint32_t v = (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | uint32_t(b[3]);
        if (v == 0)
            throw std::runtime_error(name + " is an IDX file with an empty dimension (" + std::to_string(d) + ")");
        if (int64_t(v) > kMaxIdxBytes / total)
            throw std::runtime_error(name + ": its IDX header describes more than " +
                                     std::to_string(kMaxIdxBytes >> 20) + " MiB of data, more than FlowScope reads");
        total *= int64_t(v);
        dims.push_back(int64_t(v));
    }
    // Grow with the data actually read: a header's promise alone allocates nothing large.
    std::vector<uint8_t> data;
    constexpr size_t kChunk = size_t(1) << 22;
    while (static_cast<int64_t>(data.size()) < total) {
        const size_t want = std::min<size_t>(kChunk, static_cast<size_t>(total) - data.size());
        const size_t old = data.size();
        data.resize(old + want);
        const size_t got = file.read(data.data() + old, want);
        data.resize(old + got);
        if (got < want)
            throw std::runtime_error(name + " is a truncated IDX file: its header promises " + std::to_string(total) +
                                     " bytes of data, it holds " + std::to_string(data.size()));
    }
    if (!file.atEnd()) throw std::runtime_error(name + " has bytes after the data its IDX header describes");
    auto t = torch::empty(dims, torch::kUInt8);
    std::memcpy(t.data_ptr<uint8_t>(), data.data(), data.size());
    return t;
}

}  // namespace flowscope
