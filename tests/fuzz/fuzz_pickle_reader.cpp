// libFuzzer target: PickleReader over arbitrary bytes, with hooks that allow a few globals and
// build objects (as the state-dict reader's do), so GLOBAL, REDUCE, BINPERSID and BUILD all run.
// Bad input may only end in PickleError naming the pickle; the value run() returns is then walked
// so that AddressSanitizer sees any pointer into freed or foreign memory.

#include "fuzz_support.h"
#include "io/pickle_reader.h"

#include <string_view>
#include <unordered_set>
#include <vector>

using flowscope::PickleError;
using flowscope::PickleReader;
using flowscope::PickleValue;

namespace {

/// Lenient hooks: a few globals allowed; REDUCE and BINPERSID make objects holding their
/// arguments; BUILD merges a dict's state into a dict or keeps it on an object. The harness's
/// own growth is capped so that only the reader's caps are under test.
class FuzzHooks final : public flowscope::PickleHooks {
public:
    /// Refusals read like the reader's own errors, so every message starts with the name.
    [[noreturn]] static void refuse(const std::string& what) { throw PickleError("data.pkl " + what); }
    static constexpr size_t kMaxBuilt = 1u << 16;

    void checkGlobal(const std::string& module, const std::string& name) override {
        static const char* const allowed[][2] = {{"collections", "OrderedDict"},
                                                 {"torch._utils", "_rebuild_tensor_v2"},
                                                 {"torch._utils", "_rebuild_parameter"},
                                                 {"torch", "FloatStorage"},
                                                 {"torch", "LongStorage"}};
        for (const auto& a : allowed)
            if (module == a[0] && name == a[1]) return;
        refuse("asks for the global " + module + "." + name + ", which is refused");
    }

    PickleValue* reduce(PickleReader& reader, const PickleValue& callable, const PickleValue& args) override {
        FUZZ_CHECK(callable.kind == PickleValue::Kind::Global && args.kind == PickleValue::Kind::Tuple);
        if (callable.text == "collections") {
            if (!args.items.empty()) refuse("builds an OrderedDict from arguments");
            return reader.make(PickleValue::Kind::Dict);
        }
        PickleValue* v = reader.make(PickleValue::Kind::Object);
        v->text = callable.name;
        v->integer = m_objects++;
        v->items = args.items;
        return v;
    }

    PickleValue* persistentLoad(PickleReader& reader, const PickleValue& pid) override {
        if (pid.kind != PickleValue::Kind::Tuple || pid.items.empty())
            refuse("has a persistent id that is not a tuple");
        PickleValue* v = reader.make(PickleValue::Kind::Object);
        v->text = "storage";
        v->integer = m_objects++;
        v->items = pid.items;
        return v;
    }

    void build(PickleValue& target, const PickleValue& state) override {
        if (target.kind == PickleValue::Kind::Dict && state.kind == PickleValue::Kind::Dict) {
            if (target.entries.size() + state.entries.size() > kMaxBuilt) refuse("builds too large a dict");
            const auto copy = state.entries;  // state may be target itself
            target.entries.insert(target.entries.end(), copy.begin(), copy.end());
        } else if (target.kind == PickleValue::Kind::Object) {
            if (target.items.size() >= kMaxBuilt) refuse("builds too large an object");
            target.items.push_back(const_cast<PickleValue*>(&state));
        } else {
            refuse("sets the state of something that is neither a dict nor an object");
        }
    }

private:
    int64_t m_objects = 0;
};

/// Visits every value reachable from `root` once (cycles allowed), reading every field.
size_t walk(const PickleValue& root) {
    std::unordered_set<const PickleValue*> seen{&root};
    std::vector<const PickleValue*> pending{&root};
    size_t sum = 0;
    const auto visit = [&](const PickleValue* v) {
        FUZZ_CHECK(v != nullptr);
        if (seen.insert(v).second) pending.push_back(v);
    };
    while (!pending.empty()) {
        const PickleValue* v = pending.back();
        pending.pop_back();
        sum += static_cast<size_t>(v->kind) + v->text.size() + v->name.size() + static_cast<size_t>(v->integer);
        switch (v->kind) {
            case PickleValue::Kind::Bool:
                FUZZ_CHECK(v->integer == 0 || v->integer == 1);
                break;
            default:
                break;
        }
        for (const PickleValue* item : v->items) visit(item);
        for (const auto& [key, value] : v->entries) {
            visit(key);
            visit(value);
        }
    }
    return sum;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    FuzzHooks hooks;
    PickleReader reader(bytes, "data.pkl", hooks);
    flowscope::fuzz::expectOnly<PickleError>(
        [&] {
            volatile size_t sink = walk(reader.run());
            (void)sink;
        },
        [](const std::string& message) { FUZZ_CHECK(message.rfind("data.pkl ", 0) == 0); });
    return 0;
}
