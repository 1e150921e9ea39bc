#pragma once
/// \file Shared by the libFuzzer targets: what counts as a bug (FUZZ_CHECK, expectOnly) and the
/// per-process temporary file and folder the path-taking loaders read.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>

#include <fcntl.h>
#include <unistd.h>

namespace flowscope::fuzz {

/// Aborts, so libFuzzer reports a crash and keeps the input.
[[noreturn]] inline void violated(const std::string& what) {
    std::fprintf(stderr, "fuzz: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

/// A promise of the loader's header that the input broke (active in every build type).
#define FUZZ_CHECK(cond)                                                  \
    do {                                                                  \
        if (!(cond)) ::flowscope::fuzz::violated("check failed: " #cond); \
    } while (0)

/// Runs `load`; `Expected` (the loader's documented error) is the one exception bad input may
/// produce, and `checkMessage` sees its message. Any other exception is a bug.
template <typename Expected, typename Load, typename CheckMessage>
void expectOnly(Load&& load, CheckMessage&& checkMessage) {
    try {
        load();
    } catch (const Expected& e) {
        checkMessage(std::string(e.what()));
    } catch (const std::exception& e) {
        violated(std::string("unexpected ") + typeid(e).name() + ": " + e.what());
    } catch (...) {
        violated("an exception that is not a std::exception");
    }
}

/// For loaders that document no exception: expectOnly<Nothing> lets none through.
struct Nothing : std::exception {};

/// "'label' …" with nothing after a newline: the one-line message naming the source.
inline bool namesSource(const std::string& message, const std::string& quotedLabel) {
    return message.find(quotedLabel) != std::string::npos && message.find('\n') == std::string::npos;
}

inline std::string tempBase() {
    const char* t = std::getenv("TMPDIR");
    return (t && *t) ? t : "/tmp";
}

/// One temporary file per process (mkstemp once), rewritten for every input, removed at exit.
class TempFile {
public:
    explicit TempFile(const std::string& stem) {
        std::string pattern = tempBase() + "/" + stem + ".XXXXXX";
        m_fd = mkstemp(pattern.data());
        if (m_fd < 0) violated("cannot create a temporary file in " + tempBase());
        m_path = pattern;
    }
    ~TempFile() {
        close(m_fd);
        unlink(m_path.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::string& path() const { return m_path; }
    void write(const uint8_t* data, size_t size) {
        if (ftruncate(m_fd, 0) != 0) violated("cannot truncate " + m_path);
        for (size_t done = 0; done < size;) {
            const ssize_t n = pwrite(m_fd, data + done, size - done, static_cast<off_t>(done));
            if (n <= 0) violated("cannot write " + m_path);
            done += static_cast<size_t>(n);
        }
    }

private:
    int m_fd = -1;
    std::string m_path;
};

/// One temporary folder per process, removed (with the one file written into it) at exit.
class TempDir {
public:
    explicit TempDir(const std::string& stem) {
        std::string pattern = tempBase() + "/" + stem + ".XXXXXX";
        if (!mkdtemp(pattern.data())) violated("cannot create a temporary folder in " + tempBase());
        m_path = pattern;
    }
    ~TempDir() {
        if (!m_file.empty()) unlink((m_path + "/" + m_file).c_str());
        rmdir(m_path.c_str());
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }
    /// Writes `name` (always the same one) inside the folder.
    void write(const std::string& name, const uint8_t* data, size_t size) {
        m_file = name;
        const std::string file = m_path + "/" + name;
        const int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) violated("cannot write " + file);
        for (size_t done = 0; done < size;) {
            const ssize_t n = ::write(fd, data + done, size - done);
            if (n <= 0) violated("cannot write " + file);
            done += static_cast<size_t>(n);
        }
        close(fd);
    }

private:
    std::string m_path;
    std::string m_file;
};

}  // namespace flowscope::fuzz
