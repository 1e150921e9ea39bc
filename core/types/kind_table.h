#pragma once
/// \file Tables of named choices (flow kinds, bases, masks, Glow permutations): each entry has
/// `.kind` and `.name`, the name used in files, on the command line and in presets.

#include <optional>
#include <string>
#include <string_view>

namespace flowscope {

/// One table per kind of choice: each entry has `.kind` and `.name` (the name in files, on the
/// command line and in presets). These four functions read any such table.
template <typename Table>
auto kindFromName(const Table& table, std::string_view name) -> std::optional<decltype(table[0].kind)> {
    for (const auto& k : table)
        if (name == k.name) return k.kind;
    return std::nullopt;
}
template <typename Table, typename Kind>
bool isKind(const Table& table, Kind kind) {
    for (const auto& k : table)
        if (k.kind == kind) return true;
    return false;
}
/// The entry's name, or "?" for a value not in the table (a cast from a stray integer).
template <typename Table, typename Kind>
const char* kindName(const Table& table, Kind kind) {
    for (const auto& k : table)
        if (k.kind == kind) return k.name;
    return "?";
}
/// "a, b or c" (or with other separators: "a | b | c").
template <typename Table>
std::string kindNames(const Table& table, std::string_view separator = ", ", std::string_view last = " or ") {
    std::string out;
    for (size_t i = 0; i < table.size(); ++i) {
        if (i > 0) out += i + 1 == table.size() ? last : separator;
        out += table[i].name;
    }
    return out;
}

}  // namespace flowscope
