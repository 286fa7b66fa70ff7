// Label and window lines for --probe (see probe.hpp).
#include "tools/probe.hpp"

#include <imgui_internal.h>  // the list of windows shown this frame

#include <cstdio>

namespace viewer::probe {

namespace {
bool on = false;
std::string lines;

std::string word(const std::string& text) {
    std::string out = text;
    for (char& c : out)
        if (c == ' ' || c == '\n' || c == '\t') c = '_';
    return out.empty() ? std::string("-") : out;
}

void append(const char* what, const char* kind, const std::string& id, ImVec2 min, ImVec2 size) {
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, " %.0f %.0f %.0f %.0f\n", min.x, min.y, size.x, size.y);
    lines.append(what).append(" ");
    if (kind) lines.append(kind).append(" ");
    lines.append(word(id)).append(numbers);
}
}  // namespace

void enable(bool enabled) { on = enabled; }
bool enabled() { return on; }

void label(const char* kind, const std::string& id, ImVec2 min, ImVec2 size) {
    if (on) append("label", kind, id, min, size);
}

void frame(const char* kind, ImVec2 min, ImVec2 size) {
    if (on) append("bounds", nullptr, kind, min, size);
}

std::string takeFrame() {
    if (!on) return {};
    for (ImGuiWindow* w : GImGui->Windows) {
        if (!w->WasActive || w->Hidden || (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip)))
            continue;
        std::string name = w->Name;
        if (auto at = name.find("###"); at != std::string::npos) name = name.substr(at + 3);
        append("window", nullptr, name, w->Pos, w->Size);
    }
    std::string frame;
    frame.swap(lines);
    return frame;
}

}  // namespace viewer::probe
