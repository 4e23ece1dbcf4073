list(APPEND TRUSTLINT_TEST_SOURCES
  tests/catalogue/catalogue_test.cpp
  tests/catalogue/tl40x_test.cpp
)
