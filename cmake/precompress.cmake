# Precompressed copies of the web app's files: FILE.gz (gzip -9 -n) and FILE.br (brotli -q 11)
# next to index.html, *.js, *.wasm, *.data and *.css of a directory, written after a target links
# and only for files newer than their copies. The server (src/server/static_files.cpp) sends a
# copy, with Content-Encoding, to clients that accept its coding, and never one older than its
# file, so a copy left over from an earlier build is harmless.
#
#   include(cmake/precompress.cmake)
#   cc_precompress(TARGET credentials_console DIR ${CC_WEB_OUT})   # after the target's other POST_BUILD steps
#
# The same file is the build step itself: cmake -DDIR=... -DGZIP=... -DBROTLI=... -P precompress.cmake

if(CMAKE_SCRIPT_MODE_FILE)
  if(NOT DIR OR NOT GZIP OR NOT BROTLI)
    message(FATAL_ERROR "precompress.cmake: set DIR, GZIP and BROTLI")
  endif()
  file(GLOB files LIST_DIRECTORIES false ${DIR}/index.html ${DIR}/*.js ${DIR}/*.wasm ${DIR}/*.data ${DIR}/*.css)
  foreach(file IN LISTS files)
    foreach(coding gz br)
      set(out "${file}.${coding}")
      # IS_NEWER_THAN is also true when the copy is missing (or the times are equal).
      if(NOT "${file}" IS_NEWER_THAN "${out}")
        continue()
      endif()
      # Written under a temporary name, then renamed: the server never sees half a file, and the
      # copy's time is after its file's.
      if(coding STREQUAL "gz")
        execute_process(COMMAND "${GZIP}" -9 -n -c "${file}" OUTPUT_FILE "${out}.tmp" RESULT_VARIABLE rc)
      else()
        execute_process(COMMAND "${BROTLI}" -q 11 -n -f -o "${out}.tmp" "${file}" RESULT_VARIABLE rc)
      endif()
      if(NOT rc EQUAL 0)
        file(REMOVE "${out}.tmp")
        message(FATAL_ERROR "precompress.cmake: compressing ${file} failed (${rc})")
      endif()
      file(CHMOD "${out}.tmp" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)  # like the build's other outputs
      file(RENAME "${out}.tmp" "${out}")
    endforeach()
  endforeach()
  return()
endif()

find_program(CC_GZIP gzip)
find_program(CC_BROTLI brotli)
set(CC_PRECOMPRESS_SCRIPT ${CMAKE_CURRENT_LIST_FILE})

function(cc_precompress)
  cmake_parse_arguments(ARG "" "TARGET;DIR" "" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_DIR)
    message(FATAL_ERROR "usage: cc_precompress(TARGET <target> DIR <directory>)")
  endif()
  if(NOT CC_GZIP OR NOT CC_BROTLI)
    message(WARNING "gzip or brotli is missing (scripts/setup installs them): ${ARG_TARGET}'s files are served "
                    "without precompressed copies")
    return()
  endif()
  add_custom_command(TARGET ${ARG_TARGET} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -DDIR=${ARG_DIR} -DGZIP=${CC_GZIP} -DBROTLI=${CC_BROTLI} -P ${CC_PRECOMPRESS_SCRIPT}
    COMMENT "Precompressing the files of ${ARG_DIR}"
    VERBATIM)
endfunction()
