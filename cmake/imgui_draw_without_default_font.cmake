# Writes a copy of Dear ImGui's imgui_draw.cpp whose default font (ProggyClean: 12 KB of base85
# text, 9 KiB on the wire) and software mouse cursors are empty. The app never draws with it: src/ui/theme.cpp adds its own
# fonts before the atlas is built, and ImGui falls back to the default font only for an atlas
# without any. ImGui 1.86 has no switch to leave it out. When the text is not found (another
# ImGui version), the copy is the unchanged file and the build says so.
#
#   cmake -DIN=imgui_draw.cpp -DOUT=build/imgui_draw.cpp -P imgui_draw_without_default_font.cmake
if(NOT IN OR NOT OUT)
  message(FATAL_ERROR "imgui_draw_without_default_font.cmake: set IN and OUT")
endif()
file(READ "${IN}" text)
# The literal is a run of quoted lines ending in ";"; base85 text never holds a '"'.
string(REGEX REPLACE "proggy_clean_ttf_compressed_data_base85\\[[^]]*\\] =[ \t\r\n]*(\"[^\"]*\"[ \t\r\n]*)+;"
       "proggy_clean_ttf_compressed_data_base85[1] = \"\";" patched "${text}")
if(patched STREQUAL text)
  message(WARNING "imgui_draw_without_default_font.cmake: ProggyClean's data not found in ${IN}: the web app keeps it")
endif()
# The same for the software mouse cursors' pixels (3 KB of text): the browser draws the cursor
# and the app builds its atlas with ImFontAtlasFlags_NoMouseCursors (src/ui/theme.cpp), so ImGui
# never reads them.
set(before "${patched}")
string(REGEX REPLACE "FONT_ATLAS_DEFAULT_TEX_DATA_PIXELS\\[[^]]*\\] =[ \t\r\n]*[{][^}]*[}]"
       "FONT_ATLAS_DEFAULT_TEX_DATA_PIXELS[FONT_ATLAS_DEFAULT_TEX_DATA_W * FONT_ATLAS_DEFAULT_TEX_DATA_H + 1] = { 0 }"
       patched "${patched}")
if(patched STREQUAL before)
  message(WARNING "imgui_draw_without_default_font.cmake: the mouse cursors' pixels not found in ${IN}: the web app keeps them")
endif()
file(WRITE "${OUT}.tmp" "${patched}")
file(RENAME "${OUT}.tmp" "${OUT}")
