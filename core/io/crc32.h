#pragma once

#include <cstddef>
#include <cstdint>

namespace flowscope {

/// CRC-32 (IEEE 802.3, as zlib and zip use); `crc` continues a previous value.
uint32_t crc32(const void* data, size_t size, uint32_t crc = 0);

}  // namespace flowscope
