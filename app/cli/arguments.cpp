#include "cli/arguments.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace flowscope::cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::vector<Spec>& specs) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0 || a.size() == 2) throw UsageError("unexpected argument '" + a + "'");
        std::string name = a.substr(2), value;
        bool inlineValue = false;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inlineValue = true;
        }
        const Spec* spec = nullptr;
        for (const auto& s : specs)
            if (s.name == name) spec = &s;
        if (!spec) throw UsageError("unknown option '--" + name + "'");
        if (spec->takesValue && !inlineValue) {
            if (i + 1 >= args.size()) throw UsageError("option '--" + name + "' needs a value");
            value = args[++i];
        } else if (!spec->takesValue && inlineValue) {
            throw UsageError("option '--" + name + "' takes no value");
        }
        m_values[name].push_back(value);
    }
}

bool Arguments::has(const std::string& name) const { return m_values.count(name) > 0; }

std::vector<std::string> Arguments::all(const std::string& name) const {
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

std::string Arguments::text(const std::string& name, const std::string& fallback) const {
    auto it = m_values.find(name);
    if (it == m_values.end()) return fallback;
    if (it->second.size() > 1) throw UsageError("option '--" + name + "' given more than once");
    return it->second.front();
}

std::string Arguments::required(const std::string& name) const {
    if (!has(name)) throw UsageError("missing required option '--" + name + "'");
    const std::string v = text(name, "");
    if (v.empty()) throw UsageError("option '--" + name + "' needs a non-empty value");
    return v;
}

int64_t Arguments::integer(const std::string& name, int64_t fallback, int64_t min, int64_t max) const {
    if (!has(name)) return fallback;
    const std::string v = text(name, "");
    errno = 0;
    char* end = nullptr;
    const long long x = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || errno != 0 || *end != '\0')
        throw UsageError("option '--" + name + "' expects an integer, got '" + v + "'");
    if (x < min || x > max)
        throw UsageError("option '--" + name + "' must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + v);
    return x;
}

double Arguments::real(const std::string& name, double fallback, double min, double max) const {
    if (!has(name)) return fallback;
    const std::string v = text(name, "");
    errno = 0;
    char* end = nullptr;
    const double x = std::strtod(v.c_str(), &end);
    if (v.empty() || errno != 0 || *end != '\0' || !std::isfinite(x))
        throw UsageError("option '--" + name + "' expects a number, got '" + v + "'");
    if (x < min || x > max)
        throw UsageError("option '--" + name + "' must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + v);
    return x;
}

std::vector<double> Arguments::reals(const std::string& name, size_t count) const {
    const std::string v = required(name);
    std::vector<double> out;
    size_t start = 0;
    while (start <= v.size()) {
        const size_t comma = v.find(',', start);
        const std::string part = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        errno = 0;
        char* end = nullptr;
        const double x = std::strtod(part.c_str(), &end);
        if (part.empty() || errno != 0 || *end != '\0' || !std::isfinite(x))
            throw UsageError("option '--" + name + "' expects " + std::to_string(count) +
                             " comma-separated numbers, got '" + v + "'");
        out.push_back(x);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (out.size() != count)
        throw UsageError("option '--" + name + "' expects " + std::to_string(count) +
                         " comma-separated numbers, got '" + v + "'");
    return out;
}

}  // namespace flowscope::cli
