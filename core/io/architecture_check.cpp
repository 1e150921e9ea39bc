#include "io/architecture_check.h"

#include "io/printable.h"

#include <unordered_map>
#include <unordered_set>

namespace flowscope {

std::optional<std::string> firstArchitectureMismatch(const ParameterShapes& expected,
                                                     const std::vector<HeldTensor>& held,
                                                     const std::function<bool(const std::string&)>& isExtraAllowed) {
    std::unordered_map<std::string, const HeldTensor*> byName;
    for (const auto& h : held) byName.emplace(h.name, &h);
    std::unordered_set<std::string> needed;
    for (const auto& e : expected) {
        needed.insert(e.name);
        auto it = byName.find(e.name);
        if (it == byName.end()) return "tensor '" + printable(e.name) + "' is missing";
        if (it->second->shape != e.shape)
            return "tensor '" + printable(e.name) + "' is " + shapeToString(it->second->shape) +
                   " where the architecture needs " + shapeToString(e.shape);
    }
    for (const auto& h : held)
        if (!needed.count(h.name) && !(isExtraAllowed && isExtraAllowed(h.name)))
            return "it holds a tensor '" + printable(h.name) + "' the architecture does not use";
    return std::nullopt;
}

}  // namespace flowscope
