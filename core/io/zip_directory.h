#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace flowscope {

/// A zip archive that breaks the rules readStoredZipDirectory checks; the message is a clause
/// ("its zip central directory runs past the end of the file") for the caller to put after the
/// file's name.
class ZipFormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One entry of a stored (uncompressed) zip archive: where its bytes lie in the archive.
struct ZipEntry {
    std::string name;     ///< full name inside the archive, e.g. "model/data/0"
    uint64_t dataOffset;  ///< first byte of the entry's data in the archive
    uint64_t size;        ///< bytes of data (stored, so compressed size = uncompressed size)
    uint32_t crc32;       ///< CRC-32 the central directory declares for the data
};

/// The central directory of a zip archive as torch.save writes it, checked against the bytes
/// before LibTorch's PyTorchStreamReader (miniz) sees them. That reader trusts the directory's
/// declared sizes: it allocates a record's declared uncompressed size before reading it, so one
/// hostile ZIP64 size field makes it request exabytes (AddressSanitizer aborts; a normal build
/// may exhaust memory), and a deflated record can expand without bound. This check accepts only
/// what torch.save writes and reads back the same way miniz does:
///
///   - the end-of-central-directory record found as miniz finds it (the last signature with room
///     for the record), with a consistent comment length, one disk, and — when present, as
///     torch.save always writes it — a ZIP64 locator and record that agree with it;
///   - every entry stored (method 0), unencrypted, no patch data, not marked as a directory
///     (miniz then returns success without reading, leaving the caller's buffer uninitialised),
///     without ZIP64 sentinel fields, its local header matching its name, and its data inside
///     the archive before the directory;
///   - every name under one root folder (the first entry's), unique even ignoring case (miniz
///     looks names up case-insensitively), at most 100,000 entries.
///
/// Throws ZipFormatError on the first rule broken. Entries come back in directory order.
std::vector<ZipEntry> readStoredZipDirectory(std::string_view archive);

}  // namespace flowscope
