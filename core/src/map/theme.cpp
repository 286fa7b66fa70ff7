// Theme loading: every key optional, colours checked, problems reported with their pointer.
#include "chainatlas/map/theme.hpp"

#include <cstdlib>
#include <filesystem>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/paths.hpp"

namespace chainatlas {

bool parseColor(const std::string& hex, int& r, int& g, int& b) {
    if (hex.size() != 7 || hex[0] != '#') return false;
    for (std::size_t i = 1; i < 7; ++i)
        if (!std::isxdigit(static_cast<unsigned char>(hex[i]))) return false;
    r = std::stoi(hex.substr(1, 2), nullptr, 16);
    g = std::stoi(hex.substr(3, 2), nullptr, 16);
    b = std::stoi(hex.substr(5, 2), nullptr, 16);
    return true;
}

std::string defaultThemePath() { return assetsDir() + "/theme.json"; }

Theme loadTheme(const std::string& path, std::vector<Diagnostic>& diagnostics) {
    Theme theme;
    auto text = readWholeFile(path);
    if (!text) {
        diagnostics.push_back({Severity::Warning, path, "", text.error().message + "; using the built-in theme"});
        return theme;
    }
    nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        diagnostics.push_back({Severity::Warning, path, "", "not a JSON object; using the built-in theme"});
        return theme;
    }
    auto color = [&](const char* pointer, std::string& slot) {
        nlohmann::json::json_pointer p(pointer);
        if (!doc.contains(p)) return;
        const auto& value = doc.at(p);
        int r, g, b;
        if (value.is_string() && parseColor(value.get<std::string>(), r, g, b)) slot = value.get<std::string>();
        else diagnostics.push_back({Severity::Warning, path, pointer, "expected a colour \"#rrggbb\""});
    };
    const char* statusPointers[] = {"/status/strong", "/status/weak", "/status/gap", "/status/extension",
                                    "/status/absent"};
    for (int s = 0; s < 5; ++s) color(statusPointers[s], theme.status[s]);
    const char* advicePointers[] = {"/advice/keep",       "/advice/leave",  "/advice/complement", "/advice/fill",
                                    "/advice/strengthen", "/advice/extend", "/advice/none"};
    for (int a = 0; a < 7; ++a) color(advicePointers[a], theme.advice[a]);
    color("/occupied/border", theme.occupiedBorder);
    color("/complement/badge", theme.complementBadge);
    color("/single_source/mark", theme.singleSourceMark);
    color("/transfer/mark", theme.transferMark);
    const char* resourcePointers[] = {"/resource/innovation", "/resource/capital", "/resource/talent",
                                      "/resource/service"};
    for (int c = 0; c < 4; ++c) color(resourcePointers[c], theme.resourceChain[c]);
    color("/no_data", theme.noData);
    color("/text/dark", theme.textDark);
    color("/text/light", theme.textLight);
    color("/text/muted", theme.textMuted);
    color("/background", theme.background);
    color("/cluster/fill", theme.clusterFill);
    color("/cluster/border", theme.clusterBorder);
    color("/edge/link", theme.linkEdge);
    color("/edge/supply", theme.supplyEdge);
    color("/edge/highlight", theme.highlightEdge);
    color("/firm/local", theme.firmLocal);
    color("/firm/target", theme.firmTarget);
    color("/firm/other", theme.firmOther);
    color("/firm/assumed", theme.firmAssumed);
    if (doc.contains("font") && doc["font"].is_object()) {
        const auto& font = doc["font"];
        if (font.contains("family") && font["family"].is_string()) theme.fontFamily = font["family"];
        if (font.contains("graphviz") && font["graphviz"].is_string()) theme.graphvizFont = font["graphviz"];
        if (font.contains("size") && font["size"].is_number() && font["size"].get<double>() > 0)
            theme.fontSize = font["size"];
    }
    return theme;
}

}  // namespace chainatlas
