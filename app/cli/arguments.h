#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace flowscope::cli {

/// A mistake in the command line; the CLI prints it as one line and exits with status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Options of one sub-command: "--name value", "--name=value" or "--flag". Unknown options,
/// missing values, repeats and malformed numbers are UsageErrors that name the option.
class Arguments {
public:
    struct Spec {
        std::string name;  ///< without the leading "--"
        bool takesValue = true;
    };
    Arguments(const std::vector<std::string>& args, const std::vector<Spec>& specs);

    bool has(const std::string& name) const;
    std::string text(const std::string& name, const std::string& fallback) const;
    std::string required(const std::string& name) const;
    int64_t integer(const std::string& name, int64_t fallback, int64_t min, int64_t max) const;
    double real(const std::string& name, double fallback, double min, double max) const;
    /// "a,b,c,d" as exactly `count` finite numbers.
    std::vector<double> reals(const std::string& name, size_t count) const;
    /// Every value given for a repeatable option (declared with takesValue and given several times).
    std::vector<std::string> all(const std::string& name) const;

private:
    std::map<std::string, std::vector<std::string>> m_values;
};

}  // namespace flowscope::cli
