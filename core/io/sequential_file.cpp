#include "io/sequential_file.h"

#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <sys/stat.h>

namespace flowscope {

namespace {
constexpr size_t kInputChunk = size_t(1) << 16;
}

struct SequentialFile::State {
    std::FILE* file = nullptr;
    int64_t size = 0;
    bool gzip = false;
    z_stream z{};
    bool zOpen = false;
    bool streamEnded = false;  // the current gzip member is complete
    std::vector<unsigned char> input = std::vector<unsigned char>(kInputChunk);
    bool hasPeek = false;
    unsigned char peek = 0;

    ~State() {
        if (zOpen) inflateEnd(&z);
        if (file) std::fclose(file);
    }
};

SequentialFile::SequentialFile(const std::string& path) : m_path(path), m_state(std::make_unique<State>()) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw std::runtime_error("'" + path + "' cannot be opened: " + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) throw std::runtime_error("'" + path + "' is not a regular file");
    m_state->size = static_cast<int64_t>(st.st_size);
    m_state->file = std::fopen(path.c_str(), "rb");
    if (!m_state->file) throw std::runtime_error("'" + path + "' cannot be opened: " + std::strerror(errno));
    unsigned char magic[2] = {0, 0};
    const size_t got = std::fread(magic, 1, 2, m_state->file);
    m_state->gzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    std::rewind(m_state->file);
    if (m_state->gzip) {
        // 16 + MAX_WBITS: a gzip wrapper (header and CRC checked by zlib), not raw zlib.
        if (inflateInit2(&m_state->z, 16 + MAX_WBITS) != Z_OK)
            throw std::runtime_error("'" + path + "': cannot start gzip decompression");
        m_state->zOpen = true;
    }
}

SequentialFile::~SequentialFile() = default;

bool SequentialFile::compressed() const { return m_state->gzip; }
int64_t SequentialFile::fileSize() const { return m_state->size; }

size_t SequentialFile::read(void* out, size_t n) {
    auto& s = *m_state;
    auto* dst = static_cast<unsigned char*>(out);
    size_t done = 0;
    if (n > 0 && s.hasPeek) {
        dst[done++] = s.peek;
        s.hasPeek = false;
    }
    if (!s.gzip) {
        while (done < n) {
            const size_t got = std::fread(dst + done, 1, n - done, s.file);
            if (got == 0) {
                if (std::ferror(s.file)) throw std::runtime_error("'" + m_path + "': read error");
                break;
            }
            done += got;
        }
        return done;
    }
    while (done < n) {
        if (s.z.avail_in == 0) {
            const size_t got = std::fread(s.input.data(), 1, s.input.size(), s.file);
            if (got == 0) {
                if (std::ferror(s.file)) throw std::runtime_error("'" + m_path + "': read error");
                if (!s.streamEnded) throw std::runtime_error("'" + m_path + "' is a truncated gzip file");
                break;  // the end, after a complete member
            }
            s.z.next_in = s.input.data();
            s.z.avail_in = static_cast<uInt>(got);
        }
        if (s.streamEnded) {
            // Another member follows (gzip files may be concatenated).
            if (inflateReset(&s.z) != Z_OK) throw std::runtime_error("'" + m_path + "': gzip decompression failed");
            s.streamEnded = false;
        }
        const size_t want = std::min<size_t>(n - done, size_t(1) << 30);
        s.z.next_out = dst + done;
        s.z.avail_out = static_cast<uInt>(want);
        const int rc = inflate(&s.z, Z_NO_FLUSH);
        done += want - s.z.avail_out;
        if (rc == Z_STREAM_END)
            s.streamEnded = true;
        else if (rc != Z_OK && !(rc == Z_BUF_ERROR && s.z.avail_in == 0))
            throw std::runtime_error("'" + m_path + "' is a damaged gzip file (" +
                                     (s.z.msg ? std::string(s.z.msg) : "inflate error " + std::to_string(rc)) + ")");
    }
    return done;
}

bool SequentialFile::readExactly(void* out, size_t n) { return read(out, n) == n; }

bool SequentialFile::atEnd() {
    if (m_state->hasPeek) return false;
    unsigned char b = 0;
    if (read(&b, 1) == 0) return true;
    m_state->peek = b;
    m_state->hasPeek = true;
    return false;
}

}  // namespace flowscope
