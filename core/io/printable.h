#pragma once

#include <string>
#include <string_view>

namespace flowscope {

/// `s` fit for a one-line error message: control characters become '?', long text is cut to
/// 120 bytes. Every name or string a loader quotes from a hostile file goes through it.
inline std::string printable(std::string_view s) {
    std::string out(s.substr(0, 120));
    for (auto& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    if (s.size() > 120) out += "...";
    return out;
}

}  // namespace flowscope
