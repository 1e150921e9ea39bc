#include "io/model_file.h"

#include "io/atomic_file.h"
#include "io/crc32.h"
#include "io/printable.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <cstring>
#include <fstream>

namespace flowscope {

namespace {

constexpr char kMagic[8] = {'F', 'L', 'O', 'W', 'S', 'C', 'P', 'E'};
constexpr size_t kPreamble = 8 + 4 + 8;
constexpr uint64_t kMaxHeader = 64ull << 20;
constexpr size_t kMaxFile = 4ull << 30;
constexpr int kMaxRank = 8;

struct DtypeInfo {
    const char* name;
    torch::ScalarType type;
    size_t bytes;
};
constexpr DtypeInfo kDtypes[] = {{"float32", torch::kFloat32, 4},
                                 {"float64", torch::kFloat64, 8},
                                 {"int64", torch::kInt64, 8},
                                 {"uint8", torch::kUInt8, 1}};

const DtypeInfo* dtypeByType(torch::ScalarType t) {
    for (const auto& d : kDtypes)
        if (d.type == t) return &d;
    return nullptr;
}
const DtypeInfo* dtypeByName(const QString& n) {
    for (const auto& d : kDtypes)
        if (n == QLatin1String(d.name)) return &d;
    return nullptr;
}

template <typename T>
void putLE(std::string& out, T v) {
    for (size_t i = 0; i < sizeof(T); ++i)
        out.push_back(static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xFF));
}
template <typename T>
T getLE(const unsigned char* p) {
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
    return static_cast<T>(v);
}

}  // namespace

const torch::Tensor* ModelFile::find(const std::string& name) const {
    for (const auto& [n, t] : tensors)
        if (n == name) return &t;
    return nullptr;
}

void writeModelFile(const std::string& path, const ModelFile& file) { writeFileAtomically(path, modelFileBytes(file)); }

std::string modelFileBytes(const ModelFile& file) {
    std::string payload;
    QJsonArray table;
    for (const auto& [name, tensor] : file.tensors) {
        auto t = tensor.detach().to(torch::kCPU).contiguous();
        const DtypeInfo* d = dtypeByType(t.scalar_type());
        if (!d)
            throw ModelFileError("cannot save tensor '" + name + "' of type " +
                                 std::string(c10::toString(t.scalar_type())));
        QJsonArray shape;
        for (auto s : t.sizes()) shape.append(static_cast<qint64>(s));
        const size_t bytes = static_cast<size_t>(t.numel()) * d->bytes;
        QJsonObject entry{{"name", QString::fromStdString(name)},
                          {"dtype", d->name},
                          {"shape", shape},
                          {"offset", static_cast<qint64>(payload.size())},
                          {"bytes", static_cast<qint64>(bytes)}};
        table.append(entry);
        payload.append(static_cast<const char*>(t.data_ptr()), bytes);  // little-endian hosts only
    }
    QJsonObject header{{"kind", QString::fromStdString(file.kind)},
                       {"architecture", file.architecture},
                       {"metadata", file.metadata},
                       {"tensors", table},
                       {"payload_crc32", static_cast<qint64>(crc32(payload.data(), payload.size()))}};
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    std::string bytes(kMagic, sizeof(kMagic));
    putLE<uint32_t>(bytes, ModelFile::kFormatVersion);
    putLE<uint64_t>(bytes, static_cast<uint64_t>(json.size()));
    bytes.append(json.constData(), static_cast<size_t>(json.size()));
    bytes += payload;
    return bytes;
}

bool looksLikeModelFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[8] = {};
    return in.read(magic, 8) && std::memcmp(magic, kMagic, 8) == 0;
}

ModelFile readModelFile(const std::string& path) {
    std::string bytes;
    try {
        bytes = readWholeFile(path, kMaxFile);
    } catch (const std::exception& e) {
        throw ModelFileError(e.what());
    }
    return readModelFileFromBytes(bytes, path);
}

ModelFile readModelFileFromBytes(const std::string& bytes, const std::string& path) {
    auto fail = [&](const std::string& why) {
        return ModelFileError("'" + path + "' is not a usable FlowScope model: " + why);
    };
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() < kPreamble || std::memcmp(p, kMagic, 8) != 0)
        throw fail("it does not start with the FlowScope model signature");
    const auto version = getLE<uint32_t>(p + 8);
    if (version != ModelFile::kFormatVersion)
        throw fail("format version " + std::to_string(version) + " is not supported (this build reads version " +
                   std::to_string(ModelFile::kFormatVersion) + ")");
    const auto headerLen = getLE<uint64_t>(p + 12);
    if (headerLen > kMaxHeader || headerLen > bytes.size() - kPreamble)
        throw fail("the header length " + std::to_string(headerLen) + " runs past the end of the file (truncated?)");
    QJsonParseError err{};
    const auto doc =
        QJsonDocument::fromJson(QByteArray(bytes.data() + kPreamble, static_cast<qsizetype>(headerLen)), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        throw fail("the header is not valid JSON (" + err.errorString().toStdString() + ")");
    const QJsonObject header = doc.object();
    const size_t payloadStart = kPreamble + headerLen;
    const size_t payloadSize = bytes.size() - payloadStart;

    ModelFile file;
    file.kind = header.value("kind").toString().toStdString();
    if (file.kind.empty()) throw fail("the header names no model kind");
    // Loaders put the kind in their messages ("it holds a 'x' model"): a plain word only.
    if (file.kind.size() > 32 ||
        file.kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
        throw fail("the header names an invalid model kind '" + printable(file.kind) + "'");
    file.architecture = header.value("architecture").toObject();
    file.metadata = header.value("metadata").toObject();
    const auto crc = header.value("payload_crc32").toVariant().toLongLong();
    if (static_cast<uint32_t>(crc) != crc32(bytes.data() + payloadStart, payloadSize) || crc < 0)
        throw fail("the tensor data fails its checksum (the file is damaged or truncated)");
    if (!header.value("tensors").isArray()) throw fail("the header has no tensor table");
    for (const auto& v : header.value("tensors").toArray()) {
        const QJsonObject e = v.toObject();
        const std::string name = e.value("name").toString().toStdString();
        if (name.empty()) throw fail("a tensor has no name");
        const std::string shown = "tensor '" + printable(name) + "'";
        const DtypeInfo* d = dtypeByName(e.value("dtype").toString());
        if (!d)
            throw fail(shown + " has unsupported type '" + printable(e.value("dtype").toString().toStdString()) + "'");
        const QJsonArray shapeJson = e.value("shape").toArray();
        if (shapeJson.size() > kMaxRank) throw fail(shown + " has too many dimensions");
        std::vector<int64_t> shape;
        uint64_t count = 1;
        for (const auto& s : shapeJson) {
            const double dv = s.toDouble(-1);
            if (!(dv >= 0) || dv > 1e9 || dv != std::floor(dv)) throw fail(shown + " has an invalid shape");
            shape.push_back(static_cast<int64_t>(dv));
            count *= static_cast<uint64_t>(dv);
            if (count > (1ull << 32)) throw fail(shown + " is absurdly large");
        }
        const double off = e.value("offset").toDouble(-1), len = e.value("bytes").toDouble(-1);
        if (!(off >= 0) || !(len >= 0) || off + len > static_cast<double>(payloadSize))
            throw fail(shown + " lies outside the file's data (truncated?)");
        if (static_cast<uint64_t>(len) != count * d->bytes)
            throw fail(shown + " declares " + std::to_string(static_cast<uint64_t>(len)) +
                       " bytes but its shape needs " + std::to_string(count * d->bytes));
        auto t = torch::empty(shape, torch::TensorOptions().dtype(d->type));
        if (t.numel() > 0)  // an empty tensor's data_ptr() is null, which memcpy must never be given
            std::memcpy(t.data_ptr(), bytes.data() + payloadStart + static_cast<size_t>(off), static_cast<size_t>(len));
        if (t.is_floating_point() && !torch::isfinite(t).all().item<bool>())
            throw fail(shown + " holds NaN or infinite values");
        file.tensors.emplace_back(name, std::move(t));
    }
    return file;
}

}  // namespace flowscope
