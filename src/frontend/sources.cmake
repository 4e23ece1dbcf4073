list(APPEND TRUSTLINT_SOURCES
  src/frontend/cloudformation/intrinsics.cpp
  src/frontend/cloudformation/loader.cpp
  src/frontend/cloudformation/raw_yaml.cpp
  src/frontend/git_symlink.cpp
  src/frontend/scan.cpp
)
