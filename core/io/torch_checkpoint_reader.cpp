#include "io/torch_checkpoint_reader.h"

#include "io/atomic_file.h"
#include "io/crc32.h"
#include "io/model_file.h"
#include "io/pickle_reader.h"
#include "io/printable.h"
#include "io/zip_directory.h"

#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/versions.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
#include <new>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace flowscope {

namespace {

constexpr size_t kMaxFile = (4ull << 30) - 1;  // zip offsets stay 32-bit
constexpr uint64_t kMaxPickle = 64ull << 20;   // data.pkl
constexpr size_t kMaxRank = 8;
constexpr int64_t kMaxElements = int64_t{1} << 31;  // per tensor
constexpr uint64_t kMaxTotalBytes = 4ull << 30;     // all tensors read, after widening half
constexpr size_t kMaxStorageKey = 64;

struct StorageType {
    const char* name;
    torch::ScalarType type;
    uint64_t itemSize;
};
constexpr StorageType kStorageTypes[] = {{"FloatStorage", torch::kFloat32, 4}, {"DoubleStorage", torch::kFloat64, 8},
                                         {"HalfStorage", torch::kFloat16, 2},  {"BFloat16Storage", torch::kBFloat16, 2},
                                         {"LongStorage", torch::kInt64, 8},    {"IntStorage", torch::kInt32, 4},
                                         {"ShortStorage", torch::kInt16, 2},   {"CharStorage", torch::kInt8, 1},
                                         {"ByteStorage", torch::kUInt8, 1},    {"BoolStorage", torch::kBool, 1}};

const StorageType* storageType(const std::string& module, const std::string& name) {
    if (module != "torch") return nullptr;
    for (const auto& t : kStorageTypes)
        if (name == t.name) return &t;
    return nullptr;
}

/// "an integer", "a tensor", …: what a value is, for messages.
const char* describe(const PickleValue& v) {
    using K = PickleValue::Kind;
    switch (v.kind) {
        case K::None:
            return "None";
        case K::Bool:
            return "a boolean";
        case K::Int:
            return "an integer";
        case K::Float:
            return "a float";
        case K::String:
            return "a string";
        case K::Tuple:
            return "a tuple";
        case K::List:
            return "a list";
        case K::Dict:
            return "a dict";
        case K::Global:
            return "a Python global";
        case K::Object:
            return v.text == "tensor" ? "a tensor" : "a storage";
    }
    return "a value";
}

/// The first line of a LibTorch message, without its "[enforce fail at file:line] . " prefix.
std::string firstLine(const std::string& s) {
    std::string line = s.substr(0, s.find('\n'));
    if (line.rfind("[enforce fail at ", 0) == 0 && line.find("] ") != std::string::npos)
        line = line.substr(line.find("] ") + 2);
    if (line.rfind(". ", 0) == 0) line = line.substr(2);
    while (!line.empty() && (line.back() == ' ' || line.back() == '.' || line.back() == '\r')) line.pop_back();
    return printable(line);
}

/// ReadAdapterInterface over bytes in memory that, unlike LibTorch's MemoryReadAdapter, never
/// reads past the end: a read there returns fewer bytes, which miniz reports as an error.
class BytesReadAdapter final : public caffe2::serialize::ReadAdapterInterface {
public:
    explicit BytesReadAdapter(std::string_view bytes) : m_bytes(bytes) {}
    size_t size() const override { return m_bytes.size(); }
    size_t read(uint64_t pos, void* buf, size_t n, const char* /*what*/) const override {
        if (pos >= m_bytes.size()) return 0;
        const size_t count = std::min<uint64_t>(n, m_bytes.size() - pos);
        std::memcpy(buf, m_bytes.data() + pos, count);
        return count;
    }

private:
    std::string_view m_bytes;
};

/// The rules of a torch.save state dict, as PickleHooks: which globals may appear, how
/// OrderedDict(), _rebuild_tensor_v2(...) and _rebuild_parameter(...) evaluate, and how a
/// storage's persistent id loads it. In a zip archive, ('storage', type, key, location, numel)
/// loads `<root>/data/<key>` at once (once per key, size and CRC-32 checked); in a legacy file,
/// ('storage', type, key, location, numel, None) only declares it, and attachLegacyStorage
/// gives it its bytes after the pickle. Tensors are only described here (storage, offset, size,
/// stride); tensorFor builds one, with its state-dict name in any error.
class StateDictHooks final : public PickleHooks {
public:
    /// A zip archive's hooks.
    StateDictHooks(std::string prefix, caffe2::serialize::PyTorchStreamReader& zip,
                   const std::unordered_map<std::string, const ZipEntry*>& records)
        : m_prefix(std::move(prefix)), m_zip(&zip), m_records(&records) {}
    /// A legacy file's hooks: storages arrive through attachLegacyStorage.
    explicit StateDictHooks(std::string prefix) : m_prefix(std::move(prefix)) {}

    [[noreturn]] void fail(const std::string& what) const { throw ModelFileError(m_prefix + what); }

    /// Reads a record through PyTorchStreamReader, checking its size and CRC-32 against the
    /// directory already validated.
    at::DataPtr readRecord(const std::string& name, const std::string& shown) {
        const auto it = m_records->find(name);
        if (it == m_records->end()) fail(shown + " is missing from the archive");
        auto [data, size] = m_zip->getRecord(name);
        if (size != it->second->size)
            fail(shown + " reads back as " + std::to_string(size) + " bytes instead of " +
                 std::to_string(it->second->size));
        if (size > 0 && crc32(data.get(), size) != it->second->crc32)
            fail(shown + " fails its CRC-32 check (the file is damaged)");
        return std::move(data);
    }

    void checkGlobal(const std::string& module, const std::string& name) override {
        if ((module == "collections" && name == "OrderedDict") ||
            (module == "torch._utils" && (name == "_rebuild_tensor_v2" || name == "_rebuild_parameter")) ||
            storageType(module, name))
            return;
        fail("its pickle asks for the Python global '" + module + "." + name +
             "', which a state dict never contains (refused)");
    }

    PickleValue* reduce(PickleReader& reader, const PickleValue& callable, const PickleValue& args) override {
        const std::string& module = callable.text;
        const std::string& name = callable.name;
        if (module == "collections" && name == "OrderedDict") {
            if (!args.items.empty())
                fail("its pickle builds an OrderedDict from arguments, which torch.save never writes");
            return reader.make(PickleValue::Kind::Dict);
        }
        if (module == "torch._utils" && name == "_rebuild_tensor_v2") return rebuildTensor(reader, args);
        if (module == "torch._utils" && name == "_rebuild_parameter") {
            if (args.items.size() != 3 || !args.items[0]->isObject("tensor"))
                fail("its pickle calls _rebuild_parameter without a tensor and two further arguments");
            return args.items[0];
        }
        fail("its pickle calls '" + module + "." + name + "', which torch.save never calls");
    }

    PickleValue* persistentLoad(PickleReader& reader, const PickleValue& pid) override {
        using K = PickleValue::Kind;
        const auto& f = pid.items;
        const size_t fields = m_zip ? 5 : 6;  // legacy ids end with view metadata
        if (pid.kind != K::Tuple || f.size() != fields || f[0]->kind != K::String || f[0]->text != "storage" ||
            f[1]->kind != K::Global || f[2]->kind != K::String || f[3]->kind != K::String || f[4]->kind != K::Int)
            fail(m_zip ? "its pickle has a persistent id that is not ('storage', type, key, location, size)"
                       : "its pickle has a persistent id that is not ('storage', type, key, location, size, view)");
        if (!m_zip && f[5]->kind != K::None)
            fail("its pickle has a storage view, which only PyTorch before 0.4 wrote (not supported)");
        const StorageType* type = storageType(f[1]->text, f[1]->name);
        if (!type) fail("its pickle has a storage of type '" + f[1]->text + "." + f[1]->name + "'");
        const std::string& key = f[2]->text;
        const bool keyOk = !key.empty() && key.size() <= kMaxStorageKey &&
                           key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
                               std::string::npos;
        if (!keyOk) fail("its pickle names a storage with an invalid key '" + printable(key) + "'");
        const std::string shown = "storage '" + key + "'";
        const int64_t numel = f[4]->integer;

        size_t index;
        const auto known = m_storageByKey.find(key);
        if (known != m_storageByKey.end()) {
            index = known->second;
            if (m_storages[index].type != type || m_storages[index].numel != numel)
                fail(shown + " is declared twice with different types or sizes");
        } else if (!m_zip) {
            if (numel < 0) fail(shown + " declares a negative size");
            uint64_t needed;
            if (__builtin_mul_overflow(static_cast<uint64_t>(numel), type->itemSize, &needed) ||
                needed > kMaxTotalBytes)
                fail(shown + " declares " + std::to_string(numel) + " elements, more than a checkpoint may hold");
            index = m_storages.size();
            m_storages.push_back(Storage{key, type, numel, at::DataPtr()});
            m_storageByKey.emplace(key, index);
        } else {
            const auto it = m_records->find("data/" + key);
            if (it == m_records->end()) fail(shown + " is missing from the archive");
            const uint64_t bytes = it->second->size;
            if (numel < 0) fail(shown + " declares a negative size");
            uint64_t needed;
            if (__builtin_mul_overflow(static_cast<uint64_t>(numel), type->itemSize, &needed) || needed != bytes)
                fail(shown + " holds " + std::to_string(bytes) + " bytes but its " + std::to_string(numel) + " " +
                     c10::toString(type->type) + " elements need " +
                     (needed / type->itemSize == static_cast<uint64_t>(numel) ? std::to_string(needed)
                                                                              : "more than 2^64"));
            Storage s{key, type, numel, readRecord("data/" + key, shown)};
            m_storedBytes += bytes;
            if (type->type == torch::kBool) {
                const auto* p = static_cast<const unsigned char*>(s.data.get());
                for (int64_t i = 0; i < numel; ++i)
                    if (p[i] > 1) fail(shown + " holds a boolean that is neither 0 nor 1");
            }
            index = m_storages.size();
            m_storages.push_back(std::move(s));
            m_storageByKey.emplace(key, index);
        }
        PickleValue* v = reader.make(K::Object);
        v->text = "storage";
        v->integer = static_cast<int64_t>(index);
        return v;
    }

    void build(PickleValue& target, const PickleValue& /*state*/) override {
        // torch.save gives the state dict its `_metadata` (module versions) this way; ignore it.
        if (target.kind != PickleValue::Kind::Dict)
            fail("its pickle sets the state of " + std::string(describe(target)));
    }

    /// Storages declared by the pickle, in declaration order (legacy files).
    size_t storageCount() const { return m_storages.size(); }
    /// Whether the pickle declared storage `key`.
    bool isDeclared(const std::string& key) const { return m_storageByKey.count(key) > 0; }
    /// A legacy file's storage bytes: `numel` elements at `data` (which must outlive the
    /// hooks), which must match the declaration; each key once.
    void attachLegacyStorage(const std::string& key, int64_t numel, const char* data, uint64_t bytes) {
        const std::string shown = "storage '" + printable(key) + "'";
        const auto it = m_storageByKey.find(key);
        if (it == m_storageByKey.end()) fail("it stores " + shown + ", which its pickle never uses");
        Storage& s = m_storages[it->second];
        if (s.data) fail("it stores " + shown + " twice");
        if (numel != s.numel)
            fail(shown + " is stored with " + std::to_string(numel) + " elements but declared with " +
                 std::to_string(s.numel));
        if (bytes != static_cast<uint64_t>(numel) * s.type->itemSize) fail(shown + " has the wrong byte count");
        if (s.type->type == torch::kBool)
            for (uint64_t i = 0; i < bytes; ++i)
                if (static_cast<unsigned char>(data[i]) > 1) fail(shown + " holds a boolean that is neither 0 nor 1");
        s.data = at::DataPtr(const_cast<char*>(data), at::kCPU);  // not owned: the file's bytes
        m_storedBytes += bytes;
    }
    /// The number of bytes the declared storage `key` needs, for bounds checks before reading.
    uint64_t declaredBytes(const std::string& key) const {
        const Storage& s = m_storages[m_storageByKey.at(key)];
        return static_cast<uint64_t>(s.numel) * s.type->itemSize;
    }

    /// The tensor a "tensor" object describes, as `name` in the state dict.
    torch::Tensor tensorFor(const PickleValue& object, const std::string& name) {
        const Spec& spec = m_specs[static_cast<size_t>(object.integer)];
        const Storage& storage = m_storages[spec.storage];
        if (!storage.data && storage.numel > 0)
            fail("tensor '" + printable(name) + "' uses storage '" + storage.key + "', which the file never stores");
        const std::string shown = "tensor '" + printable(name) + "'";
        std::vector<int64_t> sizes, strides;
        if (spec.size->items.size() > kMaxRank)
            fail(shown + " has " + std::to_string(spec.size->items.size()) + " dimensions, more than " +
                 std::to_string(kMaxRank));
        if (spec.stride->items.size() != spec.size->items.size())
            fail(shown + " has " + std::to_string(spec.size->items.size()) + " sizes but " +
                 std::to_string(spec.stride->items.size()) + " strides");
        int64_t count = 1;
        for (size_t d = 0; d < spec.size->items.size(); ++d) {
            const PickleValue* s = spec.size->items[d];
            const PickleValue* st = spec.stride->items[d];
            if (s->kind != PickleValue::Kind::Int || st->kind != PickleValue::Kind::Int)
                fail(shown + " has a size or stride that is not an integer");
            if (s->integer < 0 || st->integer < 0) fail(shown + " has a negative size or stride");
            if (s->integer > kMaxElements || __builtin_mul_overflow(count, s->integer, &count) || count > kMaxElements)
                fail(shown + " has more than 2^31 elements");
            sizes.push_back(s->integer);
            strides.push_back(st->integer);
        }
        if (spec.offset < 0 || spec.offset > storage.numel)
            fail(shown + " starts at element " + std::to_string(spec.offset) + " of storage '" + storage.key +
                 "', which holds " + std::to_string(storage.numel));
        if (count > 0) {
            int64_t last = spec.offset;  // index of the tensor's last element in the storage
            for (size_t d = 0; d < sizes.size(); ++d) {
                int64_t reach;
                if (__builtin_mul_overflow(sizes[d] - 1, strides[d], &reach) ||
                    __builtin_add_overflow(last, reach, &last))
                    fail(shown + " has sizes and strides that overflow");
            }
            if (last >= storage.numel)
                fail(shown + " reaches element " + std::to_string(last) + " of storage '" + storage.key +
                     "', which holds only " + std::to_string(storage.numel));
        }
        // A state dict's tensors are views of their own storage; one that repeats elements
        // (a zero stride) would let a few stored bytes claim gigabytes once made contiguous.
        if (count > storage.numel)
            fail(shown + " has " + std::to_string(count) + " elements but its storage '" + storage.key +
                 "' holds only " + std::to_string(storage.numel) + " (overlapping strides are not supported)");
        const bool widen = storage.type->type == torch::kFloat16 || storage.type->type == torch::kBFloat16;
        const uint64_t outBytes = static_cast<uint64_t>(count) * (widen ? 4 : storage.type->itemSize);
        if (outBytes > kMaxTotalBytes - m_totalBytes)
            fail("its tensors need more than " + std::to_string(kMaxTotalBytes >> 30) + " GiB (at " + shown + ")");
        // Many tensors viewing one storage could still multiply it: what we hand out stays
        // within a small multiple of what the file stores (widened halves count twice).
        if (m_totalBytes + outBytes > 4 * m_storedBytes + (1u << 20))
            fail("its tensors claim " + std::to_string(m_totalBytes + outBytes) + " bytes from " +
                 std::to_string(m_storedBytes) + " stored bytes (at " + shown + ")");
        m_totalBytes += outBytes;

        const auto options = torch::TensorOptions().dtype(storage.type->type);
        torch::Tensor t;
        if (count == 0) {
            t = torch::empty(sizes, options);
        } else {
            t = torch::from_blob(storage.data.get(), {storage.numel}, options)
                    .as_strided(sizes, strides, spec.offset)
                    .clone(at::MemoryFormat::Contiguous);
        }
        if (widen) t = t.to(torch::kFloat32);
        if (t.is_floating_point() && count > 0 && !torch::isfinite(t).all().item<bool>())
            fail(shown + " holds NaN or infinite values");
        return t;
    }

private:
    struct Storage {
        std::string key;
        const StorageType* type;
        int64_t numel;
        at::DataPtr data;
    };
    /// _rebuild_tensor_v2's arguments, checked when the tensor is built.
    struct Spec {
        size_t storage;
        int64_t offset;
        const PickleValue* size;
        const PickleValue* stride;
    };

    PickleValue* rebuildTensor(PickleReader& reader, const PickleValue& args) {
        using K = PickleValue::Kind;
        const auto& a = args.items;
        // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if ((a.size() != 6 && a.size() != 7) || !a[0]->isObject("storage") || a[1]->kind != K::Int ||
            a[2]->kind != K::Tuple || a[3]->kind != K::Tuple || a[4]->kind != K::Bool || a[5]->kind != K::Dict ||
            (a.size() == 7 && a[6]->kind != K::None && a[6]->kind != K::Dict))
            fail(
                "its pickle calls _rebuild_tensor_v2 with arguments that are not "
                "(storage, offset, size, stride, requires_grad, hooks)");
        if (!a[5]->entries.empty()) fail("its pickle gives a tensor backward hooks, which a state dict never has");
        m_specs.push_back({static_cast<size_t>(a[0]->integer), a[1]->integer, a[2], a[3]});
        PickleValue* v = reader.make(K::Object);
        v->text = "tensor";
        v->integer = static_cast<int64_t>(m_specs.size() - 1);
        return v;
    }

    std::string m_prefix;
    caffe2::serialize::PyTorchStreamReader* m_zip = nullptr;                      // null: legacy
    const std::unordered_map<std::string, const ZipEntry*>* m_records = nullptr;  // null: legacy
    std::vector<Storage> m_storages;
    std::unordered_map<std::string, size_t> m_storageByKey;
    std::vector<Spec> m_specs;
    uint64_t m_totalBytes = 0;   // bytes of the tensors handed out so far
    uint64_t m_storedBytes = 0;  // bytes of the distinct storages read so far
};

/// What the pickle's top-level dict may hold.
enum class Layout {
    StateDict,   ///< string → tensor only
    TensorTree,  ///< string or int → tensor or nested dict; other leaves are skipped
};

std::vector<NamedTensor> collect(const PickleValue& dict, StateDictHooks& hooks, const std::string& prefix,
                                 Layout layout);

/// The zip format (PyTorch 1.6 and later).
std::vector<NamedTensor> readZip(const std::string& bytes, const std::string& prefix, Layout layout) {
    const auto fail = [&](const std::string& why) { return ModelFileError(prefix + why); };

    const std::vector<ZipEntry> entries = readStoredZipDirectory(bytes);
    const std::string root = entries.front().name.substr(0, entries.front().name.find('/') + 1);
    std::unordered_map<std::string, const ZipEntry*> records;  // by name inside the root folder
    for (const auto& e : entries) records.emplace(e.name.substr(root.size()), &e);
    const auto pkl = records.find("data.pkl");
    if (pkl == records.end()) throw fail("it has no data.pkl, so it was not written by torch.save");
    if (pkl->second->size > kMaxPickle)
        throw fail("its data.pkl is " + std::to_string(pkl->second->size) + " bytes, more than the " +
                   std::to_string(kMaxPickle) + " a state dict needs");

    // PyTorchStreamReader parses the version record with std::stoull; give it only digits.
    // Everything its constructor checks is checked before, as it leaks when it throws.
    auto version = records.find(".data/version");  // PyTorchStreamReader's order
    if (version == records.end()) version = records.find("version");
    if (version == records.end()) throw fail("it has no version record, so it was not written by torch.save");
    const std::string versionText = bytes.substr(version->second->dataOffset, version->second->size);
    if (crc32(versionText.data(), versionText.size()) != version->second->crc32)
        throw fail("its version record fails its CRC-32 check (the file is damaged)");
    const size_t digits = std::min(versionText.find_first_not_of("0123456789"), versionText.size());
    if (digits == 0 || digits > 4 || (digits < versionText.size() && versionText.substr(digits) != "\n"))
        throw fail("its version record is not a small decimal number");
    const uint64_t formatVersion = std::stoull(versionText.substr(0, digits));
    if (formatVersion < caffe2::serialize::kMinSupportedFileFormatVersion ||
        formatVersion > caffe2::serialize::kMaxSupportedFileFormatVersion)
        throw fail("it has archive format version " + std::to_string(formatVersion) +
                   ", but this LibTorch reads versions " +
                   std::to_string(caffe2::serialize::kMinSupportedFileFormatVersion) + " to " +
                   std::to_string(caffe2::serialize::kMaxSupportedFileFormatVersion));

    caffe2::serialize::PyTorchStreamReader zip(std::make_shared<BytesReadAdapter>(bytes));
    StateDictHooks hooks(prefix, zip, records);
    const at::DataPtr pickleData = hooks.readRecord("data.pkl", "data.pkl");
    PickleReader pickle(std::string_view(static_cast<const char*>(pickleData.get()), pkl->second->size), "data.pkl",
                        hooks);
    return collect(pickle.run(), hooks, prefix, layout);
}

/// The legacy format (PyTorch before 1.6; torch.save's _legacy_save): five things back to
/// back — a pickled magic number, a pickled protocol version (1001), a pickled dict of system
/// information, the pickled object whose storages are persistent ids, a pickled list of the
/// storage keys — then, for each key in that list, the storage's element count (int64,
/// little-endian) and its raw little-endian bytes.
std::vector<NamedTensor> readLegacy(const std::string& bytes, const std::string& prefix, Layout layout) {
    const auto fail = [&](const std::string& why) { return ModelFileError(prefix + why); };
    // pickle.dumps(0x1950a86a20f9469cfc6c, protocol=2): PROTO 2, LONG1 of 10 bytes, STOP.
    static const std::string kMagic("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15);
    if (bytes.compare(0, kMagic.size(), kMagic) != 0)
        throw fail("it is a pickle but not one torch.save wrote (no torch.save magic number)");
    size_t pos = kMagic.size();
    const std::string_view all(bytes);

    /// Plain data only: no globals, no persistent ids (the header pickles and the key list).
    struct PlainHooks final : PickleHooks {
        void checkGlobal(const std::string& m, const std::string& n) override {
            throw PickleError("asks for the Python global '" + printable(m + "." + n) + "' in its header (refused)");
        }
        PickleValue* reduce(PickleReader&, const PickleValue&, const PickleValue&) override {
            throw PickleError("calls a function in its header (refused)");
        }
        PickleValue* persistentLoad(PickleReader&, const PickleValue&) override {
            throw PickleError("has a persistent id in its header (refused)");
        }
        void build(PickleValue&, const PickleValue&) override { throw PickleError("builds an object in its header"); }
    } plain;
    std::deque<PickleReader> readers;  // values stay valid while their reader lives
    auto next = [&](const char* what, PickleHooks& hooks) -> const PickleValue& {
        if (pos >= bytes.size()) throw fail(std::string("it ends before its ") + what);
        readers.emplace_back(all.substr(pos), what, hooks);
        size_t used = 0;
        const PickleValue& v = readers.back().runPrefix(&used);
        pos += used;
        return v;
    };
    const PickleValue& protocol = next("protocol version", plain);
    if (protocol.kind != PickleValue::Kind::Int || protocol.integer != 1001)
        throw fail("its legacy protocol version is not 1001, the one torch.save writes");
    const PickleValue& info = next("system information", plain);
    if (info.kind != PickleValue::Kind::Dict) throw fail("its system information is not a dict");
    for (const auto& [k, v] : info.entries)
        if (k->kind == PickleValue::Kind::String && k->text == "little_endian" &&
            !(v->kind == PickleValue::Kind::Bool && v->integer == 1))
            throw fail("it was saved on a big-endian machine, which FlowScope does not read");

    StateDictHooks hooks(prefix);
    const PickleValue& object = next("data", hooks);
    const PickleValue& keys = next("storage key list", plain);
    if (keys.kind != PickleValue::Kind::List) throw fail("its storage key list is not a list");
    if (keys.items.size() != hooks.storageCount())
        throw fail("its storage key list names " + std::to_string(keys.items.size()) + " storages, its data uses " +
                   std::to_string(hooks.storageCount()));
    for (const PickleValue* key : keys.items) {
        if (key->kind != PickleValue::Kind::String)
            throw fail("its storage key list holds something that is not a string");
        if (!hooks.isDeclared(key->text))
            throw fail("its storage key list names '" + printable(key->text) + "', which its data never uses");
        const std::string shown = "storage '" + printable(key->text) + "'";
        if (bytes.size() - pos < 8) throw fail("it ends before " + shown + " (the file is truncated)");
        int64_t numel = 0;
        std::memcpy(&numel, bytes.data() + pos, 8);  // little-endian, as checked above
        pos += 8;
        const uint64_t size = hooks.declaredBytes(key->text);
        if (numel < 0) throw fail(shown + " is stored with a negative size");
        if (bytes.size() - pos < size)
            throw fail(shown + " needs " + std::to_string(size) + " bytes but only " +
                       std::to_string(bytes.size() - pos) + " remain (the file is truncated)");
        hooks.attachLegacyStorage(key->text, numel, bytes.data() + pos, size);
        pos += size;
    }
    if (pos != bytes.size())
        throw fail("it has " + std::to_string(bytes.size() - pos) + " stray byte(s) after its last storage");
    return collect(object, hooks, prefix, layout);
}

std::vector<NamedTensor> readChecked(const std::string& bytes, const std::string& prefix, Layout layout) {
    const auto fail = [&](const std::string& why) { return ModelFileError(prefix + why); };
    if (bytes.empty()) throw fail("the file is empty");
    if (static_cast<unsigned char>(bytes[0]) == 0x80) return readLegacy(bytes, prefix, layout);
    if (bytes.compare(0, 4, "PK\x03\x04") != 0)
        throw fail("it is neither a zip archive nor a legacy pickle, the two formats torch.save writes");
    return readZip(bytes, prefix, layout);
}

std::vector<NamedTensor> collect(const PickleValue& dict, StateDictHooks& hooks, const std::string& prefix,
                                 Layout layout) {
    const auto fail = [&](const std::string& why) { return ModelFileError(prefix + why); };
    if (dict.kind != PickleValue::Kind::Dict)
        throw fail("its pickle holds " + std::string(describe(dict)) + ", not a state dict of tensors");
    if (dict.entries.empty()) throw fail("its state dict holds no tensors");
    std::vector<NamedTensor> out;
    std::unordered_set<std::string> seen;
    if (layout == Layout::StateDict) {
        for (size_t i = 0; i < dict.entries.size(); ++i) {
            const auto& [key, value] = dict.entries[i];
            if (key->kind != PickleValue::Kind::String)
                throw fail("key number " + std::to_string(i + 1) + " of its state dict is " + describe(*key) +
                           ", not a string");
            if (!seen.insert(key->text).second) throw fail("its state dict lists '" + printable(key->text) + "' twice");
            if (!value->isObject("tensor"))
                throw fail("entry '" + printable(key->text) + "' of its state dict is " + describe(*value) +
                           ", not a tensor");
            out.push_back({key->text, hooks.tensorFor(*value, key->text)});
        }
        return out;
    }
    // A tree of dicts: walk it with an explicit stack (a hostile pickle may nest deeply or build
    // cycles; the depth cap ends both).
    struct Pending {
        const PickleValue* dict;
        std::string path;
        int depth;
    };
    std::vector<Pending> pending{{&dict, "", 0}};
    while (!pending.empty()) {
        const Pending p = pending.back();
        pending.pop_back();
        if (p.depth > 16) throw fail("its dicts nest more than 16 deep");
        for (const auto& [key, value] : p.dict->entries) {
            std::string k;
            if (key->kind == PickleValue::Kind::String)
                k = key->text;
            else if (key->kind == PickleValue::Kind::Int)
                k = std::to_string(key->integer);
            else
                continue;
            const std::string name = p.path.empty() ? k : p.path + "." + k;
            if (value->isObject("tensor")) {
                if (!seen.insert(name).second) throw fail("it holds '" + printable(name) + "' twice");
                out.push_back({name, hooks.tensorFor(*value, name)});
            } else if (value->kind == PickleValue::Kind::Dict) {
                pending.push_back({value, name, p.depth + 1});
            }
        }
    }
    if (out.empty()) throw fail("it holds no tensors");
    return out;
}

}  // namespace

namespace {

std::vector<NamedTensor> readGuarded(const std::string& bytes, const std::string& label, Layout layout) {
    const std::string prefix = "'" + label + "' is not a usable PyTorch checkpoint: ";
    try {
        return readChecked(bytes, prefix, layout);
    } catch (const ModelFileError&) {
        throw;
    } catch (const ZipFormatError& e) {
        throw ModelFileError(prefix + e.what());
    } catch (const PickleError& e) {
        throw ModelFileError(prefix + e.what());
    } catch (const c10::Error& e) {
        throw ModelFileError(prefix + "LibTorch's zip reader rejects it (" + firstLine(e.what_without_backtrace()) +
                             ")");
    } catch (const std::bad_alloc&) {
        throw ModelFileError(prefix + "reading it needs more memory than is available");
    } catch (const std::exception& e) {
        throw ModelFileError(prefix + firstLine(e.what()));
    }
}

std::string readFileForTorch(const std::string& path) {
    try {
        return readWholeFile(path, kMaxFile);
    } catch (const std::exception& e) {
        throw ModelFileError(e.what());
    }
}

}  // namespace

std::vector<NamedTensor> readTorchStateDictFromBytes(const std::string& bytes, const std::string& label) {
    return readGuarded(bytes, label, Layout::StateDict);
}

std::vector<NamedTensor> readTorchStateDict(const std::string& path) {
    return readGuarded(readFileForTorch(path), path, Layout::StateDict);
}

std::vector<NamedTensor> readTorchTensorTree(const std::string& path) {
    return readGuarded(readFileForTorch(path), path, Layout::TensorTree);
}

}  // namespace flowscope
