# Writes segment- and firm-level maps of a chain whose names try to break XML, then runs xmllint on them.
file(MAKE_DIRECTORY ${OUT})
foreach(level segment firm)
  execute_process(COMMAND ${CLI} map ${CHAIN} --region x --hub y --level ${level} -o ${OUT}/${level}.svg
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "chainatlas map --level ${level} failed (${rc}): ${err}")
  endif()
  execute_process(COMMAND xmllint --noout ${OUT}/${level}.svg RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${level}.svg is not well-formed XML: ${err}")
  endif()
endforeach()
