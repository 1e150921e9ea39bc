#pragma once
/// \file A file read once from front to back, gunzipped on the fly when it is gzip-compressed,
/// so loaders of large data files (IDX, CIFAR-10 batches) never hold more than they have read.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace flowscope {

class SequentialFile {
public:
    /// Opens `path`; a file starting with gzip's magic bytes (1f 8b) is decompressed as it is
    /// read (concatenated gzip members too). Throws std::runtime_error naming the file when it
    /// cannot be opened or is not a regular file.
    explicit SequentialFile(const std::string& path);
    ~SequentialFile();
    SequentialFile(const SequentialFile&) = delete;
    SequentialFile& operator=(const SequentialFile&) = delete;

    /// Reads up to `n` bytes into `out` and returns how many it read: fewer only at the end.
    /// Throws std::runtime_error naming the file on a read error or a damaged or truncated
    /// gzip stream.
    size_t read(void* out, size_t n);
    /// Reads exactly `n` bytes, or returns false at the end of the data (having read fewer).
    bool readExactly(void* out, size_t n);
    /// True when no byte is left (reads ahead one byte at most).
    bool atEnd();

    bool compressed() const;
    /// The size of the file on disk (the compressed size for a gzip file).
    int64_t fileSize() const;
    const std::string& path() const { return m_path; }

private:
    struct State;
    std::string m_path;
    std::unique_ptr<State> m_state;
};

}  // namespace flowscope
