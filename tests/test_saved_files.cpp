// Files a planner saves from the viewer, without a window: the session file belongs to the state it was saved
// from, default names carry chain, region and date, and a save over another chain's or region's session asks.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "chainatlas/base/text.hpp"
#include "state/exact_text.hpp"
#include "state/saved_files.hpp"
#include "state/state.hpp"

using namespace chainatlas;
using viewer::ViewerState;

namespace {
const std::string kData = CHAINATLAS_TEST_DATA_DIR;
const std::string kMini = kData + "/good/mini.json";

std::string tempPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("chainatlas-saved-" + name)).string();
}
}  // namespace

TEST_CASE("default names carry chain, region and date, and odd characters in ids do not make paths") {
    ViewerState state;
    CHECK(viewer::defaultBaseName(state, "2026-12-06") == "chainatlas-2026-12-06");
    REQUIRE(viewer::openChain(state, kMini));
    CHECK(viewer::defaultBaseName(state, "2026-12-06") == "mini-suzhou-2026-12-06");
    viewer::setRegion(state, findRegion(*state.chain, "shanghai"));
    CHECK(viewer::defaultBaseName(state, "2026-12-06") == "mini-shanghai-2026-12-06");
    CHECK(viewer::fileNamePart("a/b c:渭南") == "a-b-c-渭南");
    CHECK(viewer::fileNamePart("../..") == "chainatlas");  // never a hidden or parent name
    CHECK(viewer::fileNamePart(".x") == "x");
    CHECK(viewer::fileNamePart("") == "chainatlas");
    CHECK(viewer::joinPath("/x/", "a.json") == "/x/a.json");
    CHECK(viewer::joinPath("/x", "a.json") == "/x/a.json");
}

TEST_CASE("the planner's folder is a visible one, never the configuration folder") {
    const char* old = std::getenv("XDG_DOCUMENTS_DIR");
    std::string kept = old ? old : "";
    unsetenv("XDG_DOCUMENTS_DIR");
    const char* home = std::getenv("HOME");
    if (home && *home) CHECK(viewer::documentsFolder() == std::string(home) + "/Documents");
    setenv("XDG_DOCUMENTS_DIR", "/srv/plans", 1);
    CHECK(viewer::documentsFolder() == "/srv/plans");
    if (old) setenv("XDG_DOCUMENTS_DIR", kept.c_str(), 1);
    else unsetenv("XDG_DOCUMENTS_DIR");
    CHECK(viewer::documentsFolder().find("/.config") == std::string::npos);
}

TEST_CASE("the session file belongs to the state (another chain or session clears it, a session sets it)") {
    ViewerState state;
    REQUIRE(viewer::openChain(state, kMini));
    CHECK(state.sessionFile.empty());  // a new state: the first save must ask for a name
    std::string path = tempPath("weinan.json");
    REQUIRE(viewer::saveSession(state, path));
    viewer::ownSessionFile(state, path);
    CHECK(state.sessionFile == path);
    // The path in the issue: open another chain, then come back to the first through the recent list.
    REQUIRE(viewer::openChain(state, kData + "/good/evidence.json"));
    CHECK(state.sessionFile.empty());
    REQUIRE(viewer::openChain(state, kMini));
    CHECK(state.sessionFile.empty());  // Ctrl+S now asks for a name instead of rewriting weinan.json
    REQUIRE(viewer::loadSession(state, path).empty());
    CHECK(state.sessionFile == path);  // a session opened by name is the state's own file again
    ViewerState broken = state;
    CHECK_FALSE(viewer::loadSession(broken, kData + "/good/evidence.json").empty());
    CHECK(broken.sessionFile == path);  // a session that fails to open changes nothing
    std::filesystem::remove(path);
}

TEST_CASE("saving over a file that holds another region, another chain or no session asks first") {
    ViewerState state;
    REQUIRE(viewer::openChain(state, kMini));
    std::string own = tempPath("own.json"), other = tempPath("other.json");
    std::filesystem::remove(own);
    CHECK(viewer::sessionOverwriteQuestion(state, own).empty());  // a new file: written at once
    REQUIRE(viewer::saveSession(state, own));
    viewer::ownSessionFile(state, own);
    CHECK(viewer::sessionOverwriteQuestion(state, own).empty());  // Ctrl+S on its own file, same region
    viewer::setRegion(state, findRegion(*state.chain, "shanghai"));
    std::string question = viewer::sessionOverwriteQuestion(state, own);
    CHECK(question.find("another region") == std::string::npos);  // Chinese by default
    CHECK(question.find("另一个区域") != std::string::npos);
    CHECK(question.find("苏州") != std::string::npos);  // names what the file holds (mini: 苏州)
    viewer::setLang(state, Lang::En);
    CHECK(viewer::sessionOverwriteQuestion(state, own).find("another region") != std::string::npos);
    // Another file holding the same chain and region is not the state's own: it asks too.
    REQUIRE(viewer::saveSession(state, other));
    CHECK(viewer::sessionOverwriteQuestion(state, other).find("saved separately") != std::string::npos);
    // A file of another chain.
    ViewerState evidence;
    REQUIRE(viewer::openChain(evidence, kData + "/good/evidence.json"));
    REQUIRE(viewer::saveSession(evidence, other));
    CHECK(viewer::sessionOverwriteQuestion(state, other).find("another chain") != std::string::npos);
    // Not a session at all.
    std::ofstream(other) << "root:x:0:0:root:/root:/bin/bash\n";
    CHECK(viewer::sessionOverwriteQuestion(state, other).find("not a planning session") != std::string::npos);
    CHECK(viewer::exportOverwriteQuestion(state, other).find("exists") != std::string::npos);
    std::filesystem::remove(other);
    CHECK(viewer::exportOverwriteQuestion(state, other).empty());
    std::filesystem::remove(own);
}

TEST_CASE("text beyond U+FFFF passes a 16-bit text field as stand-ins and comes back byte for byte") {
    viewer::StandIns standIns;
    const std::string typed = "约见\xF0\x9F\x98\x80 \xF0\xA0\x80\x80 \xEE\x80\x80 end";  // 约见😀 𠀀 U+E000 end
    std::string field = standIns.toField(typed);
    // Every character of the field fits 16 bits: 😀 -> U+E000, 𠀀 -> U+E001, the real U+E000 -> U+E002.
    for (char32_t c : decodeUtf8(field)) CHECK(c <= 0xFFFF);
    CHECK(field == "约见\xEE\x80\x80 \xEE\x80\x81 \xEE\x80\x82 end");
    CHECK(standIns.fromField(field) == typed);
    // Edited in the field (a word typed at the end), it still comes back exact, and the same character gets
    // the same stand-in every time.
    CHECK(standIns.fromField(field + "!") == typed + "!");
    CHECK(standIns.toField("\xF0\x9F\x98\x80") == "\xEE\x80\x80");
    CHECK(standIns.toField("plain 文字") == "plain 文字");
    // In a session file byte for byte: note, checklist owner and note.
    ViewerState state;
    REQUIRE(viewer::openChain(state, kMini));
    viewer::notesHere(state)["f2"] = typed;
    state.checklists["suzhou"][0] = {ChecklistState::Doing, typed, "2026-12-31", typed};
    std::string path = tempPath("exact.json");
    REQUIRE(viewer::saveSession(state, path));
    ViewerState loaded;
    REQUIRE(viewer::loadSession(loaded, path).empty());
    CHECK(viewer::notesHere(loaded)["f2"] == typed);
    CHECK(loaded.checklists["suzhou"][0].owner == typed);
    CHECK(loaded.checklists["suzhou"][0].note == typed);
    std::filesystem::remove(path);
}

TEST_CASE("a weight set on a slider is saved as the slider shows it") {
    CHECK(nlohmann::json(static_cast<double>(0.6f)).dump() != "0.6");  // the float as it was saved before
    CHECK(viewer::sliderValue(0.6f, 1) == 0.6);
    CHECK(nlohmann::json(viewer::sliderValue(0.6f, 1)).dump() == "0.6");
    CHECK(viewer::sliderValue(0.35f, 2) == 0.35);
    CHECK(viewer::sliderValue(2.96f, 1) == 3.0);
    ViewerState state;
    REQUIRE(viewer::openChain(state, kMini));
    Weights w;
    w.fit = viewer::sliderValue(0.6f, 1);
    viewer::setWeights(state, w, true);
    CHECK(viewer::sessionToJson(state)["weights"]["fit"].dump() == "0.6");
}
