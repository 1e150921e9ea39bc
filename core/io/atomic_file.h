#pragma once

#include <string>

namespace flowscope {

/// Writes `bytes` to a temporary file beside `path`, flushes it and renames it over `path`, so a
/// crash never leaves a half-written file where a good one was. Throws std::runtime_error naming
/// the file on failure (the old file, if any, is untouched).
void writeFileAtomically(const std::string& path, const std::string& bytes);

/// The whole file; throws std::runtime_error naming it when it cannot be read or exceeds maxBytes.
std::string readWholeFile(const std::string& path, size_t maxBytes);

}  // namespace flowscope
