// --probe: what a person would see, as lines a test can read: `label KIND ID X Y W H` for every map or chart
// label drawn (KIND segment, firm, chart, legend, badge, stage), `bounds KIND X Y W H` for the frame such labels
// must stay inside, and `window NAME X Y W H` for every open window or panel. The painters are free functions over
// const data, so they report here rather than through App; off (the default) it costs one branch per label.
#pragma once

#include <imgui.h>

#include <string>

namespace viewer::probe {

void enable(bool on);
bool enabled();
// A label drawn with its top-left corner at `min` and its size `size` (spaces in `id` become '_').
void label(const char* kind, const std::string& id, ImVec2 min, ImVec2 size);
// The frame a kind of label must stay inside (`bounds KIND X Y W H`; the priorities chart's plot and strip).
void frame(const char* kind, ImVec2 min, ImVec2 size);
// Every ImGui window shown this frame (not child windows or tooltips), then the lines of the frame; clears.
std::string takeFrame();

}  // namespace viewer::probe
