// Font lookup and glyph ranges from the data.
#include "platform/fonts.hpp"

#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "chainatlas/base/text.hpp"
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

namespace {

// Code points seen, one bit each (the whole Unicode range: 136 KB), filled from the chain's strings.
class CodePointSet {
public:
    void add(const std::string& text) {
        bool ascii = true;
        for (unsigned char c : text) {
            if (c >= 0x80) ascii = false;
            else if (c >= 0x20) seen_[c] = true;  // control characters are never drawn
        }
        if (ascii) return;
        for (char32_t cp : chainatlas::decodeUtf8(text))
            if (cp >= 0x20 && cp < seen_.size()) seen_[cp] = true;
    }
    void add(const chainatlas::Name& name) {
        add(name.zh);
        add(name.en);
    }
    // Keys and string values of the keys a file had beyond the format (site notes and the like); numbers
    // and literals are ASCII, which is always in.
    void add(const nlohmann::json& extra) {
        if (extra.is_string()) add(extra.get_ref<const std::string&>());
        else if (extra.is_object())
            for (const auto& [key, value] : extra.items()) {
                add(key);
                add(value);
            }
        else if (extra.is_array())
            for (const auto& value : extra) add(value);
    }
    std::vector<char32_t> points() const {
        std::vector<char32_t> out;
        for (std::size_t cp = 0; cp < seen_.size(); ++cp)
            if (seen_[cp]) out.push_back(static_cast<char32_t>(cp));
        return out;
    }

private:
    std::vector<bool> seen_ = std::vector<bool>(0x110000, false);
};

// Every string the chain holds, field by field (the chain as JSON, serialised and decoded, took 3 s at
// 100k firms). A test compares this with the characters of chainToJson for every bundled chain, so a
// string field added to the model and forgotten here fails it.
void addChain(CodePointSet& set, const chainatlas::Chain& chain) {
    using namespace chainatlas;
    set.add(chain.id);
    set.add(chain.name);
    set.add(chain.note);
    set.add(chain.extra);
    for (const Source& s : chain.sources) {
        for (const auto* text : {&s.id, &s.title, &s.url, &s.accessed}) set.add(*text);
        set.add(s.extra);
    }
    for (const Stage& s : chain.stages) {
        set.add(s.id);
        set.add(s.name);
        set.add(s.extra);
    }
    for (const Segment& s : chain.segments) {
        set.add(s.id);
        set.add(s.name);
        set.add(s.division);
        set.add(s.extra);
    }
    for (const Link& l : chain.links) set.add(l.extra);
    for (const Region& r : chain.regions) {
        set.add(r.id);
        set.add(r.name);
        set.add(r.extra);
    }
    for (const Firm& f : chain.firms) {
        set.add(f.id);
        set.add(f.name);
        set.add(f.extra);
        for (const Site& site : f.sites) {
            set.add(site.confidence);
            set.add(site.extra);
        }
    }
    for (const Supply& s : chain.supplies) set.add(s.confidence);
    for (const chainatlas::SupplyExtra& e : chain.supplyExtras) set.add(e.extra);
    for (const Resource& r : chain.resources) {
        set.add(r.id);
        set.add(r.name);
        set.add(r.confidence);
        set.add(r.note);
        set.add(r.extra);
    }
    for (const Tie& t : chain.ties) {
        set.add(t.confidence);
        set.add(t.extra);
    }
}

}  // namespace

std::vector<char32_t> codePointsToDraw(const chainatlas::Chain* chain) {
    CodePointSet set;
    for (char c = 0x20; c < 0x7F; ++c) set.add(std::string(1, c));
    set.add(std::string(allInterfaceText()));
    if (chain) addChain(set, *chain);
    return set.points();
}

bool inChineseFull(char32_t cp) {
    static const ImWchar* ranges = [] {
        ImFontAtlas atlas;  // the ranges are static data; any atlas hands them out
        return atlas.GetGlyphRangesChineseFull();
    }();
    for (const ImWchar* r = ranges; r[0]; r += 2)
        if (cp >= r[0] && cp <= r[1]) return true;
    return false;
}

bool mergeCodePoints(std::vector<char32_t>& into, const std::vector<char32_t>& points) {
    std::vector<char32_t> beyond;  // the atlas always holds ChineseFull: only what lies outside it counts
    std::copy_if(points.begin(), points.end(), std::back_inserter(beyond),
                 [](char32_t cp) { return !inChineseFull(cp); });
    if (std::includes(into.begin(), into.end(), beyond.begin(), beyond.end())) return false;
    std::vector<char32_t> merged;
    merged.reserve(into.size() + beyond.size());
    std::set_union(into.begin(), into.end(), beyond.begin(), beyond.end(), std::back_inserter(merged));
    into.swap(merged);
    return true;
}

bool buildFontAtlas(ImFontAtlas& atlas, const FontFile& font, const chainatlas::Chain* chain, float pixelSize) {
    return buildFontAtlas(atlas, font, codePointsToDraw(chain), pixelSize);
}

bool buildFontAtlas(ImFontAtlas& atlas, const FontFile& font, const std::vector<char32_t>& codePoints,
                    float pixelSize) {
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
    builder.AddChar(0x25A1);  // the white square drawn for what the font cannot draw (usePlaceholderGlyph)
    for (char32_t cp : codePoints)
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
    // The status bar and a folded panel's strip are thinner than ImGui's 32 px least window size, which pushed
    // them off an 800x600 screen by a few pixels.
    style.WindowMinSize = {8, 8};
    return style;
}

}  // namespace viewer
