// Fonts: a CJK font from the lookup list, with glyph ranges built from every name in the loaded data
// (ImGui 1.86's Chinese ranges lack characters such as 锂 and arrows).
#pragma once

#include <string>
#include <vector>

#include "chainatlas/model/model.hpp"

#include <imgui.h>

namespace viewer {

struct FontFile {
    std::string path;
    int faceIndex = 0;  // NotoSansCJK-Regular.ttc: the Simplified Chinese face is number 2
};

// The first font of assets/fonts.txt (then built-in paths) that exists, or an empty path.
FontFile findCjkFont(const std::string& assetsDir);
// Clears the atlas and adds the font with glyphs for every Chinese character (GB 18030's common range that
// ImGui calls ChineseFull), the interface text and every string in `chain`.
// Returns false when no CJK font was found (the default font then stands in, without Chinese).
bool buildFontAtlas(ImFontAtlas& atlas, const FontFile& font, const chainatlas::Chain* chain, float pixelSize);
// The same with the code points given (codePointsToDraw of one chain or the union of several).
bool buildFontAtlas(ImFontAtlas& atlas, const FontFile& font, const std::vector<char32_t>& codePoints, float pixelSize);
// The light style with sizes for this text size, and opaque pop-ups and menus.
ImGuiStyle scaledStyle(float pixelSize);
// Every code point the viewer may draw for this chain (its names, notes, sources, and the interface), in
// order; control characters left out. Thread-safe (the open worker computes it beside the loading).
std::vector<char32_t> codePointsToDraw(const chainatlas::Chain* chain);
// Whether the code point is in ImGui's ChineseFull ranges, which every atlas holds (buildFontAtlas).
bool inChineseFull(char32_t cp);
// `points` outside those ranges merged into `into` (both sorted, unique); returns whether `into` gained any.
bool mergeCodePoints(std::vector<char32_t>& into, const std::vector<char32_t>& points);

}  // namespace viewer
