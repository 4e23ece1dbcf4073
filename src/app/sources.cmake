# The command-line application (STYLE.md): flags, configuration lookup, which
# writers run, the exit code. Above check/ and report/; nothing below includes it.
list(APPEND TRUSTLINT_SOURCES
  src/app/cli_reference.cpp
  src/app/command.cpp
  src/app/config.cpp
  src/app/large_stack.cpp
  src/app/progress.cpp
)
