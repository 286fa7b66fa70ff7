#include "graph_transfer.hpp"

#include <malloc.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <unordered_map>
#include <utility>
#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer's count of the bytes allocated and not freed (GCC ships no header declaring it).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace chainatlas::detail {

namespace {

// Graph object ids independent of memory addresses. Graphviz's default discipline uses the address of
// each interned name as the object's id and orders nodes and subgraphs by id, so the layout changed with
// the heap (even with the length of the input file's path). Here every object is numbered in creation
// order, and the names are kept here too: cgraph 2.42's own table of names never frees its entries (48
// bytes a named object each time a graph is made and closed).
struct SequentialIds {
    IDTYPE next = 1;
    std::unordered_map<std::string, IDTYPE> ids;  // object type (one character), then the name -> id
    std::unordered_map<IDTYPE, std::string> names;
};
void* openIds(Agraph_t*, Agdisc_t*) { return new SequentialIds; }
long mapId(void* state, int type, char* name, IDTYPE* id, int create) {
    auto* ids = static_cast<SequentialIds*>(state);
    std::string key;
    if (name) {
        key.assign(1, static_cast<char>('0' + type)).append(name);
        auto found = ids->ids.find(key);
        if (found != ids->ids.end()) {
            *id = found->second;
            return 1;
        }
    }
    if (!create) return 0;
    *id = ids->next;
    ids->next += 2;  // odd, as cgraph's own anonymous ids are
    if (name) {
        ids->ids.emplace(std::move(key), *id);
        ids->names.emplace(*id, name);
    }
    return 1;
}
long allocId(void*, int, IDTYPE) { return 0; }
void freeId(void*, int, IDTYPE) {}
char* printId(void* state, int, IDTYPE id) {
    auto* ids = static_cast<SequentialIds*>(state);
    auto found = ids->names.find(id);
    return found == ids->names.end() ? nullptr : found->second.data();
}
void closeIds(void* state) { delete static_cast<SequentialIds*>(state); }
void registerId(void*, int, void*) {}

// Bytes in the machine's own order: they go to a copy of the same program on the same machine.
class Writer {
public:
    template <class T>
    void put(const T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        text.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    void put(std::string_view value) {
        put(value.size());
        text.append(value);
    }
    std::string text;
};

class Reader {
public:
    explicit Reader(std::string_view text) : rest_(text) {}
    template <class T>
    bool get(T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        if (rest_.size() < sizeof value) return false;
        std::memcpy(&value, rest_.data(), sizeof value);
        rest_.remove_prefix(sizeof value);
        return true;
    }
    bool get(std::string& value) {
        std::size_t size = 0;
        if (!get(size) || size > rest_.size()) return false;
        value.assign(rest_.substr(0, size));
        rest_.remove_prefix(size);
        return true;
    }
    // A count of items of at least `itemBytes` each: no more than the bytes left can hold.
    bool count(std::size_t& n, std::size_t itemBytes) { return get(n) && n <= rest_.size() / itemBytes; }
    bool done() const { return rest_.empty(); }

private:
    std::string_view rest_;
};

// The attributes of `object` (of `kind`) that are not empty. Not "not the default": setting a graph's
// attribute makes its value that graph's default too, and every attribute here is declared with "".
void putAttributes(Writer& out, Agraph_t* graph, void* object, int kind) {
    std::vector<std::pair<std::string_view, std::string_view>> set;
    for (Agsym_t* sym = agnxtattr(graph, kind, nullptr); sym; sym = agnxtattr(graph, kind, sym))
        if (const char* value = agxget(object, sym); value && *value) set.emplace_back(sym->name, value);
    out.put(set.size());
    for (const auto& [name, value] : set) out.put(name), out.put(value);
}
// Sets them as layout.cpp sets every attribute (agsafeset, declared with "" as the default).
bool getAttributes(Reader& in, void* object) {
    std::size_t n = 0;
    if (!in.count(n, 2 * sizeof(std::size_t))) return false;
    std::string name, value;
    for (std::size_t i = 0; i < n; ++i) {
        if (!in.get(name) || !in.get(value)) return false;
        agsafeset(object, name.data(), value.data(), const_cast<char*>(""));
    }
    return true;
}

// MSG_NOSIGNAL: a helper gone is an error here, not a SIGPIPE that ends the window.
bool sendExactly(int socket, const char* from, std::size_t size) {
    while (size > 0) {
        ssize_t n = send(socket, from, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        from += n, size -= static_cast<std::size_t>(n);
    }
    return true;
}
// A message: its length (8 bytes), then its bytes.
bool sendAll(int socket, const std::string& bytes) {
    std::uint64_t size = bytes.size();
    return sendExactly(socket, reinterpret_cast<const char*>(&size), sizeof size) &&
           sendExactly(socket, bytes.data(), bytes.size());
}
bool receiveExactly(int socket, char* into, std::size_t size) {
    while (size > 0) {
        ssize_t n = recv(socket, into, size, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        into += n, size -= static_cast<std::size_t>(n);
    }
    return true;
}
bool receive(int socket, std::string& bytes) {
    std::uint64_t size = 0;
    if (!receiveExactly(socket, reinterpret_cast<char*>(&size), sizeof size)) return false;
    if (size > (std::uint64_t{1} << 32)) return false;
    bytes.resize(size);
    return receiveExactly(socket, bytes.data(), bytes.size());
}

// The bytes the process has allocated and not freed (under AddressSanitizer, which replaces malloc, its count).
std::size_t heapInUse() {
#if defined(__SANITIZE_ADDRESS__)
    return __sanitizer_get_current_allocated_bytes();
#else
    struct mallinfo2 heap = mallinfo2();
    return heap.uordblks + heap.hblkhd;
#endif
}

// What the helper writes back: 0 and the layout, or 1 (dot failed); then its heap bytes in use.
constexpr char kLaidOut = 0, kNotLaidOut = 1;

}  // namespace

Agdisc_t* sequentialDiscipline() {
    static Agiddisc_t ids = {openIds, mapId, allocId, freeId, printId, closeIds, registerId};
    static Agdisc_t discipline = {&AgMemDisc, &ids, &AgIoDisc};
    return &discipline;
}

RawLayout rawLayoutOf(const GraphParts& parts) {
    RawLayout raw;
    raw.bb = GD_bb(parts.graph);
    for (Agraph_t* cluster : parts.clusters)
        raw.clusters.push_back(agfstnode(cluster) ? std::optional<boxf>(GD_bb(cluster)) : std::nullopt);
    for (Agnode_t* node : parts.nodes) raw.nodes.push_back({ND_coord(node), ND_width(node), ND_height(node)});
    for (Agedge_t* edge : parts.edges) {
        RawLayout::Curve& curve = raw.edges.emplace_back();
        splines* spline = edge ? ED_spl(edge) : nullptr;
        if (!spline || spline->size == 0) continue;
        const bezier& first = spline->list[0];
        curve.points.assign(first.list, first.list + first.size);
        curve.arrow = first.eflag != 0;
        curve.tip = first.ep;
    }
    return raw;
}

std::string graphBytes(const GraphParts& parts) {
    Writer out;
    Agraph_t* g = parts.graph;
    putAttributes(out, g, g, AGRAPH);
    out.put(parts.clusters.size());
    for (Agraph_t* cluster : parts.clusters) {
        out.put(std::string_view(agnameof(cluster)));
        putAttributes(out, g, cluster, AGRAPH);
    }
    out.put(parts.nodes.size());
    std::unordered_map<const Agnode_t*, long> index;  // node -> its place in parts.nodes
    for (Agnode_t* node : parts.nodes) {
        index.emplace(node, static_cast<long>(index.size()));
        out.put(std::string_view(agnameof(node)));
        long owner = -1;
        for (std::size_t c = 0; c < parts.clusters.size() && owner < 0; ++c)
            if (agsubnode(parts.clusters[c], node, 0)) owner = static_cast<long>(c);
        out.put(owner);
        putAttributes(out, g, node, AGNODE);
    }
    out.put(parts.edges.size());
    for (Agedge_t* edge : parts.edges) {
        // -1, -1: no edge (a link dot does not route)
        out.put(edge ? index.at(agtail(edge)) : -1L), out.put(edge ? index.at(aghead(edge)) : -1L);
    }
    return std::move(out.text);
}

std::optional<GraphParts> graphFromBytes(std::string_view bytes) {
    Reader in(bytes);
    GraphParts parts;
    parts.graph = agopen(const_cast<char*>("chain"), Agdirected, sequentialDiscipline());
    auto fail = [&] {
        agclose(parts.graph);
        return std::nullopt;
    };
    std::size_t clusters = 0, nodes = 0, edges = 0;
    std::string name;
    if (!getAttributes(in, parts.graph) || !in.count(clusters, sizeof(std::size_t))) return fail();
    for (std::size_t c = 0; c < clusters; ++c) {
        if (!in.get(name)) return fail();
        parts.clusters.push_back(agsubg(parts.graph, name.data(), 1));
        if (!getAttributes(in, parts.clusters.back())) return fail();
    }
    if (!in.count(nodes, sizeof(std::size_t))) return fail();
    for (std::size_t n = 0; n < nodes; ++n) {
        long owner = -1;
        if (!in.get(name) || !in.get(owner) || owner >= static_cast<long>(clusters)) return fail();
        Agraph_t* graph = owner >= 0 ? parts.clusters[static_cast<std::size_t>(owner)] : parts.graph;
        parts.nodes.push_back(agnode(graph, name.data(), 1));
        if (!getAttributes(in, parts.nodes.back())) return fail();
    }
    if (!in.count(edges, 2 * sizeof(long))) return fail();
    for (std::size_t e = 0; e < edges; ++e) {
        long tail = -1, head = -1;
        if (!in.get(tail) || !in.get(head)) return fail();
        if (tail < 0 && head < 0) {
            parts.edges.push_back(nullptr);
            continue;
        }
        if (tail < 0 || head < 0 || tail >= static_cast<long>(nodes) || head >= static_cast<long>(nodes)) return fail();
        parts.edges.push_back(agedge(parts.graph, parts.nodes[static_cast<std::size_t>(tail)],
                                     parts.nodes[static_cast<std::size_t>(head)], nullptr, 1));
    }
    if (!in.done()) return fail();
    return parts;
}

std::string rawLayoutBytes(const RawLayout& layout) {
    Writer out;
    out.put(layout.bb);
    out.put(layout.clusters.size());
    for (const auto& box : layout.clusters) out.put(box.has_value()), out.put(box.value_or(boxf{}));
    out.put(layout.nodes.size());
    for (const RawLayout::Place& place : layout.nodes) out.put(place);
    out.put(layout.edges.size());
    for (const RawLayout::Curve& curve : layout.edges) {
        out.put(curve.points.size());
        for (const pointf& p : curve.points) out.put(p);
        out.put(curve.arrow), out.put(curve.tip);
    }
    return std::move(out.text);
}

std::optional<RawLayout> rawLayoutFromBytes(std::string_view bytes) {
    Reader in(bytes);
    RawLayout raw;
    std::size_t n = 0;
    if (!in.get(raw.bb) || !in.count(n, sizeof(bool) + sizeof(boxf))) return std::nullopt;
    for (std::size_t i = 0; i < n; ++i) {
        bool has = false;
        boxf box{};
        if (!in.get(has) || !in.get(box)) return std::nullopt;
        raw.clusters.push_back(has ? std::optional<boxf>(box) : std::nullopt);
    }
    if (!in.count(n, sizeof(RawLayout::Place))) return std::nullopt;
    raw.nodes.resize(n);
    for (RawLayout::Place& place : raw.nodes)
        if (!in.get(place)) return std::nullopt;
    if (!in.count(n, sizeof(std::size_t))) return std::nullopt;
    raw.edges.resize(n);
    for (RawLayout::Curve& curve : raw.edges) {
        std::size_t points = 0;
        if (!in.count(points, sizeof(pointf))) return std::nullopt;
        curve.points.resize(points);
        for (pointf& p : curve.points)
            if (!in.get(p)) return std::nullopt;
        if (!in.get(curve.arrow) || !in.get(curve.tip)) return std::nullopt;
    }
    if (!in.done()) return std::nullopt;
    return raw;
}

bool LayoutHelper::start() {
    if (unavailable_ || command_.empty()) return false;
    int sockets[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
        unavailable_ = true;
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, sockets[1], 0);  // the helper's standard input, without CLOEXEC
    std::vector<char*> argv;
    for (std::string& arg : command_) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int failed = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(sockets[1]);
    if (failed != 0) {
        close(sockets[0]);
        pid_ = -1;
        unavailable_ = true;
        return false;
    }
    socket_ = sockets[0];
    ++started_;
    return true;
}

LayoutHelper::~LayoutHelper() {
    if (pid_ > 0) kill(pid_, SIGKILL);
    stop();
}

int LayoutHelper::stop() {
    if (socket_ >= 0) close(socket_);  // the helper reads the end of its input and ends
    socket_ = -1;
    int status = 0;
    while (pid_ > 0 && waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
}

std::string LayoutHelper::stopAndSay() {
    int status = stop();
    if (WIFSIGNALED(status))
        return "the layout process stopped on signal " + std::to_string(WTERMSIG(status)) + ", " +
               strsignal(WTERMSIG(status));
    return "the layout process ended without an answer";
}

LayoutHelper::Outcome LayoutHelper::layOut(const GraphParts& parts, const std::string& bytes) {
    Outcome outcome;
    if (socket_ < 0 && !start()) return outcome;
    std::string answer;
    if (!sendAll(socket_, bytes) || !receive(socket_, answer) || answer.size() < 1 + sizeof(std::size_t)) {
        outcome.ended = Outcome::Ended::Failed;
        outcome.why = stopAndSay();
        return outcome;
    }
    std::size_t heap = 0;
    std::memcpy(&heap, answer.data() + answer.size() - sizeof heap, sizeof heap);
    if (heap > mostHeapBytes_) stop();  // what dot left behind goes with it; the next layout starts a new one
    outcome.ended = Outcome::Ended::Failed;
    if (answer[0] != kLaidOut) return outcome;  // dot failed: layout.cpp says so
    auto raw = rawLayoutFromBytes(std::string_view(answer).substr(1, answer.size() - 1 - sizeof heap));
    bool fits = raw && raw->clusters.size() == parts.clusters.size() && raw->nodes.size() == parts.nodes.size() &&
                raw->edges.size() == parts.edges.size();
    if (!fits) {
        outcome.why = "the layout process's answer could not be read";
        stop();
        return outcome;
    }
    outcome.ended = Outcome::Ended::Done;
    outcome.layout = std::move(*raw);
    return outcome;
}

int serveLayouts(int socket, GVC_t* gvc) {
    std::string request;
    while (receive(socket, request)) {
        std::string answer(1, kNotLaidOut);
        if (auto parts = graphFromBytes(request)) {
            if (gvLayout(gvc, parts->graph, "dot") == 0) {
                answer = std::string(1, kLaidOut) + rawLayoutBytes(rawLayoutOf(*parts));
                gvFreeLayout(gvc, parts->graph);
            }
            agclose(parts->graph);
        }
        std::size_t inUse = heapInUse();
        answer.append(reinterpret_cast<const char*>(&inUse), sizeof inUse);
        if (!sendAll(socket, answer)) return 1;
    }
    return 0;
}

}  // namespace chainatlas::detail
