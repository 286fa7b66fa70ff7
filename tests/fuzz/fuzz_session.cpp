// libFuzzer target for planning sessions: any bytes read by the rule every JSON input follows, resolved
// against a bundled chain (tests/data/good/mini.json), written back and read again. Problems must come back
// as diagnostics (never an exception or a crash); a session read once must read back to the same file, and
// resolve the same way.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "chainatlas/load/load.hpp"
#include "chainatlas/session/session.hpp"

namespace {

using namespace chainatlas;

[[noreturn]] void fail(const char* why) {
    std::fprintf(stderr, "%s\n", why);
    std::abort();
}

const Chain& bundledChain() {
    static const Chain chain = [] {
        LoadResult loaded = loadChainFile(CHAINATLAS_FUZZ_SESSION_CHAIN);
        if (!loaded.ok()) fail("the bundled chain does not load");
        return std::move(*loaded.chain);
    }();
    return chain;
}

bool sameOptions(const AnalysisOptions& a, const AnalysisOptions& b) {
    if (a.region != b.region || a.hubs != b.hubs || weightsToJson(a.weights) != weightsToJson(b.weights) ||
        a.assumptions.size() != b.assumptions.size())
        return false;
    for (std::size_t i = 0; i < a.assumptions.size(); ++i)
        if (a.assumptions[i].firm != b.assumptions[i].firm || a.assumptions[i].region != b.assumptions[i].region ||
            a.assumptions[i].segments != b.assumptions[i].segments)
            return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    nlohmann::json document;
    if (parseJsonText(text, "fuzz-session.json", document, "a session")) return 0;
    Session session;
    if (!sessionFromJson(document, "fuzz-session.json", session).empty()) return 0;
    AnalysisOptions first;
    auto problems = resolveSession(session, bundledChain(), "fuzz-session.json", first);

    // Written back (as the viewer saves it), the text must pass the input rule and read back equal.
    std::string written = sessionToJson(session).dump(2);
    nlohmann::json again;
    if (parseJsonText(written, "written.json", again, "a session")) fail("a written session does not parse");
    Session read;
    if (!sessionFromJson(again, "written.json", read).empty()) fail("a written session does not read back");
    if (sessionToJson(read) != sessionToJson(session)) fail("a session changed in a round trip");
    AnalysisOptions second;
    auto problemsAgain = resolveSession(read, bundledChain(), "written.json", second);
    if (problems.empty() != problemsAgain.empty()) fail("a session resolves differently after a round trip");
    if (problems.empty() && !sameOptions(first, second)) fail("a session gives other options after a round trip");
    return 0;
}
