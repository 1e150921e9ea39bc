#include "io/pickle_reader.h"

#include <cstring>

namespace flowscope {

namespace {

constexpr size_t kMaxLine = 256;  // GLOBAL module and name lines

bool isUtf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t more = 0;
        if (c < 0x80)
            more = 0;
        else if (c >= 0xC2 && c <= 0xDF)
            more = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            more = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            more = 3;
        else
            return false;
        if (s.size() - i - 1 < more) return false;
        for (size_t k = 1; k <= more; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += more + 1;
    }
    return true;
}

std::string opcodeName(unsigned char op) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", op);
    return buf;
}

}  // namespace

PickleReader::PickleReader(std::string_view bytes, std::string name, PickleHooks& hooks)
    : m_bytes(bytes), m_name(std::move(name)), m_hooks(hooks) {}

void PickleReader::fail(const std::string& what) const {
    throw PickleError(m_name + " " + what + " (byte " + std::to_string(m_opStart) + ")");
}

PickleValue* PickleReader::make(PickleValue::Kind kind) {
    if (m_arena.size() >= kMaxValues) fail("builds more than " + std::to_string(kMaxValues) + " values");
    m_arena.emplace_back();
    m_arena.back().kind = kind;
    return &m_arena.back();
}

const char* PickleReader::take(size_t n, const char* opcode) {
    if (n > m_bytes.size() - m_pos) fail(std::string("is cut off in the middle of ") + opcode);
    const char* p = m_bytes.data() + m_pos;
    m_pos += n;
    return p;
}

uint64_t PickleReader::takeLE(int bytes, const char* opcode) {
    const auto* p = reinterpret_cast<const unsigned char*>(take(static_cast<size_t>(bytes), opcode));
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
    return v;
}

std::string PickleReader::takeLine(const char* opcode) {
    std::string line;
    for (;;) {
        const char c = *take(1, opcode);
        if (c == '\n') break;
        if (line.size() >= kMaxLine)
            fail(std::string(opcode) + " has a line longer than " + std::to_string(kMaxLine) + " characters");
        if (c < 0x20 || c > 0x7E) fail(std::string(opcode) + " has a non-printable character in its name");
        line.push_back(c);
    }
    return line;
}

std::string PickleReader::takeString(uint64_t length, const char* opcode) {
    if (length > kMaxString)
        fail(std::string(opcode) + " declares a " + std::to_string(length) + "-byte string, more than the " +
             std::to_string(kMaxString) + " allowed");
    const char* p = take(static_cast<size_t>(length), opcode);
    return std::string(p, static_cast<size_t>(length));
}

void PickleReader::push(PickleValue* v) {
    if (m_stack.size() >= kMaxStack) fail("grows its stack past " + std::to_string(kMaxStack) + " values");
    m_stack.push_back(v);
}

PickleValue* PickleReader::top(const char* opcode) const {
    const size_t fence = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= fence) fail(std::string(opcode) + " needs a value but the stack is empty");
    return m_stack.back();
}

PickleValue* PickleReader::pop(const char* opcode) {
    PickleValue* v = top(opcode);
    m_stack.pop_back();
    return v;
}

std::vector<PickleValue*> PickleReader::popToMark(const char* opcode) {
    if (m_marks.empty()) fail(std::string(opcode) + " has no MARK to pop to");
    const size_t mark = m_marks.back();
    m_marks.pop_back();
    std::vector<PickleValue*> items(m_stack.begin() + static_cast<std::ptrdiff_t>(mark), m_stack.end());
    m_stack.resize(mark);
    return items;
}

void PickleReader::memoPut(uint64_t index, const char* opcode) {
    PickleValue* v = top(opcode);
    auto it = m_memo.find(index);
    if (it != m_memo.end()) {
        it->second = v;
        return;
    }
    if (m_memo.size() >= kMaxMemo) fail("stores more than " + std::to_string(kMaxMemo) + " memo entries");
    m_memo.emplace(index, v);
}

void PickleReader::memoGet(uint64_t index) {
    const auto it = m_memo.find(index);
    if (it == m_memo.end()) fail("reads memo entry " + std::to_string(index) + ", which was never stored");
    push(it->second);
}

void PickleReader::setItems(PickleValue* dict, const std::vector<PickleValue*>& flat, const char* opcode) {
    if (dict->kind != PickleValue::Kind::Dict) fail(std::string(opcode) + " targets something that is not a dict");
    if (flat.size() % 2 != 0) fail(std::string(opcode) + " has a key without a value");
    for (size_t i = 0; i < flat.size(); i += 2) dict->entries.emplace_back(flat[i], flat[i + 1]);
}

const PickleValue& PickleReader::runPrefix(size_t* consumed) {
    m_allowTrailing = true;
    const PickleValue& v = run();
    if (consumed) *consumed = m_pos;
    return v;
}

const PickleValue& PickleReader::run() {
    using K = PickleValue::Kind;
    while (m_pos < m_bytes.size()) {
        m_opStart = m_pos;
        const auto op = static_cast<unsigned char>(m_bytes[m_pos++]);
        switch (op) {
            case 0x80: {  // PROTO
                const uint64_t proto = takeLE(1, "PROTO");
                if (proto != 2)
                    fail("uses pickle protocol " + std::to_string(proto) + ", but torch.save writes protocol 2");
                break;
            }
            case '.': {  // STOP
                if (!m_marks.empty()) fail("stops with a MARK still open");
                if (m_stack.size() != 1)
                    fail("stops with " + std::to_string(m_stack.size()) + " values on the stack instead of one");
                if (m_pos != m_bytes.size() && !m_allowTrailing)
                    fail("has " + std::to_string(m_bytes.size() - m_pos) + " stray byte(s) after its STOP opcode");
                return *m_stack.back();
            }
            case 'c': {  // GLOBAL
                std::string module = takeLine("GLOBAL");
                std::string name = takeLine("GLOBAL");
                m_hooks.checkGlobal(module, name);
                PickleValue* v = make(K::Global);
                v->text = std::move(module);
                v->name = std::move(name);
                push(v);
                break;
            }
            case 'q':
                memoPut(takeLE(1, "BINPUT"), "BINPUT");
                break;
            case 'r':
                memoPut(takeLE(4, "LONG_BINPUT"), "LONG_BINPUT");
                break;
            case 'h':
                memoGet(takeLE(1, "BINGET"));
                break;
            case 'j':
                memoGet(takeLE(4, "LONG_BINGET"));
                break;
            case '(':  // MARK
                if (m_marks.size() >= kMaxMarks)
                    fail("nests MARK deeper than " + std::to_string(kMaxMarks) + " levels");
                m_marks.push_back(m_stack.size());
                break;
            case ')':  // EMPTY_TUPLE
                push(make(K::Tuple));
                break;
            case 't': {  // TUPLE
                auto items = popToMark("TUPLE");
                PickleValue* v = make(K::Tuple);
                v->items = std::move(items);
                push(v);
                break;
            }
            case 0x85:
            case 0x86:
            case 0x87: {  // TUPLE1, TUPLE2, TUPLE3
                const size_t n = op - 0x84u;
                PickleValue* v = make(K::Tuple);
                v->items.resize(n);
                for (size_t i = n; i-- > 0;) v->items[i] = pop("TUPLE1/2/3");
                push(v);
                break;
            }
            case ']':  // EMPTY_LIST
                push(make(K::List));
                break;
            case 'a': {  // APPEND
                PickleValue* item = pop("APPEND");
                PickleValue* list = top("APPEND");
                if (list->kind != K::List) fail("APPEND targets something that is not a list");
                list->items.push_back(item);
                break;
            }
            case 'e': {  // APPENDS
                auto items = popToMark("APPENDS");
                PickleValue* list = top("APPENDS");
                if (list->kind != K::List) fail("APPENDS targets something that is not a list");
                list->items.insert(list->items.end(), items.begin(), items.end());
                break;
            }
            case '}':  // EMPTY_DICT
                push(make(K::Dict));
                break;
            case 's': {  // SETITEM
                PickleValue* value = pop("SETITEM");
                PickleValue* key = pop("SETITEM");
                setItems(top("SETITEM"), {key, value}, "SETITEM");
                break;
            }
            case 'u': {  // SETITEMS
                auto flat = popToMark("SETITEMS");
                setItems(top("SETITEMS"), flat, "SETITEMS");
                break;
            }
            case 'N':
                push(make(K::None));
                break;
            case 0x88:
            case 0x89: {  // NEWTRUE, NEWFALSE
                PickleValue* v = make(K::Bool);
                v->integer = op == 0x88 ? 1 : 0;
                push(v);
                break;
            }
            case 'J': {  // BININT
                PickleValue* v = make(K::Int);
                v->integer = static_cast<int32_t>(static_cast<uint32_t>(takeLE(4, "BININT")));
                push(v);
                break;
            }
            case 'K':
            case 'M': {  // BININT1, BININT2
                PickleValue* v = make(K::Int);
                v->integer = static_cast<int64_t>(op == 'K' ? takeLE(1, "BININT1") : takeLE(2, "BININT2"));
                push(v);
                break;
            }
            case 0x8a: {  // LONG1: n bytes of little-endian two's complement
                const uint64_t n = takeLE(1, "LONG1");
                if (n > 8) fail("has a " + std::to_string(n) + "-byte integer, larger than 64 bits");
                uint64_t raw = n ? takeLE(static_cast<int>(n), "LONG1") : 0;
                if (n > 0 && n < 8 && (raw >> (8 * n - 1)) & 1) raw |= ~uint64_t{0} << (8 * n);  // sign-extend
                PickleValue* v = make(K::Int);
                v->integer = static_cast<int64_t>(raw);
                push(v);
                break;
            }
            case 'G': {  // BINFLOAT: big-endian IEEE double
                const auto* p = reinterpret_cast<const unsigned char*>(take(8, "BINFLOAT"));
                uint64_t bits = 0;
                for (int i = 0; i < 8; ++i) bits = (bits << 8) | p[i];
                PickleValue* v = make(K::Float);
                std::memcpy(&v->real, &bits, sizeof bits);
                push(v);
                break;
            }
            case 'X':
            case 0x8c: {  // BINUNICODE, SHORT_BINUNICODE
                const char* opName = op == 'X' ? "BINUNICODE" : "SHORT_BINUNICODE";
                std::string s = takeString(takeLE(op == 'X' ? 4 : 1, opName), opName);
                if (!isUtf8(s)) fail(std::string(opName) + " holds a string that is not UTF-8");
                PickleValue* v = make(K::String);
                v->text = std::move(s);
                push(v);
                break;
            }
            case 'T':
            case 'U': {  // BINSTRING (signed 32-bit length), SHORT_BINSTRING
                const char* opName = op == 'T' ? "BINSTRING" : "SHORT_BINSTRING";
                const uint64_t raw = takeLE(op == 'T' ? 4 : 1, opName);
                if (op == 'T' && (raw & 0x80000000u)) fail("BINSTRING declares a negative length");
                PickleValue* v = make(K::String);
                v->text = takeString(raw, opName);
                push(v);
                break;
            }
            case 'R': {  // REDUCE
                PickleValue* args = pop("REDUCE");
                PickleValue* callable = pop("REDUCE");
                if (callable->kind != K::Global) fail("REDUCE calls something that is not a global");
                if (args->kind != K::Tuple) fail("REDUCE passes arguments that are not a tuple");
                push(m_hooks.reduce(*this, *callable, *args));
                break;
            }
            case 'Q': {  // BINPERSID
                PickleValue* pid = pop("BINPERSID");
                push(m_hooks.persistentLoad(*this, *pid));
                break;
            }
            case 'b': {  // BUILD
                PickleValue* state = pop("BUILD");
                m_hooks.build(*top("BUILD"), *state);
                break;
            }
            default:
                fail("uses opcode " + opcodeName(op) + ", which is not part of what torch.save writes");
        }
    }
    m_opStart = m_pos;
    fail("is cut off before its STOP opcode");
}

}  // namespace flowscope
