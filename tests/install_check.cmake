# Installs the build into a temporary prefix, runs the installed programs from another folder (so they must
# find their assets relative to themselves), and builds a consumer project with find_package(ChainAtlas).
# Arguments: -DBUILD=<build dir> -DWORK=<scratch dir> -DSOURCE=<tests dir> -DVIEWER=ON|OFF -DFLAGS=<sanitizer flags>
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/elsewhere")
set(prefix "${WORK}/prefix")

function(run)
  cmake_parse_arguments(R "" "WHAT" "COMMAND" ${ARGN})
  execute_process(COMMAND ${R_COMMAND} WORKING_DIRECTORY "${WORK}/elsewhere" RESULT_VARIABLE status
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${R_WHAT} failed (${status}):\n${out}\n${err}")
  endif()
  set(run_out "${out}" PARENT_SCOPE)
  set(run_err "${err}" PARENT_SCOPE)
endfunction()

run(WHAT "cmake --install" COMMAND ${CMAKE_COMMAND} --install "${BUILD}" --prefix "${prefix}")
foreach(path bin/chainatlas share/chainatlas/assets/theme.json share/chainatlas/chains/nev.json
             include/chainatlas/analysis/analysis.hpp lib/cmake/ChainAtlas/ChainAtlasConfig.cmake)
  if(NOT EXISTS "${prefix}/${path}")
    message(FATAL_ERROR "not installed: ${path}")
  endif()
endforeach()

# The installed command finds its theme next to itself: no "built-in theme" warning, the theme's colours.
run(WHAT "installed chainatlas map" COMMAND env -u CHAINATLAS_ASSETS "${prefix}/bin/chainatlas" map
    "${prefix}/share/chainatlas/chains/nev.json" --region suzhou --hub shanghai -o map.svg)
if(run_err MATCHES "theme")
  message(FATAL_ERROR "the installed chainatlas did not find its theme: ${run_err}")
endif()
file(READ "${WORK}/elsewhere/map.svg" svg)
if(NOT svg MATCHES "<svg")
  message(FATAL_ERROR "the installed chainatlas wrote no SVG")
endif()

if(VIEWER)
  run(WHAT "installed viewer screenshot" COMMAND env -u CHAINATLAS_ASSETS ASAN_OPTIONS=detect_leaks=0 HEADLESS_SCREEN=1280x800x24
      bash "${SOURCE}/headless.sh" "${prefix}/bin/chainatlas-viewer" "${prefix}/share/chainatlas/chains/nev.json"
      --region suzhou --screenshot shot.png --frames 3)
  if(NOT EXISTS "${WORK}/elsewhere/shot.png")
    message(FATAL_ERROR "the installed viewer wrote no screenshot")
  endif()
endif()

run(WHAT "consumer configure" COMMAND ${CMAKE_COMMAND} -S "${SOURCE}/consumer" -B "${WORK}/consumer"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_FLAGS=${FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}")
run(WHAT "consumer build" COMMAND ${CMAKE_COMMAND} --build "${WORK}/consumer")
run(WHAT "consumer run" COMMAND env ASAN_OPTIONS=detect_leaks=0 "${WORK}/consumer/consumer"
    "${prefix}/share/chainatlas/chains/nev.json" suzhou)
if(NOT run_out MATCHES "^firms [1-9][0-9]* targets [1-9]")
  message(FATAL_ERROR "unexpected consumer output: ${run_out}")
endif()
# A consumer of load + analysis links none of the drawing, document or Graphviz libraries.
run(WHAT "consumer's libraries" COMMAND readelf -d "${WORK}/consumer/consumer")
foreach(library cairo pango rsvg xlsxwriter gvc cgraph)
  if(run_out MATCHES "NEEDED[^\n]*lib${library}")
    message(FATAL_ERROR "the load + analysis consumer needs lib${library}:\n${run_out}")
  endif()
endforeach()
if(NOT run_out MATCHES "NEEDED")
  message(FATAL_ERROR "readelf shows no needed libraries for the consumer: ${run_out}")
endif()
