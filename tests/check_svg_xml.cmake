# Writes segment- and firm-level maps and the priorities chart of a chain (one whose names try to break XML,
# and a bundled one), then runs xmllint on them.
file(MAKE_DIRECTORY ${OUT})
foreach(view segment firm priorities)
  if(view STREQUAL "priorities")
    set(args --view priorities)
  else()
    set(args --level ${view})
  endif()
  execute_process(COMMAND ${CLI} map ${CHAIN} --region ${REGION} --hub ${HUB} ${args} -o ${OUT}/${view}.svg
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "chainatlas map ${args} failed (${rc}): ${err}")
  endif()
  execute_process(COMMAND xmllint --noout ${OUT}/${view}.svg RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${view}.svg is not well-formed XML: ${err}")
  endif()
endforeach()
