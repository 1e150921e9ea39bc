#include "io/point_csv.h"

#include "io/atomic_file.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace flowscope {

namespace {

constexpr int64_t kMaxLines = 20'000'000;
constexpr size_t kMaxReported = 20;

bool parseNumber(const std::string& text, double& out) {
    if (text.empty()) return false;
    errno = 0;
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    // Points are stored as float: a double beyond float's range (1e39) would become infinite.
    return errno == 0 && end == text.c_str() + text.size() && std::isfinite(out) &&
           std::fabs(out) <= std::numeric_limits<float>::max();
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

/// Fields separated by ',', ';' or tab (empty fields kept, so "1,,2" is reported), else by spaces.
std::vector<std::string> splitFields(const std::string& line) {
    std::vector<std::string> fields;
    if (line.find_first_of(",;\t") != std::string::npos) {
        std::string field;
        for (char c : line) {
            if (c == ',' || c == ';' || c == '\t') {
                fields.push_back(trim(field));
                field.clear();
            } else {
                field += c;
            }
        }
        fields.push_back(trim(field));
        return fields;
    }
    std::istringstream in(line);
    std::string f;
    while (in >> f) fields.push_back(f);
    return fields;
}

}  // namespace

PointCsv readPointCsv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open point file '" + path + "'");
    PointCsv result;
    std::vector<float> coords;
    std::string line;
    int64_t lineNo = 0;
    bool sawData = false;
    while (std::getline(in, line)) {
        if (++lineNo > kMaxLines)
            throw std::runtime_error("point file '" + path + "' has more than " + std::to_string(kMaxLines) + " lines");
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        const auto fields = splitFields(t);
        double x = 0, y = 0;
        const bool ok = fields.size() == 2 && parseNumber(fields[0], x) && parseNumber(fields[1], y);
        if (ok) {
            coords.push_back(static_cast<float>(x));
            coords.push_back(static_cast<float>(y));
            sawData = true;
            continue;
        }
        const bool isHeader = !sawData && result.skippedLines == 0 && fields.size() == 2 &&
                              !parseNumber(fields[0], x) && !parseNumber(fields[1], y);
        if (isHeader) continue;
        ++result.skippedLines;
        if (result.problems.size() < kMaxReported) {
            std::string shown = t.size() > 60 ? t.substr(0, 57) + "..." : t;
            result.problems.push_back("line " + std::to_string(lineNo) + ": expected two finite numbers x,y, got '" +
                                      shown + "'");
        }
    }
    const int64_t good = static_cast<int64_t>(coords.size() / 2);
    if (good == 0)
        throw std::runtime_error("point file '" + path + "' holds no valid x,y line" +
                                 (result.problems.empty() ? std::string() : " (" + result.problems.front() + ")"));
    if (result.skippedLines > good)
        throw std::runtime_error("point file '" + path + "': " + std::to_string(result.skippedLines) +
                                 " bad lines against " + std::to_string(good) +
                                 " good ones; first: " + result.problems.front());
    result.points = torch::from_blob(coords.data(), {good, 2}, torch::kFloat32).clone();
    return result;
}

void writePointCsv(const std::string& path, const torch::Tensor& points) {
    auto p = points.detach().to(torch::kCPU, torch::kFloat64).contiguous();
    if (p.dim() != 2 || p.size(1) != 2) throw std::invalid_argument("writePointCsv: expected [N, 2] points");
    std::ostringstream out;
    out.precision(9);
    out << "x,y\n";
    auto a = p.accessor<double, 2>();
    for (int64_t i = 0; i < p.size(0); ++i) out << a[i][0] << ',' << a[i][1] << '\n';
    writeFileAtomically(path, out.str());
}

}  // namespace flowscope
