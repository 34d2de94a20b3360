#include "ui/draw_hints.h"

namespace cc::ui {

void scaled_drawing_begin(const ImDrawList*, const ImDrawCmd*) {}
void scaled_drawing_end(const ImDrawList*, const ImDrawCmd*) {}

}  // namespace cc::ui
