// Markers a view puts in its draw list for the renderer (ImDrawList::AddCallback). The renderer
// samples the font atlas pixel for pixel (text is drawn at the atlas' own size, on whole pixels);
// text drawn scaled (the scope diagram's zoom) needs smooth sampling instead, between these two
// markers. Their bodies do nothing: the renderer recognises them by address.
#pragma once

#include "imgui.h"

namespace cc::ui {

void scaled_drawing_begin(const ImDrawList* list, const ImDrawCmd* cmd);
void scaled_drawing_end(const ImDrawList* list, const ImDrawCmd* cmd);

}  // namespace cc::ui
