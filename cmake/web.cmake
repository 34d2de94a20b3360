# The browser app (Emscripten only): Dear ImGui from third_party/imgui (fetched by
# scripts/setup from Debian's source package), our views, and the web platform layer.
set(IMGUI_DIR ${CMAKE_SOURCE_DIR}/third_party/imgui)
if(NOT EXISTS ${IMGUI_DIR}/imgui.cpp)
  message(FATAL_ERROR "Dear ImGui sources are missing in ${IMGUI_DIR}: run scripts/setup")
endif()

# imgui_draw.cpp is compiled from a copy without the default font's data (the app adds its own
# fonts first, so ImGui never falls back to it): cmake/imgui_draw_without_default_font.cmake.
set(CC_IMGUI_DRAW ${CMAKE_BINARY_DIR}/imgui/imgui_draw.cpp)
add_custom_command(
  OUTPUT ${CC_IMGUI_DRAW}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/imgui
  COMMAND ${CMAKE_COMMAND} -DIN=${IMGUI_DIR}/imgui_draw.cpp -DOUT=${CC_IMGUI_DRAW}
          -P ${CMAKE_SOURCE_DIR}/cmake/imgui_draw_without_default_font.cmake
  DEPENDS ${IMGUI_DIR}/imgui_draw.cpp ${CMAKE_SOURCE_DIR}/cmake/imgui_draw_without_default_font.cmake
  COMMENT "Copying imgui_draw.cpp without the default font"
  VERBATIM)
add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${CC_IMGUI_DRAW} ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR})
# The item hooks feed window.credentialsConsole.items() (see src/ui/item_registry.cpp).
target_compile_definitions(imgui PUBLIC IMGUI_ENABLE_TEST_ENGINE)
# Text in any script: code points above U+FFFF (emoji, CJK extensions) need 32-bit ImWchar.
target_compile_definitions(imgui PUBLIC IMGUI_USE_WCHAR32)
# Nothing the app does not call: no demo, metrics or debug windows, no obsolete names, no file
# functions (the settings file is off: io.IniFilename is null, and there is no file system).
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_METRICS_WINDOW
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_FILE_FUNCTIONS)

# The fonts, subset to what the app draws and compiled into the wasm (no file system at run
# time). The subsetter runs again when a font or the icon list changes.
set(CC_FONT_DIR /usr/share/fonts/opentype/inter)
set(CC_ICON_FONT /usr/share/fonts/truetype/fork-awesome/forkawesome-webfont.ttf)
set(CC_FONTS_OUT ${CMAKE_BINARY_DIR}/fonts)
file(MAKE_DIRECTORY ${CC_FONTS_OUT})
add_custom_command(
  OUTPUT ${CC_FONTS_OUT}/embedded_fonts.cpp
  BYPRODUCTS ${CC_FONTS_OUT}/inter_regular.otf ${CC_FONTS_OUT}/icons.ttf
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/cmake/embed_fonts.py ${CMAKE_SOURCE_DIR}/src/ui/icons.h
          ${CC_FONT_DIR}/Inter-Regular.otf ${CC_ICON_FONT} ${CC_FONTS_OUT}
  DEPENDS ${CMAKE_SOURCE_DIR}/cmake/embed_fonts.py ${CMAKE_SOURCE_DIR}/src/ui/icons.h
          ${CC_FONT_DIR}/Inter-Regular.otf ${CC_ICON_FONT}
  COMMENT "Subsetting and embedding the fonts"
  VERBATIM)

file(GLOB CC_UI_SOURCES CONFIGURE_DEPENDS src/ui/*.cpp)
add_library(cc_ui STATIC ${CC_UI_SOURCES} ${CC_FONTS_OUT}/embedded_fonts.cpp)
target_link_libraries(cc_ui PUBLIC cc_app imgui)
target_compile_options(cc_ui PRIVATE ${CC_WARNINGS})

set(CC_WEB_OUT ${CMAKE_BINARY_DIR}/web)
file(GLOB CC_WEB_SOURCES CONFIGURE_DEPENDS web/*.cpp)
add_executable(credentials_console ${CC_WEB_SOURCES})
target_include_directories(credentials_console PRIVATE ${CMAKE_SOURCE_DIR})
target_link_libraries(credentials_console PRIVATE cc_ui)
target_compile_options(credentials_console PRIVATE ${CC_WARNINGS})
set_target_properties(credentials_console PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CC_WEB_OUT} SUFFIX ".js")
# Bytes on the wire: the web app and the libraries it links are optimised for size (the unit
# tests' own code keeps the build type's flags). No C++ code catches exceptions (JSON is parsed
# without them) nor asks for run-time types.
set(CC_WEB_OPT -Oz CACHE STRING "Optimisation level of the web app (-Oz or -Os)")
# Inlining stays on: emcc turns it off for -Oz, which makes the data path (decoding 90 MB of JSON,
# building and sorting 100,000 rows) twice as slow, and inlining the small functions also makes
# the module smaller (6 KiB brotli).
set(CC_WEB_SIZE_FLAGS ${CC_WEB_OPT} -finline-functions -fno-rtti -fno-exceptions)
# Link-time optimisation: 9 KiB less on the wire; the link takes about 30 s instead of 10.
option(CC_WEB_LTO "Link-time optimisation of the web app" ON)
if(CC_WEB_LTO)
  list(APPEND CC_WEB_SIZE_FLAGS -flto)
endif()
foreach(lib imgui cc_ui cc_app cc_api cc_core credentials_console)
  target_compile_options(${lib} PRIVATE ${CC_WEB_SIZE_FLAGS})
endforeach()
target_link_options(credentials_console PRIVATE ${CC_WEB_SIZE_FLAGS}
  -sMALLOC=emmalloc -sFILESYSTEM=0 -sASSERTIONS=0 -sENVIRONMENT=web
  # Binaryen's passes run until the module stops shrinking (1.2 KiB, 7 s of link), after
  # functions that differ only in constants are merged into one taking them as arguments
  # (0.6 KiB: the many small instantiations of the same template).
  "-sBINARYEN_EXTRA_PASSES=--merge-similar-functions,--converge"
  # Less glue: every browser with WebGL2 has TextDecoder, and the renderer needs no WebGL
  # extension (WebGL2 itself has what it draws with).
  -sTEXTDECODER=2 -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0 -sGL_SUPPORT_SIMPLE_ENABLE_EXTENSIONS=0
  -sGL_EXTENSIONS_IN_PREFIXED_FORMAT=0
  # The browser's Math.sin, Math.pow, ... instead of musl's (5 KiB, most of it the table that
  # reduces large angles): the app calls them a few times a frame at most (arcs, the spinner,
  # zoom), where a call out to JavaScript costs nothing that shows.
  -sJS_MATH=1)
target_link_options(credentials_console PRIVATE
  -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sFETCH=1
  # Fetches are never cached in IndexedDB (the server's cache headers serve that purpose).
  -sFETCH_SUPPORT_INDEXEDDB=0
  # Memory starts small and grows with the data (WebAssembly memory is never given back, so a
  # large start would be held by every page, whatever its list).
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16777216
  "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free','_cc_items_json','_cc_frame','_cc_set_token','_cc_request_frames','_cc_frame_stats_json','_cc_reset_frame_stats','_cc_insert_text','_cc_focus_item','_cc_on_hash_change','_cc_on_color_scheme','_cc_fetch_part','_cc_fetch_done','_cc_font_info_json']"
  "-sEXPORTED_RUNTIME_METHODS=['UTF8ToString','stringToUTF8','lengthBytesUTF8','allocateUTF8']"
  "SHELL:--post-js ${CMAKE_SOURCE_DIR}/web/test_hooks.js"
  "SHELL:--post-js ${CMAKE_SOURCE_DIR}/web/a11y_mirror.js")
set_property(TARGET credentials_console APPEND PROPERTY LINK_DEPENDS ${CMAKE_SOURCE_DIR}/web/test_hooks.js
  ${CMAKE_SOURCE_DIR}/web/a11y_mirror.js ${CMAKE_SOURCE_DIR}/cmake/minify_js.js
  ${CMAKE_SOURCE_DIR}/shell/index.html ${CMAKE_SOURCE_DIR}/shell/boot.js ${CMAKE_SOURCE_DIR}/shell/style.css)
add_custom_command(TARGET credentials_console POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/shell/index.html ${CMAKE_SOURCE_DIR}/shell/boot.js
          ${CMAKE_SOURCE_DIR}/shell/style.css ${CC_WEB_OUT})
# The JavaScript minified (Emscripten's own pass only strips whitespace): the Emscripten glue
# and the copy of boot.js, before their compressed copies are made. Needs Debian's node-terser.
find_program(CC_NODE node)
if(CC_NODE AND EXISTS /usr/share/nodejs/terser/package.json)
  add_custom_command(TARGET credentials_console POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
            ${CC_NODE} ${CMAKE_SOURCE_DIR}/cmake/minify_js.js --toplevel ${CC_WEB_OUT}/credentials_console.js
    COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
            ${CC_NODE} ${CMAKE_SOURCE_DIR}/cmake/minify_js.js ${CC_WEB_OUT}/boot.js
    COMMENT "Minifying the web app's JavaScript"
    VERBATIM)
else()
  message(WARNING "node-terser is missing (scripts/setup installs it): the web app's JavaScript is served unminified")
endif()
# Precompressed copies (.br, .gz) of the served files, refreshed when a file changes.
include(${CMAKE_SOURCE_DIR}/cmake/precompress.cmake)
cc_precompress(TARGET credentials_console DIR ${CC_WEB_OUT})

# The memory probe of scripts/bench: the data path's WebAssembly memory for a stored list, with
# the web app's allocator and flags, run under node.
add_executable(memory_probe tests/bench/memory_probe.cpp)
target_link_libraries(memory_probe PRIVATE cc_core)
target_compile_options(memory_probe PRIVATE ${CC_WARNINGS} ${CC_WEB_SIZE_FLAGS})
target_link_options(memory_probe PRIVATE ${CC_WEB_SIZE_FLAGS} -sMALLOC=emmalloc -sNODERAWFS=1
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16777216 -sEXIT_RUNTIME=1)
