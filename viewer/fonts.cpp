// Font lookup and glyph ranges from the data.
#include "fonts.hpp"

#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "chainatlas/load.hpp"
#include "chainatlas/text.hpp"
#include "i18n.hpp"

namespace viewer {

FontFile findCjkFont(const std::string& assetsDir) {
    std::vector<FontFile> candidates;
    std::ifstream list(assetsDir + "/fonts.txt");
    std::string line;
    while (std::getline(list, line)) {
        if (line.empty() || line[0] == '#') continue;
        FontFile font;
        std::size_t space = line.find(' ');
        font.path = line.substr(0, space);
        if (space != std::string::npos) font.faceIndex = std::atoi(line.c_str() + space + 1);
        candidates.push_back(font);
    }
    candidates.push_back({"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0});
    candidates.push_back({"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2});
    for (const auto& font : candidates) {
        std::error_code ec;
        if (std::filesystem::exists(font.path, ec)) return font;
    }
    return {};
}

std::vector<char32_t> codePointsToDraw(const chainatlas::Chain* chain) {
    std::set<char32_t> points;
    for (char32_t cp = 0x20; cp < 0x7F; ++cp) points.insert(cp);
    for (char32_t cp : chainatlas::decodeUtf8(allInterfaceText())) points.insert(cp);
    if (chain) {
        // Every string the file holds: names, notes, source titles, site notes.
        std::string all = chainatlas::chainToJson(*chain).dump(-1, ' ', false,
                                                               nlohmann::json::error_handler_t::replace);
        for (char32_t cp : chainatlas::decodeUtf8(all)) points.insert(cp);
    }
    return {points.begin(), points.end()};
}

bool buildFontAtlas(ImFontAtlas& atlas, const FontFile& font, const chainatlas::Chain* chain, float pixelSize) {
    static ImVector<ImWchar> ranges;  // must outlive the atlas build
    atlas.Clear();
    if (font.path.empty()) {
        atlas.AddFontDefault();
        return false;
    }
    ImFontGlyphRangesBuilder builder;
    // Every Chinese character a planner may type into a note or the search box (CJK Unified Ideographs,
    // CJK and full-width punctuation), not only those of the data: the atlas cannot grow while typing.
    builder.AddRanges(atlas.GetGlyphRangesChineseFull());
    for (char32_t cp : codePointsToDraw(chain))
        if (cp <= 0xFFFF) builder.AddChar(static_cast<ImWchar>(cp));  // ImGui 1.86 is built with 16-bit ImWchar
    ranges.clear();
    builder.BuildRanges(&ranges);
    ImFontConfig config;
    config.FontNo = font.faceIndex;
    config.OversampleH = 1;  // CJK glyphs are many: keep the atlas small
    config.OversampleV = 1;
    config.PixelSnapH = true;
    atlas.TexDesiredWidth = 4096;                        // ~21,000 glyphs: a wide texture keeps it one page
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;  // only the rows it needs (half the memory at some sizes)
    return atlas.AddFontFromFileTTF(font.path.c_str(), pixelSize, &config, ranges.Data) != nullptr;
}

ImGuiStyle scaledStyle(float pixelSize) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.ScaleAllSizes(pixelSize / 17.0f);  // paddings and spacings follow the text size
    // Pop-ups, menus and drop-down lists are opaque: nothing of the map shows through them.
    style.Colors[ImGuiCol_PopupBg].w = 1.0f;
    style.Colors[ImGuiCol_MenuBarBg].w = 1.0f;
    style.Colors[ImGuiCol_WindowBg].w = 1.0f;
    style.Colors[ImGuiCol_ModalWindowDimBg] = ImVec4(0.2f, 0.2f, 0.2f, 0.45f);
    style.PopupBorderSize = 1.0f;
    return style;
}

}  // namespace viewer
