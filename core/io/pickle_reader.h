#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace flowscope {

/// Malformed or disallowed pickle data; the message is a clause ("data.pkl reads memo entry 5,
/// which was never stored (byte 2)") for the caller to put after the file's name.
class PickleError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One value of the pickle machine. Values live in the PickleReader's arena and refer to each
/// other by plain pointers, so a hostile pickle that builds a cycle (a list appended to itself)
/// leaks nothing and crashes nothing: nothing here walks values recursively.
struct PickleValue {
    enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Object };
    Kind kind = Kind::None;
    int64_t integer = 0;              ///< Bool (0 or 1), Int; Object: the hooks' handle
    double real = 0;                  ///< Float
    std::string text;                 ///< String (UTF-8 or raw bytes); Global: module; Object: the hooks' type tag
    std::string name;                 ///< Global: the name inside the module
    std::vector<PickleValue*> items;  ///< Tuple, List
    std::vector<std::pair<PickleValue*, PickleValue*>> entries;  ///< Dict, in insertion order, duplicate keys kept

    bool isObject(std::string_view tag) const { return kind == Kind::Object && text == tag; }
};

class PickleReader;

/// What a pickle may build beyond plain data, decided by the caller (Python's find_class,
/// persistent_load and __reduce__ / __setstate__ in one place). Each throws PickleError (or any
/// exception) to refuse; values it returns come from PickleReader::make.
class PickleHooks {
public:
    virtual ~PickleHooks() = default;
    /// GLOBAL module name: return normally to allow it.
    virtual void checkGlobal(const std::string& module, const std::string& name) = 0;
    /// REDUCE: `callable` (a Global the hooks allowed) applied to `args` (a Tuple).
    virtual PickleValue* reduce(PickleReader& reader, const PickleValue& callable, const PickleValue& args) = 0;
    /// BINPERSID: the object a persistent id refers to.
    virtual PickleValue* persistentLoad(PickleReader& reader, const PickleValue& pid) = 0;
    /// BUILD: give `target` the state `state`.
    virtual void build(PickleValue& target, const PickleValue& state) = 0;
};

/// A strict interpreter for the binary pickle subset torch.save writes (protocol 2): PROTO,
/// GLOBAL, the memo (BINPUT/LONG_BINPUT/BINGET/LONG_BINGET), MARK, tuples, lists, dicts,
/// strings, ints, floats, booleans, None, REDUCE, BINPERSID, BUILD and STOP. Any other opcode is
/// an error, not a guess. Every read is bounds-checked and every resource is capped (stack
/// depth, MARK nesting, memo entries, string length, values), so hostile bytes end in a
/// PickleError naming the byte offset, never in a crash or an unbounded allocation. Nothing is
/// executed: GLOBAL, REDUCE, BINPERSID and BUILD go through PickleHooks.
class PickleReader {
public:
    // A large Glow state dict (4 levels × 32 steps) builds ~60k values, stacks ≤ 2k (SETITEMS
    // batches of 1000) and nests MARK 3 deep; the caps leave ample room and bound the memory
    // a hostile pickle can claim to ~150 MiB.
    static constexpr size_t kMaxStack = 1u << 18;
    static constexpr size_t kMaxMarks = 256;
    static constexpr size_t kMaxMemo = 1u << 20;
    static constexpr size_t kMaxValues = 1u << 20;
    static constexpr size_t kMaxString = 1u << 20;

    /// `bytes` must outlive the reader; `name` ("data.pkl") starts every error message.
    PickleReader(std::string_view bytes, std::string name, PickleHooks& hooks);

    /// Runs the pickle to STOP (which must be the last byte, with one value on the stack and no
    /// open MARK) and returns that value, valid while the reader lives.
    const PickleValue& run();
    /// The same, but the pickle may be followed by other data (legacy torch.save files hold
    /// several pickles and raw storages back to back): stops at the first STOP and sets
    /// `*consumed` to the bytes read, STOP included.
    const PickleValue& runPrefix(size_t* consumed);

    /// A fresh value owned by the reader (counts against kMaxValues).
    PickleValue* make(PickleValue::Kind kind);

private:
    [[noreturn]] void fail(const std::string& what) const;
    const char* take(size_t n, const char* opcode);
    uint64_t takeLE(int bytes, const char* opcode);
    std::string takeLine(const char* opcode);
    std::string takeString(uint64_t length, const char* opcode);
    void push(PickleValue* v);
    PickleValue* pop(const char* opcode);
    PickleValue* top(const char* opcode) const;
    std::vector<PickleValue*> popToMark(const char* opcode);
    void memoPut(uint64_t index, const char* opcode);
    void memoGet(uint64_t index);
    void setItems(PickleValue* dict, const std::vector<PickleValue*>& flat, const char* opcode);

    std::string_view m_bytes;
    std::string m_name;
    PickleHooks& m_hooks;
    size_t m_pos = 0;
    size_t m_opStart = 0;
    bool m_allowTrailing = false;
    std::deque<PickleValue> m_arena;
    std::vector<PickleValue*> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint64_t, PickleValue*> m_memo;
};

}  // namespace flowscope
