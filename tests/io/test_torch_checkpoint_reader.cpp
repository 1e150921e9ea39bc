// PyTorch state-dict checkpoints (torch.save zip + pickle): the glow-pytorch fixture reads back
// with the shapes and values an independent Python read gives, a hand-assembled checkpoint with
// strides and offsets reads back exactly, and damaged or hostile archives give one clear
// ModelFileError naming the file, never a crash (this test also runs under AddressSanitizer).

#include "common/test_support.h"
#include "io/crc32.h"
#include "io/glow_pytorch_import.h"
#include "io/model_file.h"
#include "io/pickle_reader.h"
#include "io/torch_checkpoint_reader.h"

#include <caffe2/serialize/inline_container.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <cstring>
#include <random>
#include <sstream>

using namespace flowscope;

namespace {

constexpr const char* kLabel = "hostile.pt";

/// Hand-assembled pickle bytes (protocol 2 opcodes, as torch.save writes them).
class PickleBytes {
public:
    PickleBytes& raw(const std::string& s) {
        m_bytes += s;
        return *this;
    }
    PickleBytes& op(char c) {
        m_bytes.push_back(c);
        return *this;
    }
    PickleBytes& proto(int version = 2) { return op('\x80').op(static_cast<char>(version)); }
    PickleBytes& global(const std::string& module, const std::string& name) {
        return op('c').raw(module + "\n" + name + "\n");
    }
    PickleBytes& mark() { return op('('); }
    PickleBytes& tuple() { return op('t'); }
    PickleBytes& emptyTuple() { return op(')'); }
    PickleBytes& emptyDict() { return op('}'); }
    PickleBytes& reduce() { return op('R'); }
    PickleBytes& persId() { return op('Q'); }
    PickleBytes& setItem() { return op('s'); }
    PickleBytes& setItems() { return op('u'); }
    PickleBytes& build() { return op('b'); }
    PickleBytes& stop() { return op('.'); }
    PickleBytes& newFalse() { return op('\x89'); }
    PickleBytes& put(uint8_t i) { return op('q').op(static_cast<char>(i)); }
    PickleBytes& get(uint8_t i) { return op('h').op(static_cast<char>(i)); }
    PickleBytes& str(const std::string& s) { return op('X').le(s.size(), 4).raw(s); }
    PickleBytes& integer(int64_t v) {
        if (v >= 0 && v < 256) return op('K').le(static_cast<uint64_t>(v), 1);
        if (v >= 0 && v < 65536) return op('M').le(static_cast<uint64_t>(v), 2);
        if (v >= INT32_MIN && v <= INT32_MAX) return op('J').le(static_cast<uint64_t>(v), 4);
        return op('\x8a').op(8).le(static_cast<uint64_t>(v), 8);  // LONG1
    }
    PickleBytes& ints(const std::vector<int64_t>& values) {
        mark();
        for (auto v : values) integer(v);
        return tuple();
    }
    PickleBytes& le(uint64_t v, int bytes) {
        for (int i = 0; i < bytes; ++i) m_bytes.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
        return *this;
    }
    /// _rebuild_tensor_v2(('storage', torch.<type>, key, 'cpu', numel), offset, size, stride, False, OrderedDict());
    /// `legacy`: the persistent id of the pre-1.6 format, which ends with view metadata (None).
    PickleBytes& tensor(const std::string& type, const std::string& key, int64_t numel, int64_t offset,
                        const std::vector<int64_t>& size, const std::vector<int64_t>& stride, bool legacy = false) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().str("storage").global("torch", type).str(key).str("cpu").integer(numel);
        if (legacy) op('N');
        tuple().persId();
        integer(offset).ints(size).ints(stride).newFalse();
        return global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
    }
    std::string bytes() const { return m_bytes; }

private:
    std::string m_bytes;
};

/// A state dict pickle: OrderedDict() with `items` (already-encoded key/value pairs) set by
/// SETITEMS, then torch.save's `_metadata` BUILD.
std::string stateDictPickle(const std::string& items) {
    PickleBytes p;
    p.proto().global("collections", "OrderedDict").put(0).emptyTuple().reduce().put(1).mark().raw(items).setItems();
    p.emptyDict()
        .str("_metadata")
        .get(0)
        .emptyTuple()
        .reduce()
        .mark()
        .str("")
        .emptyDict()
        .str("version")
        .integer(1)
        .setItem()
        .setItems()
        .setItem()
        .build();
    return p.stop().bytes();
}

template <typename T>
std::string storageBytes(const std::vector<T>& values) {
    return std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

/// The three header pickles of torch.save's legacy format: the magic number, the protocol
/// version, the system information (as pickle.dump writes them at protocol 2).
std::string legacyHeader(int64_t protocol = 1001, bool littleEndian = true) {
    const std::string magic("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15);
    PickleBytes info;
    info.proto().emptyDict().mark().str("protocol_version").integer(1001).str("little_endian");
    info.op(littleEndian ? '\x88' : '\x89').str("type_sizes").emptyDict().mark();
    info.str("short").integer(2).str("int").integer(4).str("long").integer(4).setItems().setItems().stop();
    return magic + PickleBytes().proto().integer(protocol).stop().bytes() + info.bytes();
}

struct LegacyStorage {
    std::string key;
    int64_t numel;
    std::string bytes;
};

/// A legacy (pre-1.6) torch.save file: header, the object's pickle, the key list, then each
/// storage as int64 numel + raw bytes.
std::string legacyFile(const std::string& pickle, const std::vector<LegacyStorage>& storages,
                       const std::string& header = legacyHeader()) {
    PickleBytes keys;
    keys.proto().op(']').mark();
    for (const auto& st : storages) keys.str(st.key);
    keys.op('e').stop();
    std::string out = header + pickle + keys.bytes();
    for (const auto& st : storages) out += PickleBytes().le(static_cast<uint64_t>(st.numel), 8).bytes() + st.bytes;
    return out;
}

/// syntheticItems in the legacy format.
std::string syntheticLegacyItems() {
    PickleBytes items;
    items.str("a").tensor("FloatStorage", "0", 6, 1, {2, 2}, {1, 2}, true);
    items.str("b").tensor("DoubleStorage", "1", 4, 2, {2}, {1}, true);
    return items.bytes();
}
std::vector<LegacyStorage> syntheticLegacyStorages() {
    return {{"0", 6, storageBytes<float>({0, 1, 2, 3, 4, 5})}, {"1", 4, storageBytes<double>({10, 20, 30, 40})}};
}

using Records = std::vector<std::pair<std::string, std::string>>;

/// A zip archive as torch.save writes it (PyTorchStreamWriter adds the version record).
std::string zipArchive(const Records& records, const std::string& compressedRecord = "") {
    std::string out;
    caffe2::serialize::PyTorchStreamWriter writer([&out](const void* data, size_t n) {
        out.append(static_cast<const char*>(data), n);
        return n;
    });
    for (const auto& [name, bytes] : records)
        writer.writeRecord(name, bytes.data(), bytes.size(), name == compressedRecord);
    writer.writeEndOfFile();
    return out;
}

/// The two-tensor checkpoint of readsSyntheticCheckpoint, with its pickle replaceable.
Records syntheticRecords(const std::string& pickle) {
    return {{"data.pkl", pickle},
            {"data/0", storageBytes<float>({0, 1, 2, 3, 4, 5})},
            {"data/1", storageBytes<double>({10, 20, 30, 40})}};
}

std::string syntheticItems() {
    PickleBytes items;
    items.str("a").tensor("FloatStorage", "0", 6, 1, {2, 2}, {1, 2});  // [[1, 3], [2, 4]], transposed view
    items.str("b").tensor("DoubleStorage", "1", 4, 2, {2}, {1});       // [30, 40]
    return items.bytes();
}

/// A checkpoint whose one tensor "w" is built by `tensorPickle` over storage '0' (6 floats).
std::string oneTensor(const std::string& tensorPickle,
                      const std::string& storage = storageBytes<float>({0, 1, 2, 3, 4, 5})) {
    return zipArchive(
        {{"data.pkl", stateDictPickle(PickleBytes().str("w").raw(tensorPickle).bytes())}, {"data/0", storage}});
}
std::string oneTensor(const std::string& type, int64_t numel, int64_t offset, const std::vector<int64_t>& size,
                      const std::vector<int64_t>& stride) {
    return oneTensor(PickleBytes().tensor(type, "0", numel, offset, size, stride).bytes());
}

uint32_t getLE32(const std::string& b, size_t at) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
    return v;
}
void putLE(std::string& b, size_t at, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

/// Where one central-directory entry of an archive lies.
struct CentralEntry {
    size_t at, length;
    std::string name;
};
std::vector<CentralEntry> centralEntries(const std::string& archive) {
    const size_t end = archive.rfind(std::string("PK\x05\x06", 4));
    const size_t count = getLE32(archive, end + 10) & 0xFFFF;
    std::vector<CentralEntry> out;
    size_t p = getLE32(archive, end + 16);
    for (size_t i = 0; i < count; ++i) {
        const size_t nameLen = getLE32(archive, p + 28) & 0xFFFF, extraLen = getLE32(archive, p + 30) & 0xFFFF,
                     commentLen = getLE32(archive, p + 32) & 0xFFFF;
        out.push_back({p, 46 + nameLen + extraLen + commentLen, archive.substr(p + 46, nameLen)});
        p += out.back().length;
    }
    return out;
}

/// Rewrites `archive`'s central directory so that `entry` claims to be deflated to a ZIP64
/// uncompressed size of `size` bytes (the ZIP64 end record and locator are moved to match).
/// LibTorch's PyTorchStreamReader allocates that size before reading anything.
std::string withZip64Size(const std::string& archive, const std::string& entry, uint64_t size) {
    const auto entries = centralEntries(archive);
    const size_t cdOffset = entries.front().at, cdEnd = entries.back().at + entries.back().length;
    std::string cd;
    for (const auto& e : entries) {
        std::string header = archive.substr(e.at, e.length);
        if (e.name == entry) {
            header = header.substr(0, 46 + e.name.size());
            putLE(header, 10, 8, 2);           // method: deflate
            putLE(header, 24, 0xFFFFFFFF, 4);  // uncompressed size: see the ZIP64 field
            std::string extra(12, '\0');
            putLE(extra, 0, 1, 2);
            putLE(extra, 2, 8, 2);
            putLE(extra, 4, size, 8);
            putLE(header, 30, extra.size(), 2);
            putLE(header, 32, 0, 2);
            header += extra;
        }
        cd += header;
    }
    std::string tail = archive.substr(cdEnd);  // ZIP64 end record, locator, end record
    const size_t delta = cd.size() - (cdEnd - cdOffset);
    const size_t rec64 = tail.find(std::string("PK\x06\x06", 4)), loc64 = tail.find(std::string("PK\x06\x07", 4));
    const size_t end32 = tail.rfind(std::string("PK\x05\x06", 4));
    if (rec64 != std::string::npos) putLE(tail, rec64 + 40, cd.size(), 8);
    if (loc64 != std::string::npos) putLE(tail, loc64 + 8, getLE32(tail, loc64 + 8) + delta, 8);
    putLE(tail, end32 + 12, cd.size(), 4);
    return archive.substr(0, cdOffset) + cd + tail;
}

/// `archive` with the data of `entry` overwritten by `data` (same length) and, unless told
/// otherwise, its directory CRC-32 updated, so only the content is wrong.
std::string withRecordData(std::string archive, const std::string& entry, const std::string& data,
                           bool updateCrc = true) {
    for (const auto& e : centralEntries(archive)) {
        if (e.name != entry) continue;
        const size_t local = getLE32(archive, e.at + 42);
        const size_t start =
            local + 30 + (getLE32(archive, local + 26) & 0xFFFF) + (getLE32(archive, local + 28) & 0xFFFF);
        archive.replace(start, data.size(), data);
        if (updateCrc) putLE(archive, e.at + 16, crc32(data.data(), data.size()), 4);
        return archive;
    }
    throw std::logic_error("no entry " + entry);
}

/// `archive` with every occurrence of the entry name `from` renamed to `to` (same length).
std::string withRenamedEntry(std::string archive, const std::string& from, const std::string& to) {
    for (size_t at = archive.find(from); at != std::string::npos; at = archive.find(from, at + 1))
        archive.replace(at, to.size(), to);
    return archive;
}

std::string randomBytes(size_t n, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng());
    return s;
}

QByteArray qbytes(const std::string& s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }
std::string sbytes(const QByteArray& b) { return std::string(b.constData(), static_cast<size_t>(b.size())); }

/// The message of the ModelFileError reading `bytes` throws, or "" when it reads fine; any
/// other exception escapes (and fails the test).
std::string rejection(const std::string& bytes) {
    try {
        readTorchStateDictFromBytes(bytes, kLabel);
    } catch (const ModelFileError& e) {
        return e.what();
    }
    return {};
}

QString fixturePath() {
    const QString shared = test::sharedDir();
    return shared.isEmpty() ? QString() : shared + "/fixtures/glow-pytorch/affine-lu-L3K1-16px/model.pt";
}

/// The fixture's records (everything but the version record, which the writer adds), in order.
Records fixtureRecords(const std::string& archive) {
    std::istringstream in(archive);
    caffe2::serialize::PyTorchStreamReader reader(&in);
    Records out;
    for (const auto& name : reader.getAllRecords()) {
        if (name == "version" || name == ".data/version") continue;
        auto [data, size] = reader.getRecord(name);
        out.emplace_back(name, std::string(static_cast<const char*>(data.get()), size));
    }
    return out;
}

std::string& recordNamed(Records& records, const std::string& name) {
    for (auto& [n, bytes] : records)
        if (n == name) return bytes;
    throw std::logic_error("no record " + name);
}

const torch::Tensor& tensorNamed(const std::vector<NamedTensor>& tensors, const std::string& name) {
    for (const auto& t : tensors)
        if (t.name == name) return t.tensor;
    throw std::logic_error("no tensor " + name);
}

}  // namespace

class TestTorchCheckpointReader : public QObject {
    Q_OBJECT

private slots:
    void readsGlowFixture() {
        const QString path = fixturePath();
        if (path.isEmpty() || !QFile::exists(path))
            FLOWSCOPE_SKIP_WITHOUT_SHARED(
                "../shared/fixtures/glow-pytorch is absent (a checkout without the shared fixtures); the CI runs this");
        const auto tensors = readTorchStateDict(path.toStdString());

        // All parameters and buffers of rosinality's Glow(3, n_flow=1, n_block=3, affine, LU), in pickle order.
        std::vector<std::string> expected;
        for (int b = 0; b < 3; ++b) {
            const std::string block = "module.blocks." + std::to_string(b) + ".";
            for (const char* n :
                 {"actnorm.loc", "actnorm.scale", "actnorm.initialized", "invconv.w_l", "invconv.w_s", "invconv.w_u",
                  "invconv.w_p", "invconv.u_mask", "invconv.l_mask", "invconv.s_sign", "invconv.l_eye",
                  "coupling.net.0.weight", "coupling.net.0.bias", "coupling.net.2.weight", "coupling.net.2.bias",
                  "coupling.net.4.scale", "coupling.net.4.conv.weight", "coupling.net.4.conv.bias"})
                expected.push_back(block + "flows.0." + n);
            for (const char* n : {"prior.scale", "prior.conv.weight", "prior.conv.bias"}) expected.push_back(block + n);
        }
        QCOMPARE(tensors.size(), size_t{63});
        for (size_t i = 0; i < expected.size(); ++i) QCOMPARE(tensors[i].name, expected[i]);
        for (const auto& [name, t] : tensors) {
            QVERIFY2(t.is_contiguous() && t.device().is_cpu(), name.c_str());
            if (t.is_floating_point()) QVERIFY2(torch::isfinite(t).all().item<bool>(), name.c_str());
        }

        const std::vector<std::pair<std::string, std::vector<int64_t>>> shapes = {
            {"module.blocks.0.flows.0.actnorm.loc", {1, 12, 1, 1}},
            {"module.blocks.0.flows.0.actnorm.initialized", {}},
            {"module.blocks.0.flows.0.invconv.w_l", {12, 12}},
            {"module.blocks.0.flows.0.coupling.net.0.weight", {512, 6, 3, 3}},
            {"module.blocks.1.flows.0.coupling.net.4.conv.weight", {24, 512, 3, 3}},
            {"module.blocks.2.prior.conv.weight", {96, 48, 3, 3}}};
        for (const auto& [name, shape] : shapes)
            QVERIFY2(tensorNamed(tensors, name).sizes().vec() == shape, name.c_str());
        QCOMPARE(tensorNamed(tensors, "module.blocks.0.flows.0.actnorm.initialized").scalar_type(), torch::kUInt8);
        QCOMPARE(tensorNamed(tensors, "module.blocks.0.flows.0.actnorm.initialized").item<int>(), 1);

        // The LU parametrisation's constant buffers, at every level.
        for (int b = 0; b < 3; ++b) {
            const std::string conv = "module.blocks." + std::to_string(b) + ".flows.0.invconv.";
            const auto eye = tensorNamed(tensors, conv + "l_eye"), uMask = tensorNamed(tensors, conv + "u_mask");
            const int64_t c = eye.size(0);
            QVERIFY2(torch::equal(eye, torch::eye(c)), "l_eye is not the identity");
            QVERIFY2(torch::equal(uMask, torch::ones({c, c}).triu(1)), "u_mask is not strictly upper triangular ones");
            QVERIFY2(torch::equal(tensorNamed(tensors, conv + "l_mask"), uMask.t()), "l_mask is not u_mask transposed");
            QVERIFY2(torch::abs(tensorNamed(tensors, conv + "s_sign")).eq(1).all().item<bool>(), "s_sign is not ±1");
            // w_l is saved transposed (stride (1, c)); read with its strides it is unit lower triangular.
            const auto wl = tensorNamed(tensors, conv + "w_l");
            QVERIFY2(torch::equal(wl.diagonal(), torch::ones({c})) && torch::equal(wl.triu(1), torch::zeros({c, c})),
                     "w_l is not unit lower triangular");
        }

        // Values from an independent read of the archive with Python's zipfile + struct.
        const auto near = [](double a, double b, double tol) { return std::abs(a - b) <= tol * (1 + std::abs(b)); };
        const auto loc = tensorNamed(tensors, "module.blocks.0.flows.0.actnorm.loc").flatten();
        QVERIFY(near(loc[0].item<double>(), 0.1894616037607193, 1e-7));
        QVERIFY(near(loc[2].item<double>(), 0.1756628453731537, 1e-7));
        QVERIFY(near(loc.sum().item<double>(), 2.55791472, 1e-6));
        const auto wl = tensorNamed(tensors, "module.blocks.0.flows.0.invconv.w_l");
        QVERIFY(near(wl[1][0].item<double>(), -0.5449849963188171, 1e-7));
        QVERIFY(near(wl[5][2].item<double>(), 0.5511015057563782, 1e-7));
        const auto conv = tensorNamed(tensors, "module.blocks.0.flows.0.coupling.net.0.weight");
        QVERIFY(near(conv[1][2][0][1].item<double>(), -0.018274493515491486, 1e-7));
        QVERIFY(near(conv[511][5][2][2].item<double>(), -0.04882505163550377, 1e-7));
        QVERIFY(near(conv.to(torch::kFloat64).sum().item<double>(), -19.3196225, 1e-6));
        QVERIFY(near(tensorNamed(tensors, "module.blocks.2.flows.0.coupling.net.2.weight")
                         .to(torch::kFloat64)
                         .sum()
                         .item<double>(),
                     -2057.25778, 1e-6));
    }

    void readsSyntheticCheckpoint() {
        const auto tensors = readTorchStateDictFromBytes(
            zipArchive(syntheticRecords(stateDictPickle(syntheticItems()))), "synthetic.pt");
        QCOMPARE(tensors.size(), size_t{2});
        QCOMPARE(tensors[0].name, std::string("a"));
        QCOMPARE(tensors[1].name, std::string("b"));
        // a = storage[1:] viewed as size (2, 2), stride (1, 2): a[i][j] = storage[1 + i + 2j].
        QCOMPARE(tensors[0].tensor.scalar_type(), torch::kFloat32);
        QVERIFY(tensors[0].tensor.is_contiguous());
        QVERIFY(torch::equal(tensors[0].tensor, torch::tensor({{1.f, 3.f}, {2.f, 4.f}})));
        QCOMPARE(tensors[1].tensor.scalar_type(), torch::kFloat64);
        QVERIFY(torch::equal(tensors[1].tensor, torch::tensor({30.0, 40.0}, torch::kFloat64)));
    }

    void readsStorageTypesAndSharing() {
        // Half widens to float32; one storage shared by two tensors (and reached through the
        // memo); a 0-dim tensor; _rebuild_parameter around a tensor; a zero-size tensor.
        const std::vector<uint16_t> half = {0x3E00, 0xC000, 0x3C00};  // 1.5, -2, 1
        PickleBytes items;
        items.str("h").tensor("HalfStorage", "0", 3, 0, {3}, {1});
        items.str("l").tensor("LongStorage", "1", 3, 0, {3}, {1});
        items.str("l0").tensor("LongStorage", "1", 3, 2, {}, {});
        items.str("p").global("torch._utils", "_rebuild_parameter").mark().tensor("DoubleStorage", "2", 2, 0, {2}, {1});
        items.newFalse().global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
        items.str("z").tensor("FloatStorage", "3", 0, 0, {0, 4}, {4, 1});
        const std::string archive = zipArchive({{"data.pkl", stateDictPickle(items.bytes())},
                                                {"data/0", storageBytes(half)},
                                                {"data/1", storageBytes<int64_t>({7, -8, 1LL << 40})},
                                                {"data/2", storageBytes<double>({0.25, -0.5})},
                                                {"data/3", ""}});
        const auto t = readTorchStateDictFromBytes(archive, "types.pt");
        QCOMPARE(t.size(), size_t{5});
        QCOMPARE(t[0].tensor.scalar_type(), torch::kFloat32);
        QVERIFY(torch::equal(t[0].tensor, torch::tensor({1.5f, -2.f, 1.f})));
        QVERIFY(torch::equal(t[1].tensor, torch::tensor({int64_t{7}, int64_t{-8}, int64_t{1} << 40})));
        QCOMPARE(t[2].tensor.dim(), int64_t{0});
        QCOMPARE(t[2].tensor.item<int64_t>(), int64_t{1} << 40);
        QVERIFY(torch::equal(t[3].tensor, torch::tensor({0.25, -0.5}, torch::kFloat64)));
        QCOMPARE(t[4].tensor.sizes().vec(), (std::vector<int64_t>{0, 4}));
    }

    void legacyAndZipFilesReadIdentically() {
        // The same state dict in both formats torch.save writes: names, types and values agree.
        const auto zip = readTorchStateDictFromBytes(zipArchive(syntheticRecords(stateDictPickle(syntheticItems()))),
                                                     "synthetic.pt");
        const auto legacy = readTorchStateDictFromBytes(
            legacyFile(stateDictPickle(syntheticLegacyItems()), syntheticLegacyStorages()), "legacy.pt");
        QCOMPARE(legacy.size(), zip.size());
        for (size_t i = 0; i < zip.size(); ++i) {
            QCOMPARE(legacy[i].name, zip[i].name);
            QCOMPARE(legacy[i].tensor.scalar_type(), zip[i].tensor.scalar_type());
            QVERIFY(torch::equal(legacy[i].tensor, zip[i].tensor));
        }
        QVERIFY(torch::equal(legacy[0].tensor, torch::tensor({{1.f, 3.f}, {2.f, 4.f}})));
        // Storage order in the file follows the key list, not the pickle; a tensor tree reads too.
        auto reversed = syntheticLegacyStorages();
        std::swap(reversed[0], reversed[1]);
        const auto swapped =
            readTorchStateDictFromBytes(legacyFile(stateDictPickle(syntheticLegacyItems()), reversed), "legacy.pt");
        QVERIFY(torch::equal(swapped[1].tensor, zip[1].tensor));
        // Outside the test's own writer: files torch.save wrote (PyTorch's _legacy_save and its zip
        // writer, tests/io/data/make_torch_save_pair.py) read identically.
        const QString dir = QFINDTESTDATA("data/torch_save_pair");
        QVERIFY2(!dir.isEmpty(), "tests/io/data/torch_save_pair is missing");
        const auto a = readTorchStateDict((dir + "/legacy.pt").toStdString());
        const auto b = readTorchStateDict((dir + "/zip.pt").toStdString());
        QCOMPARE(a.size(), b.size());
        QVERIFY(a.size() >= 5);
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].name, b[i].name);
            QVERIFY2(torch::equal(a[i].tensor, b[i].tensor), a[i].name.c_str());
            if (a[i].name == "transposed")
                QVERIFY(torch::equal(a[i].tensor, torch::arange(24, torch::kFloat32).reshape({4, 6}).t()));
            if (a[i].name == "slice")
                QVERIFY(torch::equal(a[i].tensor,
                                     torch::arange(24, torch::kFloat32).reshape({4, 6}).slice(0, 1, 3).slice(1, 2, 5)));
        }
    }

    void readsTheLegacyY0astFixture() {
        const QString path = test::sharedDir() + "/fixtures/y0ast-glow/affine-invconv-lu-L2K2-16px/glow_model_40.pt";
        if (!QFile::exists(path)) FLOWSCOPE_SKIP_WITHOUT_SHARED("../shared/fixtures is absent");
        const auto tensors = readTorchStateDict(path.toStdString());
        // Known from the fixture's README: no "module." prefix, a learned top prior, LU convolutions.
        std::map<std::string, std::vector<int64_t>> shapes;
        for (const auto& t : tensors) shapes[t.name] = t.tensor.sizes().vec();
        QCOMPARE(shapes.at("prior_h"), (std::vector<int64_t>{1, 48, 4, 4}));
        QVERIFY(shapes.count("flow.layers.1.actnorm.bias") == 1);
        for (const auto& t : tensors) QVERIFY2(t.name.rfind("module.", 0) != 0, t.name.c_str());
    }

    void rejectsHostileLegacyFile_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const std::string pkl = stateDictPickle(syntheticLegacyItems());
        const auto storages = syntheticLegacyStorages();
        const std::string good = legacyFile(pkl, storages);
        QTest::newRow("magic only") << qbytes(legacyHeader().substr(0, 15)) << "ends before its protocol version";
        QTest::newRow("not torch's magic") << qbytes(PickleBytes().proto().integer(5).stop().bytes()) << "magic";
        QTest::newRow("protocol 1000") << qbytes(legacyFile(pkl, storages, legacyHeader(1000))) << "1001";
        QTest::newRow("big-endian") << qbytes(legacyFile(pkl, storages, legacyHeader(1001, false))) << "big-endian";
        QTest::newRow("zip-style persistent id")
            << qbytes(legacyFile(stateDictPickle(syntheticItems()), storages)) << "view)";
        {
            PickleBytes items;
            items.str("a").global("torch._utils", "_rebuild_tensor_v2").mark();
            items.mark().str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(6);
            items.mark().str("9").integer(0).integer(6).tuple().tuple().persId();
            items.integer(0).ints({6}).ints({1}).newFalse();
            items.global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
            QTest::newRow("storage view")
                << qbytes(legacyFile(stateDictPickle(items.bytes()), {storages[0]})) << "storage view";
        }
        QTest::newRow("one storage missing from the list")
            << qbytes(legacyFile(pkl, {storages[0]})) << "names 1 storages, its data uses 2";
        QTest::newRow("an unknown key in the list")
            << qbytes(legacyFile(pkl, {storages[0], {"7", 4, storages[1].bytes}})) << "never uses";
        QTest::newRow("a key twice") << qbytes(legacyFile(pkl, {storages[0], storages[0]})) << "twice";
        QTest::newRow("stored size differs")
            << qbytes(legacyFile(pkl, {storages[0], {"1", 3, storages[1].bytes}})) << "declared with 4";
        QTest::newRow("truncated storage") << qbytes(good.substr(0, good.size() - 3)) << "truncated";
        QTest::newRow("truncated before a size") << qbytes(good.substr(0, good.size() - 32 - 4)) << "truncated";
        QTest::newRow("no key list") << qbytes(legacyHeader() + pkl) << "ends before its storage key list";
        QTest::newRow("stray bytes") << qbytes(good + "xyz") << "stray byte";
        {
            PickleBytes items;
            items.str("a").tensor("FloatStorage", "0", int64_t{1} << 40, 0, {4}, {1}, true);
            QTest::newRow("storage of 2^40 floats")
                << qbytes(legacyFile(stateDictPickle(items.bytes()), {{"0", int64_t{1} << 40, ""}})) << "more than";
        }
        {
            PickleBytes items;
            items.str("a").global("os", "system").mark().str("x").tuple().reduce();
            QTest::newRow("os.system") << qbytes(legacyFile(stateDictPickle(items.bytes()), {})) << "os.system";
        }
        {
            PickleBytes keys;
            keys.proto().op(']').mark().integer(3).str("1").op('e').stop();
            QTest::newRow("a key that is not a string")
                << qbytes(legacyHeader() + pkl + keys.bytes()) << "not a string";
        }
    }
    void rejectsHostileLegacyFile() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString msg = QString::fromStdString(rejection(sbytes(bytes)));
        QVERIFY2(msg.startsWith(QString("'%1' is not a usable PyTorch checkpoint: ").arg(kLabel)), qPrintable(msg));
        QVERIFY2(msg.contains(expected), qPrintable(msg));
        QVERIFY2(!msg.contains('\n'), qPrintable(msg));
    }

    void survivesEveryDamageToASmallLegacyFile() {
        const std::string good = legacyFile(stateDictPickle(syntheticLegacyItems()), syntheticLegacyStorages());
        for (size_t length = 0; length < good.size(); ++length)
            QVERIFY2(!rejection(good.substr(0, length)).empty(),
                     qPrintable(QString("truncated to %1 bytes it still reads").arg(length)));
        int accepted = 0, rejected = 0;
        for (size_t at = 0; at < good.size(); ++at)
            for (int mask : {0xFF, 0x01, 0x80}) {
                std::string damaged = good;
                damaged[at] = static_cast<char>(damaged[at] ^ mask);
                (rejection(damaged).empty() ? accepted : rejected)++;
            }
        QVERIFY2(rejected > 0 && accepted > 0,  // flipped storage bytes still read: they are just numbers
                 qPrintable(QString("%1 accepted, %2 rejected").arg(accepted).arg(rejected)));
    }

    void rejectsHostileCheckpoint_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");  // part of the message
        const std::string items = syntheticItems();
        const auto withPickle = [](const std::string& pickle) { return qbytes(zipArchive(syntheticRecords(pickle))); };
        const auto withItems = [&](const std::string& it) { return withPickle(stateDictPickle(it)); };
        const std::string good = stateDictPickle(items);

        // Not a zip archive at all.
        QTest::newRow("empty file") << QByteArray() << "empty";
        QTest::newRow("random bytes 100") << qbytes(randomBytes(100, 1)) << "neither a zip archive nor a legacy pickle";
        QTest::newRow("random bytes 70000")
            << qbytes(randomBytes(70000, 2)) << "neither a zip archive nor a legacy pickle";
        QTest::newRow("zip signature then noise")
            << qbytes("PK\x03\x04" + randomBytes(5000, 3)) << "end-of-central-directory";
        QTest::newRow("a pickle that is not torch.save's")
            << qbytes(std::string("\x80\x02K\x05.", 5)) << "no torch.save magic number";

        // The zip layer.
        QTest::newRow("no data.pkl") << qbytes(zipArchive({{"data/0", storageBytes<float>({1})}})) << "no data.pkl";
        QTest::newRow("compressed record") << qbytes(zipArchive(syntheticRecords(good), "data.pkl")) << "compressed";
        QTest::newRow("ZIP64 size 2^62 (PyTorchStreamReader would allocate it)")
            << qbytes(withZip64Size(zipArchive(syntheticRecords(good)), "archive/data/0", uint64_t{1} << 62))
            << "zip entry";
        {
            std::string crc = zipArchive(syntheticRecords(good));
            const std::string needle = storageBytes<double>({10, 20, 30, 40});
            crc[crc.find(needle) + 3] ^= 0x10;
            QTest::newRow("storage bytes damaged") << qbytes(crc) << "CRC-32";
        }
        QTest::newRow("no version record")
            << qbytes(withRenamedEntry(zipArchive(syntheticRecords(good)), "archive/version", "archive/versiox"))
            << "no version record";
        QTest::newRow("version not a number")
            << qbytes(withRecordData(zipArchive(syntheticRecords(good)), "archive/version", "x\n"))
            << "not a small decimal number";
        QTest::newRow("version too new") << qbytes(withRecordData(zipArchive(syntheticRecords(good)), "archive/version",
                                                                  "99"))
                                         << "format version 99";
        {
            // miniz "extracts" an entry marked as a directory by returning at once: PyTorchStreamReader
            // then hands back uninitialised memory as the record.
            std::string archive = zipArchive(syntheticRecords(good));
            for (const auto& e : centralEntries(archive))
                if (e.name == "archive/data/1") putLE(archive, e.at + 38, 0x10, 4);
            QTest::newRow("storage marked as a directory") << qbytes(archive) << "marked as a directory";
            archive = zipArchive(syntheticRecords(good));
            for (const auto& e : centralEntries(archive))
                if (e.name == "archive/data.pkl") putLE(archive, e.at + 8, 0x0828, 2);
            QTest::newRow("record flagged as patch data") << qbytes(archive) << "zip features";
        }
        QTest::newRow("version damaged") << qbytes(withRecordData(zipArchive(syntheticRecords(good)), "archive/version",
                                                                  "4\n", false))
                                         << "version record fails its CRC-32";
        QTest::newRow("storage record missing")
            << qbytes(zipArchive({{"data.pkl", good}, {"data/0", storageBytes<float>({0, 1, 2, 3, 4, 5})}}))
            << "storage '1' is missing";
        QTest::newRow("storage shorter than declared")
            << qbytes(oneTensor(PickleBytes().tensor("FloatStorage", "0", 6, 0, {6}, {1}).bytes(),
                                storageBytes<float>({0, 1, 2, 3, 4})))
            << "storage '0' holds 20 bytes but its 6 Float elements need 24";

        // Tensor geometry.
        QTest::newRow("size x stride past storage")
            << qbytes(oneTensor("FloatStorage", 6, 0, {4}, {2})) << "reaches element 6";
        QTest::newRow("offset past storage")
            << qbytes(oneTensor("FloatStorage", 6, 7, {1}, {1})) << "starts at element 7";
        QTest::newRow("offset plus extent past storage")
            << qbytes(oneTensor("FloatStorage", 6, 3, {2, 2}, {2, 1})) << "reaches element 6";
        QTest::newRow("storage numel 2^40")
            << qbytes(oneTensor("FloatStorage", int64_t{1} << 40, 0, {1}, {1})) << "elements need 4398046511104";
        QTest::newRow("storage numel 2^62 overflows bytes")
            << qbytes(oneTensor("DoubleStorage", int64_t{1} << 62, 0, {1}, {1})) << "more than 2^64";
        QTest::newRow("negative storage numel")
            << qbytes(oneTensor("FloatStorage", -6, 0, {1}, {1})) << "negative size";
        QTest::newRow("size 2^40") << qbytes(oneTensor("FloatStorage", 6, 0, {int64_t{1} << 40}, {0}))
                                   << "more than 2^31 elements";
        QTest::newRow("zero stride repeats one element a million times")
            << qbytes(oneTensor("FloatStorage", 6, 0, {1000000}, {0})) << "overlapping strides are not supported";
        QTest::newRow("size product overflows")
            << qbytes(oneTensor("FloatStorage", 6, 0, {1 << 30, 1 << 30, 1 << 30}, {0, 0, 0}))
            << "more than 2^31 elements";
        QTest::newRow("negative size") << qbytes(oneTensor("FloatStorage", 6, 0, {-1}, {1}))
                                       << "negative size or stride";
        QTest::newRow("negative stride") << qbytes(oneTensor("FloatStorage", 6, 5, {2}, {-1}))
                                         << "negative size or stride";
        QTest::newRow("stride overflows")
            << qbytes(oneTensor("FloatStorage", 6, 0, {2, 2}, {int64_t{1} << 62, int64_t{1} << 62})) << "overflow";
        QTest::newRow("nine dimensions") << qbytes(oneTensor("FloatStorage", 6, 0, std::vector<int64_t>(9, 1),
                                                             std::vector<int64_t>(9, 1)))
                                         << "9 dimensions";
        QTest::newRow("sizes and strides differ")
            << qbytes(oneTensor("FloatStorage", 6, 0, {2, 3}, {3})) << "2 sizes but 1 strides";
        QTest::newRow("NaN value") << qbytes(
                                          oneTensor(PickleBytes().tensor("FloatStorage", "0", 2, 0, {2}, {1}).bytes(),
                                                    storageBytes<float>({1.f, std::nanf("")})))
                                   << "NaN";
        QTest::newRow("boolean byte 2") << qbytes(oneTensor(
                                               PickleBytes().tensor("BoolStorage", "0", 2, 0, {2}, {1}).bytes(),
                                               std::string("\x01\x02", 2)))
                                        << "neither 0 nor 1";

        // The state dict's structure.
        QTest::newRow("GLOBAL os system")
            << withPickle(PickleBytes().proto().global("os", "system").str("ls").op('\x85').reduce().stop().bytes())
            << "'os.system'";
        QTest::newRow("calls a storage type")
            << withItems(PickleBytes().str("w").global("torch", "FloatStorage").emptyTuple().reduce().bytes())
            << "never calls";
        QTest::newRow("non-string key")
            << withItems(PickleBytes().integer(1).tensor("FloatStorage", "0", 6, 0, {1}, {1}).bytes())
            << "is an integer, not a string";
        QTest::newRow("duplicate key")
            << withItems(items + PickleBytes().str("a").tensor("FloatStorage", "0", 6, 0, {1}, {1}).bytes())
            << "lists 'a' twice";
        QTest::newRow("duplicate key with a line break") << withItems(PickleBytes()
                                                                          .str("a\nb")
                                                                          .tensor("FloatStorage", "0", 6, 0, {1}, {1})
                                                                          .str("a\nb")
                                                                          .tensor("FloatStorage", "0", 6, 1, {1}, {1})
                                                                          .bytes())
                                                         << "lists 'a?b' twice";
        QTest::newRow("value not a tensor")
            << withItems(PickleBytes().str("w").integer(3).bytes()) << "'w' of its state dict is an integer";
        QTest::newRow("value is a storage") << withItems(PickleBytes()
                                                             .str("w")
                                                             .mark()
                                                             .str("storage")
                                                             .global("torch", "FloatStorage")
                                                             .str("0")
                                                             .str("cpu")
                                                             .integer(6)
                                                             .tuple()
                                                             .persId()
                                                             .bytes())
                                            << "is a storage, not a tensor";
        QTest::newRow("empty state dict")
            << withPickle(
                   PickleBytes().proto().global("collections", "OrderedDict").emptyTuple().reduce().stop().bytes())
            << "no tensors";
        QTest::newRow("a list, not a dict")
            << withPickle(PickleBytes().proto().op(']').stop().bytes()) << "holds a list";
        QTest::newRow("list appended to itself")
            << withItems(PickleBytes().str("w").op(']').put(9).get(9).op('a').bytes()) << "is a list";
        QTest::newRow("storage key with a path")
            << withItems(PickleBytes().str("w").tensor("FloatStorage", "../0", 6, 0, {1}, {1}).bytes())
            << "invalid key";
        QTest::newRow("storage declared twice differently")
            << withItems(items + PickleBytes().str("c").tensor("IntStorage", "0", 6, 0, {1}, {1}).bytes())
            << "declared twice";
        QTest::newRow("unknown storage type")
            << withItems(PickleBytes().str("w").tensor("ComplexFloatStorage", "0", 6, 0, {1}, {1}).bytes())
            << "'torch.ComplexFloatStorage'";
        QTest::newRow("persistent id not a storage tuple")
            << withItems(PickleBytes().str("w").str("0").persId().bytes()) << "persistent id";
        QTest::newRow("_rebuild_tensor_v2 with 3 arguments")
            << withItems(PickleBytes()
                             .str("w")
                             .global("torch._utils", "_rebuild_tensor_v2")
                             .mark()
                             .integer(0)
                             .integer(0)
                             .integer(0)
                             .tuple()
                             .reduce()
                             .bytes())
            << "_rebuild_tensor_v2 with arguments";
        QTest::newRow("tensor with backward hooks") << withItems(PickleBytes()
                                                                     .str("w")
                                                                     .global("torch._utils", "_rebuild_tensor_v2")
                                                                     .mark()
                                                                     .mark()
                                                                     .str("storage")
                                                                     .global("torch", "FloatStorage")
                                                                     .str("0")
                                                                     .str("cpu")
                                                                     .integer(6)
                                                                     .tuple()
                                                                     .persId()
                                                                     .integer(0)
                                                                     .ints({1})
                                                                     .ints({1})
                                                                     .newFalse()
                                                                     .emptyDict()
                                                                     .integer(1)
                                                                     .integer(2)
                                                                     .setItem()
                                                                     .tuple()
                                                                     .reduce()
                                                                     .bytes())
                                                    << "backward hooks";
        QTest::newRow("BUILD on a tensor")
            << withItems(PickleBytes().str("w").tensor("FloatStorage", "0", 6, 0, {1}, {1}).emptyDict().build().bytes())
            << "sets the state of a tensor";
        QTest::newRow("OrderedDict with arguments") << withPickle(PickleBytes()
                                                                      .proto()
                                                                      .global("collections", "OrderedDict")
                                                                      .op(']')
                                                                      .op('\x85')
                                                                      .reduce()
                                                                      .stop()
                                                                      .bytes())
                                                    << "from arguments";

        // The pickle machine.
        QTest::newRow("pickle protocol 4") << withPickle("\x80\x04" + good.substr(2)) << "protocol 4";
        QTest::newRow("pickle truncated") << withPickle(good.substr(0, good.size() / 2)) << "cut off in the middle";
        QTest::newRow("pickle without STOP")
            << withPickle(good.substr(0, good.size() - 1)) << "cut off before its STOP";
        QTest::newRow("bytes after STOP") << withPickle(good + "N") << "1 stray byte(s)";
        QTest::newRow("two values at STOP")
            << withPickle(PickleBytes().proto().op('N').op('N').stop().bytes()) << "2 values";
        QTest::newRow("MARK left open") << withPickle(PickleBytes().proto().op('N').mark().stop().bytes())
                                        << "MARK still open";
        QTest::newRow("deep MARK nesting")
            << withPickle(PickleBytes().proto().raw(std::string(100000, '(')).stop().bytes()) << "deeper than 256";
        QTest::newRow("huge BINUNICODE length")
            << withPickle(PickleBytes().proto().op('X').le(0xFFFFFFF0u, 4).raw("abc").stop().bytes())
            << "more than the 1048576 allowed";
        QTest::newRow("BINUNICODE past the end")
            << withPickle(PickleBytes().proto().op('X').le(1000, 4).raw("abc").bytes())
            << "cut off in the middle of BINUNICODE";
        QTest::newRow("negative BINSTRING length")
            << withPickle(PickleBytes().proto().op('T').le(0xFFFFFFFFu, 4).stop().bytes()) << "negative length";
        QTest::newRow("key not UTF-8")
            << withItems(PickleBytes().str("w\xff").tensor("FloatStorage", "0", 6, 0, {1}, {1}).bytes()) << "not UTF-8";
        QTest::newRow("memo index never stored")
            << withPickle(PickleBytes().proto().get(5).stop().bytes()) << "memo entry 5";
        QTest::newRow("memo index 2^32-1")
            << withPickle(PickleBytes().proto().op('j').le(0xFFFFFFFFu, 4).stop().bytes()) << "memo entry 4294967295";
        QTest::newRow("BINPUT on an empty stack")
            << withPickle(PickleBytes().proto().put(0).stop().bytes()) << "stack is empty";
        QTest::newRow("BINPUT across a MARK")
            << withPickle(PickleBytes().proto().op('N').mark().put(0).stop().bytes()) << "stack is empty";
        QTest::newRow("REDUCE on an empty stack")
            << withPickle(PickleBytes().proto().reduce().stop().bytes()) << "stack is empty";
        QTest::newRow("TUPLE without MARK")
            << withPickle(PickleBytes().proto().op('N').tuple().stop().bytes()) << "no MARK";
        QTest::newRow("REDUCE on a string")
            << withPickle(PickleBytes().proto().str("f").emptyTuple().reduce().stop().bytes()) << "not a global";
        QTest::newRow("SETITEMS with odd items")
            << withPickle(PickleBytes().proto().emptyDict().mark().op('N').setItems().stop().bytes())
            << "key without a value";
        QTest::newRow("SETITEM on a list")
            << withPickle(PickleBytes().proto().op(']').op('N').op('N').setItem().stop().bytes()) << "not a dict";
        QTest::newRow("LONG1 of 9 bytes")
            << withPickle(PickleBytes().proto().op('\x8a').op(9).raw(std::string(9, '\1')).stop().bytes())
            << "larger than 64 bits";
        QTest::newRow("unsupported opcode INST")
            << withPickle(PickleBytes().proto().raw("i__main__\nX\n").stop().bytes()) << "opcode 0x69";
        QTest::newRow("GLOBAL line too long")
            << withPickle(PickleBytes().proto().raw("c" + std::string(300, 'a') + "\nb\n").stop().bytes())
            << "longer than 256";
        {
            PickleBytes memo;  // one value stored under more memo indices than the cap
            memo.proto().op('N');
            for (uint32_t i = 0; i <= PickleReader::kMaxMemo; ++i) memo.op('r').le(i, 4);
            QTest::newRow("memo over its cap") << withPickle(memo.stop().bytes()) << "memo entries";
        }
        {
            PickleBytes many;  // more values than the cap, the stack kept small
            many.proto().op(']');
            for (uint32_t i = 0; i <= PickleReader::kMaxValues; ++i) many.op('N').op('a');
            QTest::newRow("too many values") << withPickle(many.stop().bytes()) << "values";
        }
        {
            PickleBytes tall;
            tall.proto();
            for (uint32_t i = 0; i <= PickleReader::kMaxStack; ++i) tall.op('N');
            QTest::newRow("stack over its cap") << withPickle(tall.stop().bytes()) << "stack past";
        }
    }
    void rejectsHostileCheckpoint() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QVERIFY_THROWS_EXCEPTION(ModelFileError, readTorchStateDictFromBytes(sbytes(bytes), kLabel));
        const QString msg = QString::fromStdString(rejection(sbytes(bytes)));
        QVERIFY2(msg.startsWith(QString("'%1' is not a usable PyTorch checkpoint: ").arg(kLabel)), qPrintable(msg));
        QVERIFY2(msg.contains(expected), qPrintable(msg));
        QVERIFY2(!msg.contains('\n'), qPrintable(msg));
    }

    void rejectsDamagedFixture_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QString path = fixturePath();
        if (path.isEmpty() || !QFile::exists(path))
            FLOWSCOPE_SKIP_WITHOUT_SHARED(
                "../shared/fixtures/glow-pytorch is absent (a checkout without the shared fixtures); the CI runs this");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::string archive = sbytes(file.readAll());
        const Records records = fixtureRecords(archive);
        const std::string pkl = records.front().second;
        QCOMPARE(records.front().first, std::string("data.pkl"));
        QCOMPARE(pkl.size(), size_t{9980});

        for (size_t length : {size_t{1}, size_t{21}, size_t{22}, size_t{30}, size_t{10060}, archive.size() / 2,
                              archive.size() - 98, archive.size() - 23, archive.size() - 1})
            QTest::newRow(qPrintable(QString("file truncated to %1 bytes").arg(length)))
                << qbytes(archive.substr(0, length)) << "";

        const auto repacked = [&](const std::string& newPkl) {
            Records r = records;
            r.front().second = newPkl;
            return qbytes(zipArchive(r));
        };
        // Offsets into data.pkl (see pickletools.dis): PROTO, its version, the GLOBAL's text, a
        // BINPUT, a BINUNICODE opcode and its text, BINPERSID, a size, a storage offset, a memo
        // index, SETITEMS, BUILD and STOP.
        for (size_t at : {size_t{0}, size_t{1}, size_t{5}, size_t{27}, size_t{34}, size_t{50}, size_t{172}, size_t{174},
                          size_t{179}, size_t{201}, size_t{7350}, size_t{9978}, size_t{9979}}) {
            std::string damaged = pkl;
            damaged[at] = static_cast<char>(damaged[at] ^ 0xFF);
            QTest::newRow(qPrintable(QString("data.pkl byte %1 flipped").arg(at))) << repacked(damaged) << "";
        }
        for (size_t length : {size_t{1}, size_t{500}, size_t{7351}, size_t{9979}})
            QTest::newRow(qPrintable(QString("data.pkl truncated to %1 bytes").arg(length)))
                << repacked(pkl.substr(0, length)) << "data.pkl is cut off";
        {
            std::string os = pkl;
            const std::string global = "ccollections\nOrderedDict\n";
            QCOMPARE(os.find(global), size_t{2});
            os.replace(2, global.size(), "cos\nsystem\n");
            QTest::newRow("GLOBAL replaced by os system") << repacked(os) << "'os.system'";
        }
        {
            Records r = records;
            recordNamed(r, "data/0").resize(40);
            QTest::newRow("storage 0 shortened to 40 bytes")
                << qbytes(zipArchive(r)) << "storage '0' holds 40 bytes but its 12 Float elements need 48";
        }
        {
            Records r = records;
            r.erase(std::remove_if(r.begin(), r.end(), [](const auto& e) { return e.first == "data/5"; }), r.end());
            QTest::newRow("storage 5 missing") << qbytes(zipArchive(r)) << "storage '5' is missing";
        }
    }
    void rejectsDamagedFixture() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QVERIFY_THROWS_EXCEPTION(ModelFileError, readTorchStateDictFromBytes(sbytes(bytes), kLabel));
        const QString msg = QString::fromStdString(rejection(sbytes(bytes)));
        QVERIFY2(msg.startsWith(QString("'%1' is not a usable PyTorch checkpoint: ").arg(kLabel)), qPrintable(msg));
        QVERIFY2(msg.contains(expected), qPrintable(msg));
        QVERIFY2(!msg.contains('\n'), qPrintable(msg));
    }

    void survivesEveryDamageToASmallCheckpoint() {
        // Every byte of the pickle flipped three ways, the archive truncated at every length, and
        // random damage to the archive: each reads or throws ModelFileError (never anything else,
        // never a crash; this is what AddressSanitizer watches).
        const std::string pkl = stateDictPickle(syntheticItems());
        int accepted = 0, rejected = 0;
        const auto attempt = [&](const std::string& bytes) { (rejection(bytes).empty() ? accepted : rejected)++; };
        for (size_t at = 0; at < pkl.size(); ++at)
            for (int mask : {0xFF, 0x01, 0x80}) {
                std::string damaged = pkl;
                damaged[at] = static_cast<char>(damaged[at] ^ mask);
                attempt(zipArchive(syntheticRecords(damaged)));
            }
        const std::string archive = zipArchive(syntheticRecords(pkl));
        for (size_t length = 0; length < archive.size(); ++length) {
            const std::string cut = archive.substr(0, length);
            QVERIFY2(!rejection(cut).empty(), qPrintable(QString("truncated to %1 bytes it still reads").arg(length)));
        }
        std::mt19937_64 rng(2024);
        for (int i = 0; i < 3000; ++i) {
            std::string damaged = archive;
            const int hits = 1 + static_cast<int>(rng() % 4);
            for (int h = 0; h < hits; ++h) damaged[rng() % damaged.size()] = static_cast<char>(rng());
            attempt(damaged);
        }
        QVERIFY2(rejected > 0 && accepted > 0,
                 qPrintable(QString("%1 accepted, %2 rejected").arg(accepted).arg(rejected)));
    }

    void importRefusesAnArchitectureItHasNoWeightsFor() {
        // A 300 KB glow-pytorch-style state dict whose keys imply 8 levels x 64 steps with hidden
        // width 512 (the width from a real tensor, the depth from keys over one tiny storage):
        // built, that model takes over a gigabyte. The importer must compare shapes first.
        const std::vector<float> loc(4, 0.5f), wl(16, 0.1f), net0(512 * 2 * 9, 0.01f), net4(4 * 512 * 9, 0.f);
        PickleBytes items;
        items.str("blocks.0.flows.0.actnorm.loc").tensor("FloatStorage", "0", 4, 0, {1, 4, 1, 1}, {4, 1, 1, 1});
        items.str("blocks.0.flows.0.invconv.w_l").tensor("FloatStorage", "1", 16, 0, {4, 4}, {4, 1});
        items.str("blocks.0.flows.0.coupling.net.0.weight")
            .tensor("FloatStorage", "2", 9216, 0, {512, 2, 3, 3}, {18, 9, 3, 1});
        items.str("blocks.0.flows.0.coupling.net.4.conv.weight")
            .tensor("FloatStorage", "3", 18432, 0, {4, 512, 3, 3}, {4608, 9, 3, 1});
        items.str("blocks.0.flows.63.actnorm.loc").tensor("FloatStorage", "0", 4, 0, {1, 4, 1, 1}, {4, 1, 1, 1});
        items.str("blocks.7.flows.0.actnorm.loc").tensor("FloatStorage", "0", 4, 0, {1, 4, 1, 1}, {4, 1, 1, 1});
        const std::string archive = zipArchive({{"data.pkl", stateDictPickle(items.bytes())},
                                                {"data/0", storageBytes(loc)},
                                                {"data/1", storageBytes(wl)},
                                                {"data/2", storageBytes(net0)},
                                                {"data/3", storageBytes(net4)}});
        QTemporaryDir dir;
        const std::string file = dir.filePath("deep.pt").toStdString();
        std::ofstream(file, std::ios::binary) << archive;
        const double before = test::peakResidentMiB();
        try {
            importGlowPytorch(file, GlowImportOptions{256, 5});
            QFAIL("imported a checkpoint that lacks almost every weight");
        } catch (const ModelFileError& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("deep.pt") && msg.contains("'blocks.0.flows.0.actnorm.scale' is missing"), e.what());
            QVERIFY(!msg.contains('\n'));
        }
        QVERIFY2(test::peakResidentMiB() - before < 64,
                 qPrintable(QString("peak memory grew by %1 MiB").arg(test::peakResidentMiB() - before)));
    }

    void missingFileNamesIt() {
        try {
            readTorchStateDict("/nonexistent/dir/model.pt");
            QFAIL("no error for a missing file");
        } catch (const ModelFileError& e) {
            QVERIFY2(QString(e.what()).contains("/nonexistent/dir/model.pt"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestTorchCheckpointReader)
#include "test_torch_checkpoint_reader.moc"
