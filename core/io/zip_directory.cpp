#include "io/zip_directory.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace flowscope {

namespace {

constexpr uint32_t kLocalSig = 0x04034b50;
constexpr uint32_t kCentralSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kEnd64Sig = 0x06064b50;
constexpr uint32_t kLocator64Sig = 0x07064b50;
constexpr uint64_t kEndSize = 22;
constexpr uint64_t kLocator64Size = 20;
constexpr uint64_t kEnd64Size = 56;
constexpr uint64_t kCentralSize = 46;
constexpr uint64_t kLocalSize = 30;
constexpr uint64_t kMaxEntries = 100000;
constexpr uint64_t kMaxNameLength = 1024;

/// Little-endian reads that refuse to leave the archive.
class Bytes {
public:
    explicit Bytes(std::string_view data) : m_data(data) {}
    uint64_t size() const { return m_data.size(); }
    bool has(uint64_t offset, uint64_t length) const { return offset <= size() && length <= size() - offset; }
    uint64_t le(uint64_t offset, int bytes, const char* what) const {
        if (!has(offset, static_cast<uint64_t>(bytes)))
            throw ZipFormatError(std::string("its ") + what + " runs past the end of the file");
        uint64_t v = 0;
        for (int i = 0; i < bytes; ++i)
            v |= static_cast<uint64_t>(static_cast<unsigned char>(m_data[offset + i])) << (8 * i);
        return v;
    }
    std::string_view view(uint64_t offset, uint64_t length, const char* what) const {
        if (!has(offset, length)) throw ZipFormatError(std::string("its ") + what + " runs past the end of the file");
        return m_data.substr(offset, length);
    }

private:
    std::string_view m_data;
};

/// The offset of the end-of-central-directory record, searched as miniz searches it: backwards
/// from the end over at most 64 KiB of comment, taking the last signature with 22 bytes after it.
uint64_t findEndRecord(const Bytes& b) {
    if (b.size() < kEndSize) throw ZipFormatError("it is too short to be a zip archive");
    const uint64_t last = b.size() - kEndSize;
    const uint64_t first = last > 0xFFFF ? last - 0xFFFF : 0;
    for (uint64_t pos = last + 1; pos-- > first;)
        if (b.le(pos, 4, "end record") == kEndSig) return pos;
    throw ZipFormatError("it has no zip end-of-central-directory record (truncated?)");
}

/// `s` fit for a one-line message: control characters become '?', long names are cut short.
std::string printable(std::string_view s) {
    std::string out(s.substr(0, 120));
    for (auto& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    if (s.size() > 120) out += "...";
    return out;
}

std::string lowerCase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

std::vector<ZipEntry> readStoredZipDirectory(std::string_view archive) {
    const Bytes b(archive);
    const uint64_t end = findEndRecord(b);
    if (end + kEndSize + b.le(end + 20, 2, "end record") != b.size())
        throw ZipFormatError(
            "its zip end record's comment length does not match the end of the file (truncated or padded?)");
    const uint64_t disk = b.le(end + 4, 2, "end record"), cdDisk = b.le(end + 6, 2, "end record");
    uint64_t entriesOnDisk = b.le(end + 8, 2, "end record"), entries = b.le(end + 10, 2, "end record");
    uint64_t cdSize = b.le(end + 12, 4, "end record"), cdOffset = b.le(end + 16, 4, "end record");
    if (disk != 0 || cdDisk != 0) throw ZipFormatError("it is a multi-disk zip archive");

    // torch.save (miniz) always writes a ZIP64 end record and locator; when present, miniz reads
    // the directory's position from them, so they must agree with the plain end record.
    uint64_t directoryLimit = end;
    if (end >= kLocator64Size + kEnd64Size && b.le(end - kLocator64Size, 4, "ZIP64 locator") == kLocator64Sig) {
        const uint64_t loc = end - kLocator64Size;
        const uint64_t recDisk = b.le(loc + 4, 4, "ZIP64 locator"), rec = b.le(loc + 8, 8, "ZIP64 locator");
        const uint64_t disks = b.le(loc + 16, 4, "ZIP64 locator");
        if (recDisk != 0 || disks != 1) throw ZipFormatError("its ZIP64 locator describes a multi-disk archive");
        if (rec > loc || loc - rec < kEnd64Size) throw ZipFormatError("its ZIP64 end record lies outside the archive");
        if (b.le(rec, 4, "ZIP64 end record") != kEnd64Sig)
            throw ZipFormatError("its ZIP64 locator points at no ZIP64 end record");
        if (b.le(rec + 4, 8, "ZIP64 end record") < kEnd64Size - 12)
            throw ZipFormatError("its ZIP64 end record is too short");
        if (b.le(rec + 16, 4, "ZIP64 end record") != 0 || b.le(rec + 20, 4, "ZIP64 end record") != 0)
            throw ZipFormatError("its ZIP64 end record describes a multi-disk archive");
        const uint64_t e64OnDisk = b.le(rec + 24, 8, "ZIP64 end record"), e64 = b.le(rec + 32, 8, "ZIP64 end record");
        const uint64_t size64 = b.le(rec + 40, 8, "ZIP64 end record"), offset64 = b.le(rec + 48, 8, "ZIP64 end record");
        const auto agrees = [](uint64_t plain, uint64_t sentinel, uint64_t wide) {
            return plain == sentinel || plain == wide;
        };
        if (!agrees(entriesOnDisk, 0xFFFF, e64OnDisk) || !agrees(entries, 0xFFFF, e64) ||
            !agrees(cdSize, 0xFFFFFFFF, size64) || !agrees(cdOffset, 0xFFFFFFFF, offset64))
            throw ZipFormatError("its ZIP64 end record contradicts its plain end record");
        entriesOnDisk = e64OnDisk;
        entries = e64;
        cdSize = size64;
        cdOffset = offset64;
        directoryLimit = rec;
    } else if (entries == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) {
        throw ZipFormatError("its zip end record uses ZIP64 sentinels but there is no ZIP64 end record");
    }
    if (entriesOnDisk != entries) throw ZipFormatError("it is a multi-disk zip archive");
    if (entries == 0) throw ZipFormatError("its zip archive is empty");
    if (entries > kMaxEntries)
        throw ZipFormatError("its zip archive lists " + std::to_string(entries) + " entries, more than the " +
                             std::to_string(kMaxEntries) + " allowed");
    if (cdOffset > directoryLimit || cdSize != directoryLimit - cdOffset)
        throw ZipFormatError(
            "its zip central directory does not end where the end record begins (damaged or truncated?)");
    if (cdSize < entries * kCentralSize)
        throw ZipFormatError("its zip central directory is too small for the entries it lists");

    std::vector<ZipEntry> out;
    out.reserve(static_cast<size_t>(entries));
    std::unordered_set<std::string> seen;
    std::string root;
    uint64_t p = cdOffset;
    const uint64_t cdEnd = cdOffset + cdSize;
    for (uint64_t i = 0; i < entries; ++i) {
        if (cdEnd - p < kCentralSize) throw ZipFormatError("its zip central directory ends in the middle of an entry");
        if (b.le(p, 4, "central directory") != kCentralSig)
            throw ZipFormatError("its zip central directory entry " + std::to_string(i) + " has a bad signature");
        const uint64_t flags = b.le(p + 8, 2, "central directory"), method = b.le(p + 10, 2, "central directory");
        const uint64_t crc = b.le(p + 16, 4, "central directory");
        const uint64_t packed = b.le(p + 20, 4, "central directory"), size = b.le(p + 24, 4, "central directory");
        const uint64_t nameLen = b.le(p + 28, 2, "central directory"), extraLen = b.le(p + 30, 2, "central directory");
        const uint64_t commentLen = b.le(p + 32, 2, "central directory"),
                       startDisk = b.le(p + 34, 2, "central directory");
        const uint64_t attributes = b.le(p + 38, 4, "central directory"), local = b.le(p + 42, 4, "central directory");
        const uint64_t entryLen = kCentralSize + nameLen + extraLen + commentLen;
        if (cdEnd - p < entryLen) throw ZipFormatError("its zip central directory ends in the middle of an entry");
        const std::string name(b.view(p + kCentralSize, nameLen, "central directory"));
        const std::string shown = "zip entry '" + printable(name) + "'";
        if (name.empty() || nameLen > kMaxNameLength || name.find('\0') != std::string::npos)
            throw ZipFormatError("its zip central directory entry " + std::to_string(i) + " has an invalid name");
        // torch.save sets bits 3 (sizes after the data) and 11 (UTF-8 names); miniz refuses or
        // mishandles encryption (0, 6, 13) and patch data (5).
        if (flags & ~uint64_t{0x080E})
            throw ZipFormatError("its " + shown + " uses zip features torch.save never writes (flags " +
                                 std::to_string(flags) + ")");
        // miniz "extracts" a directory by returning without reading: the caller gets uninitialised memory.
        if (name.back() == '/' || (attributes & 0x10))
            throw ZipFormatError("its " + shown + " is marked as a directory");
        if (method != 0)
            throw ZipFormatError("its " + shown + " is compressed (method " + std::to_string(method) +
                                 "), but torch.save stores entries uncompressed");
        if (size == 0xFFFFFFFF || packed == 0xFFFFFFFF || local == 0xFFFFFFFF)
            throw ZipFormatError("its " + shown + " uses ZIP64 size fields, which no checkpoint under 4 GiB needs");
        if (packed != size)
            throw ZipFormatError("its stored " + shown + " declares different packed and unpacked sizes");
        if (startDisk != 0) throw ZipFormatError("its " + shown + " lies on another disk");
        if (i == 0) {
            const auto slash = name.find('/');
            if (slash == 0 || slash == std::string::npos)
                throw ZipFormatError("its first zip entry '" + printable(name) + "' is not inside a root folder");
            root = name.substr(0, slash + 1);
        }
        if (name.compare(0, root.size(), root) != 0 || name.size() == root.size())
            throw ZipFormatError("its " + shown + " is not inside the root folder '" + printable(root) + "'");
        if (!seen.insert(lowerCase(name)).second)
            throw ZipFormatError("its zip archive lists '" + printable(name) + "' twice");

        // The local header: miniz finds the data after the local name and extra field.
        if (local > cdOffset || cdOffset - local < kLocalSize)
            throw ZipFormatError("its " + shown + " starts outside the archive's data");
        if (b.le(local, 4, "local header") != kLocalSig)
            throw ZipFormatError("its " + shown + " has no local header where the directory says");
        const uint64_t localNameLen = b.le(local + 26, 2, "local header"),
                       localExtraLen = b.le(local + 28, 2, "local header");
        if (b.view(local + kLocalSize, localNameLen, "local header") != name)
            throw ZipFormatError("its " + shown + " has a local header naming a different entry");
        const uint64_t data = local + kLocalSize + localNameLen + localExtraLen;
        if (data > cdOffset || cdOffset - data < size)
            throw ZipFormatError("the data of its " + shown + " runs past the end of the archive's data (truncated?)");
        out.push_back({name, data, size, static_cast<uint32_t>(crc)});
        p += entryLen;
    }
    if (p != cdEnd)
        throw ZipFormatError("its zip central directory has " + std::to_string(cdEnd - p) +
                             " stray bytes after its entries");
    return out;
}

}  // namespace flowscope
