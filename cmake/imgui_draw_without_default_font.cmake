# Writes a copy of Dear ImGui's imgui_draw.cpp whose default font (ProggyClean: 12 KB of base85
# text, 9 KiB on the wire) is empty. The app never draws with it: src/ui/theme.cpp adds its own
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
file(WRITE "${OUT}.tmp" "${patched}")
file(RENAME "${OUT}.tmp" "${OUT}")
