// Text fields that keep every character (exact_text.hpp): the field sees stand-ins, the state the real text;
// the clipboard hands fields stand-ins and takes the real characters back; what the font cannot draw shows as
// a white square (U+25A1), never as a character that could be read as data.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app.hpp"

namespace viewer {

namespace {

// The clipboard functions ImGui's GLFW backend installed, wrapped.
struct ClipboardBridge {
    const char* (*get)(void*) = nullptr;
    void (*set)(void*, const char*) = nullptr;
    void* user = nullptr;
    StandIns* standIns = nullptr;
    std::string pasted;  // ImGui reads the pointer until the next call
};
ClipboardBridge bridge;

const char* pasteWithStandIns(void*) {
    const char* text = bridge.get ? bridge.get(bridge.user) : nullptr;
    if (!text) return nullptr;
    bridge.pasted = bridge.standIns->toField(text);
    return bridge.pasted.c_str();
}

void copyRealText(void*, const char* text) {
    if (bridge.set) bridge.set(bridge.user, bridge.standIns->fromField(text ? text : "").c_str());
}

}  // namespace

bool inputTextExact(App& app, const char* label, std::string& text, const char* hint, ImGuiInputTextFlags flags) {
    std::string field = app.fieldText.toField(text);
    bool changed = hint ? ImGui::InputTextWithHint(label, hint, &field, flags) : ImGui::InputText(label, &field, flags);
    if (changed) text = app.fieldText.fromField(field);
    return changed;
}

void keepClipboardExact(App& app) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.GetClipboardTextFn == pasteWithStandIns) return;
    bridge = {io.GetClipboardTextFn, io.SetClipboardTextFn, io.ClipboardUserData, &app.fieldText, {}};
    io.GetClipboardTextFn = pasteWithStandIns;
    io.SetClipboardTextFn = copyRealText;
}

void usePlaceholderGlyph(ImFont* font) {
    if (!font) return;
    const ImFontGlyph* box = font->FindGlyphNoFallback(0x25A1);
    if (!box) return;  // ImGui's own fallback (U+FFFD or '?') stays
    font->FallbackGlyph = box;
    font->FallbackChar = 0x25A1;
    font->FallbackAdvanceX = box->AdvanceX;
    // Widths of characters without a glyph were filled with the old fallback's: the box's now, so a field's
    // cursor stands where the box is drawn.
    for (int c = 0; c < font->IndexLookup.Size && c < font->IndexAdvanceX.Size; ++c)
        if (font->IndexLookup[c] == static_cast<ImWchar>(-1)) font->IndexAdvanceX[c] = box->AdvanceX;
}

}  // namespace viewer
