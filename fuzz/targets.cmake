# libFuzzer targets (docs/fuzzing.md): configured with -DTRUSTLINT_FUZZ=ON and clang.
# Each target is instrumented for libFuzzer, AddressSanitizer and UBSan; the core
# library it links is instrumented too (fuzzer-no-link: coverage without a main).
foreach(target fuzz_cloudformation fuzz_terraform fuzz_plan fuzz_policy)
  add_executable(${target} fuzz/${target}.cpp)
  target_compile_options(${target} PRIVATE ${TRUSTLINT_WARNINGS} -fsanitize=fuzzer,address,undefined
                                           -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${target} PRIVATE trustlint_core)
endforeach()
add_custom_target(fuzz_targets DEPENDS fuzz_cloudformation fuzz_terraform fuzz_plan fuzz_policy)
