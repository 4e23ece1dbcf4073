# cmake -DCOMMAND="prog;arg;..." -DOUTPUT=FILE -P run_to_file.cmake
# Runs COMMAND with its standard output in FILE, failing the build if it fails:
# add_custom_command has no portable output redirection.
execute_process(COMMAND ${COMMAND} OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR "${COMMAND} failed (${status})")
endif()
