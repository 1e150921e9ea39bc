#include "io/image_labels.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

namespace flowscope {

namespace {

constexpr size_t kMaxReportedEach = 10;  // individual lines per kind of problem, then a count
constexpr qint64 kMaxListBytes = qint64(256) << 20;
constexpr size_t kMaxAttributes = 1000;
const char* const kNegativePrefixes[] = {"not_", "no_", "non_"};

/// Tokens separated by spaces, tabs (and a stray \r).
std::vector<std::string> splitWhitespace(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> tokens;
    std::string t;
    while (in >> t) tokens.push_back(t);
    return tokens;
}

/// "a/b/c.jpg" → "c.jpg".
std::string baseName(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// "1 image is" / "3 images are".
std::string countText(int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// At most 60 characters of `s`, for messages.
std::string shorten(const std::string& s) { return s.size() > 60 ? s.substr(0, 57) + "..." : s; }

/// Collects one kind of problem: the first kMaxReportedEach verbatim, then how many more.
class ProblemList {
public:
    ProblemList(std::vector<std::string>& out, std::string more) : m_out(out), m_more(std::move(more)) {}
    ~ProblemList() {
        if (m_count > kMaxReportedEach)
            m_out.push_back("… and " + std::to_string(m_count - kMaxReportedEach) + " more " + m_more);
    }
    void add(const std::string& line) {
        if (m_count++ < kMaxReportedEach) m_out.push_back(line);
    }

private:
    std::vector<std::string>& m_out;
    std::string m_more;
    size_t m_count = 0;
};

/// Images by relative path and by file name (-1 where two images share a file name).
struct FileIndex {
    std::unordered_map<std::string, int64_t> byPath, byName;
    explicit FileIndex(const std::vector<std::string>& files) {
        for (size_t i = 0; i < files.size(); ++i) {
            byPath.emplace(files[i], int64_t(i));
            auto [it, fresh] = byName.emplace(baseName(files[i]), int64_t(i));
            if (!fresh) it->second = -1;
        }
    }
    int64_t find(const std::string& name) const {
        if (auto it = byPath.find(name); it != byPath.end()) return it->second;
        if (auto it = byName.find(name); it != byName.end()) return it->second;
        return -1;
    }
};

/// Layout (a): one CelebA-style attribute list. nullopt (with the reason in `problems`) when the
/// file is unusable or names none of the images.
std::optional<ImageLabels> fromAttributeList(const QString& path, const std::vector<std::string>& files,
                                             std::vector<std::string>& problems) {
    const std::string name = QFileInfo(path).fileName().toStdString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        problems.push_back(name + ": cannot be read (" + file.errorString().toStdString() + ")");
        return std::nullopt;
    }
    if (file.size() > kMaxListBytes) {
        problems.push_back(name + ": " + std::to_string(file.size() >> 20) +
                           " MB, more than an attribute list can be (" + std::to_string(kMaxListBytes >> 20) + " MB)");
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    std::istringstream in(bytes.toStdString());

    ImageLabels labels;
    labels.source = name;
    std::vector<std::string>& notes = labels.problems;
    std::string line;
    int64_t lineNo = 0;
    auto nextLine = [&]() -> bool {
        if (!std::getline(in, line)) return false;
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
    };

    int64_t declared = -1;
    if (!nextLine()) {
        problems.push_back(name + ": empty");
        return std::nullopt;
    }
    std::vector<std::string> tokens = splitWhitespace(line);
    const bool countLine = tokens.size() == 1 && !tokens[0].empty() && tokens[0].size() <= 12 &&
                           std::all_of(tokens[0].begin(), tokens[0].end(), [](char c) { return c >= '0' && c <= '9'; });
    if (countLine) {
        declared = std::stoll(tokens[0]);
        tokens = nextLine() ? splitWhitespace(line) : std::vector<std::string>{};
    } else {
        notes.push_back(name + " line 1: expected the number of images, got '" + shorten(line) +
                        "'; read as the names");
    }
    if (tokens.empty() || tokens.size() > kMaxAttributes) {
        problems.push_back(name + " line " + std::to_string(lineNo) + ": expected 1…" + std::to_string(kMaxAttributes) +
                           " attribute names, got " + std::to_string(tokens.size()));
        return std::nullopt;
    }
    labels.names = tokens;
    const size_t attributes = labels.names.size();
    labels.values.assign(files.size(), std::vector<int8_t>(attributes, 0));

    const FileIndex index(files);
    std::vector<int64_t> lineOf(files.size(), 0);
    int64_t dataLines = 0, matched = 0;
    {
        ProblemList malformed(notes, "malformed lines in " + name);
        ProblemList missing(notes, "files listed in " + name + " are not among the images");
        std::vector<int8_t> row(attributes);
        while (nextLine()) {
            tokens = splitWhitespace(line);
            if (tokens.empty()) continue;
            ++dataLines;
            const std::string where = name + " line " + std::to_string(lineNo) + ": ";
            if (tokens.size() != attributes + 1) {
                malformed.add(where + "expected a file name and " + std::to_string(attributes) + " values, got " +
                              std::to_string(tokens.size()) + " fields");
                continue;
            }
            bool ok = true;
            for (size_t a = 0; a < attributes && ok; ++a) {
                const std::string& v = tokens[a + 1];
                if (v == "1" || v == "+1")
                    row[a] = 1;
                else if (v == "-1" || v == "0")
                    row[a] = -1;
                else {
                    malformed.add(where + "'" + shorten(v) + "' for " + labels.names[a] + " is not 1, -1 or 0");
                    ok = false;
                }
            }
            if (!ok) continue;
            const int64_t image = index.find(tokens[0]);
            if (image < 0) {
                missing.add(where + "'" + shorten(tokens[0]) + "' is not among the images");
                continue;
            }
            if (lineOf[size_t(image)] != 0) {
                malformed.add(where + "a second line for '" + shorten(tokens[0]) + "' (line " +
                              std::to_string(lineOf[size_t(image)]) + " kept)");
                continue;
            }
            lineOf[size_t(image)] = lineNo;
            labels.values[size_t(image)] = row;
            ++matched;
        }
    }
    if (matched == 0) {
        problems.push_back(name + ": none of its " + std::to_string(dataLines) + " lines names one of the " +
                           std::to_string(files.size()) + " images; labels not taken from it");
        return std::nullopt;
    }
    if (declared >= 0 && declared != dataLines)
        notes.push_back(name + ": line 1 says " + std::to_string(declared) + " images, " + std::to_string(dataLines) +
                        " lines follow");
    const int64_t unlabelled = int64_t(files.size()) - matched;
    if (unlabelled > 0) {
        const auto first = std::find(lineOf.begin(), lineOf.end(), 0) - lineOf.begin();
        notes.push_back(countText(unlabelled, "image has", "images have") + " no line in " + name +
                        " (labels unknown), e.g. '" + files[size_t(first)] + "'");
    }
    return labels;
}

/// Folder name → comparison key: lower case, '-' and ' ' read as '_'.
std::string folderKey(const std::string& folder) {
    std::string key = QString::fromStdString(folder).toLower().toStdString();
    std::replace(key.begin(), key.end(), '-', '_');
    std::replace(key.begin(), key.end(), ' ', '_');
    return key;
}

/// "wavy_hair" → "Wavy_Hair", CelebA's spelling.
std::string celebaName(const std::string& key) {
    std::string name = key;
    bool start = true;
    for (char& c : name) {
        if (start && c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        start = c == '_';
    }
    return name;
}

/// The folder keys of each image's path (every directory level, not the file name).
std::vector<std::set<std::string>> folderKeys(const std::vector<std::string>& files) {
    std::vector<std::set<std::string>> keys(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
        size_t start = 0, slash;
        while ((slash = files[i].find('/', start)) != std::string::npos) {
            keys[i].insert(folderKey(files[i].substr(start, slash - start)));
            start = slash + 1;
        }
    }
    return keys;
}

/// Layout (b): sub-folder pairs X / not_X. nullopt when no pair exists.
std::optional<ImageLabels> fromFolders(const std::vector<std::string>& files) {
    const auto keys = folderKeys(files);
    std::set<std::string> all;
    for (const auto& k : keys) all.insert(k.begin(), k.end());
    std::set<std::string> positives;
    for (const std::string& k : all)
        for (const char* prefix : kNegativePrefixes) {
            const std::string p = prefix;
            if (k.size() > p.size() && k.compare(0, p.size(), p) == 0 && all.count(k.substr(p.size())))
                positives.insert(k.substr(p.size()));
        }
    if (positives.empty()) return std::nullopt;

    ImageLabels labels;
    labels.source = "sub-folders";
    const std::vector<std::string> attrs(positives.begin(), positives.end());
    for (const auto& a : attrs) labels.names.push_back(celebaName(a));
    labels.values.assign(files.size(), std::vector<int8_t>(attrs.size(), 0));
    int64_t unlabelled = 0;
    std::string firstUnlabelled;
    {
        ProblemList conflicts(labels.problems, "images in both folders of a pair");
        for (size_t i = 0; i < files.size(); ++i) {
            bool any = false;
            for (size_t a = 0; a < attrs.size(); ++a) {
                const bool pos = keys[i].count(attrs[a]) > 0;
                bool neg = false;
                for (const char* prefix : kNegativePrefixes) neg = neg || keys[i].count(prefix + attrs[a]) > 0;
                if (pos && neg) {
                    conflicts.add(files[i] + ": in both " + attrs[a] + " and a not_" + attrs[a] + " folder (" +
                                  labels.names[a] + " unknown)");
                    continue;
                }
                if (pos || neg) {
                    labels.values[i][a] = pos ? 1 : -1;
                    any = true;
                }
            }
            if (!any && unlabelled++ == 0) firstUnlabelled = files[i];
        }
    }
    if (unlabelled > 0)
        labels.problems.push_back(countText(unlabelled, "image is", "images are") +
                                  " in no labelled sub-folder (labels unknown), e.g. '" + firstUnlabelled + "'");
    return labels;
}

/// Layout (c): UTKFace names. nullopt when no more than half of the names parse.
std::optional<ImageLabels> fromUtkFaceNames(const std::vector<std::string>& files) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,3})_(\\d)_(\\d)_(\\d+)(\\.[A-Za-z0-9]+)+$"));
    ImageLabels labels;
    labels.source = "UTKFace file names";
    labels.names = {"Young", "Male"};
    labels.values.assign(files.size(), std::vector<int8_t>(2, 0));
    size_t parsed = 0;
    {
        ProblemList malformed(labels.problems, "file names that are not UTKFace names");
        for (size_t i = 0; i < files.size(); ++i) {
            const auto match = pattern.match(QString::fromStdString(baseName(files[i])));
            const int age = match.hasMatch() ? match.captured(1).toInt() : -1;
            const int gender = match.hasMatch() ? match.captured(2).toInt() : -1;
            const int race = match.hasMatch() ? match.captured(3).toInt() : -1;
            if (age < 0 || age > 120 || gender < 0 || gender > 1 || race < 0 || race > 4) {
                malformed.add(files[i] +
                              ": not a UTKFace name age_gender_race_datetime.jpg with age 0…120, "
                              "gender 0/1, race 0…4 (labels unknown)");
                continue;
            }
            labels.values[i] = {int8_t(age < kYoungAgeLimit ? 1 : -1), int8_t(gender == 0 ? 1 : -1)};
            ++parsed;
        }
    }
    if (parsed * 2 <= files.size()) return std::nullopt;
    return labels;
}

}  // namespace

ImageLabels readImageLabels(const std::string& dir, const std::vector<std::string>& files) {
    std::vector<std::string> problems;
    const QDir base(QString::fromStdString(dir));
    QStringList lists = base.entryList({QStringLiteral("list_attr*.txt")}, QDir::Files, QDir::Name);
    std::stable_partition(lists.begin(), lists.end(), [](const QString& n) {
        return n.compare(QStringLiteral("list_attr_celeba.txt"), Qt::CaseInsensitive) == 0;
    });
    std::optional<ImageLabels> labels;
    for (const QString& list : lists)
        if ((labels = fromAttributeList(base.filePath(list), files, problems))) break;
    if (!labels) labels = fromFolders(files);
    if (!labels) labels = fromUtkFaceNames(files);
    if (!labels) {
        labels.emplace();
        labels->values.assign(files.size(), {});
    }
    labels->problems.insert(labels->problems.begin(), problems.begin(), problems.end());
    return *labels;
}

}  // namespace flowscope
