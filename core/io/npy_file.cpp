#include "io/npy_file.h"

#include "io/atomic_file.h"

#include <stdexcept>

namespace flowscope {

void writeNpyFloat32(const std::string& path, const std::vector<int64_t>& shape, const std::vector<float>& values) {
    int64_t count = 1;
    std::string dims;
    for (auto s : shape) {
        if (s < 0) throw std::invalid_argument("writeNpyFloat32: negative dimension");
        count *= s;
        dims += std::to_string(s) + ", ";
    }
    if (shape.size() == 1)
        dims.pop_back();  // "(5,)"
    else if (!dims.empty())
        dims.resize(dims.size() - 2);
    if (static_cast<size_t>(count) != values.size())
        throw std::invalid_argument("writeNpyFloat32: shape holds " + std::to_string(count) + " values, got " +
                                    std::to_string(values.size()));
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    // Magic (6) + version (2) + length (2) + header + '\n' must be a multiple of 64.
    const size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header.push_back('\n');
    std::string bytes("\x93NUMPY\x01\x00", 8);
    bytes.push_back(static_cast<char>(header.size() & 0xFF));
    bytes.push_back(static_cast<char>((header.size() >> 8) & 0xFF));
    bytes += header;
    bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
    writeFileAtomically(path, bytes);
}

}  // namespace flowscope
