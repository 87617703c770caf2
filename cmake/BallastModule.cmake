# Shared build settings: every ballast target links ballast_options instead of setting
# global flag strings.
add_library(ballast_options INTERFACE)
target_compile_features(ballast_options INTERFACE cxx_std_20)
target_compile_options(ballast_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                                 -Wno-sign-conversion)
# src/report/html.cpp checks the inlined chart library at compile time (static_assert over
# about 50 KB); clang's default budget of constexpr evaluation steps (2^20) is too small for it,
# GCC's (-fconstexpr-ops-limit, 2^33) is not.
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  target_compile_options(ballast_options INTERFACE -fconstexpr-steps=100000000)
endif()
if(BALLAST_WERROR)
  target_compile_options(ballast_options INTERFACE -Werror)
endif()
# float-cast-overflow is not part of -fsanitize=undefined: it catches a double converted to an
# integer type that cannot hold it (a NaN or an out-of-range value), undefined behaviour that
# otherwise reads as a plausible number.
set(BALLAST_SANITIZERS address,undefined,float-cast-overflow)
if(BALLAST_SANITIZE)
  target_compile_options(ballast_options INTERFACE -fsanitize=${BALLAST_SANITIZERS}
                                                   -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(ballast_options INTERFACE -fsanitize=${BALLAST_SANITIZERS})
endif()

# ballast_module(<name> SOURCES ... DEPS ...): static library ballast_<name>, alias ballast::<name>.
function(ballast_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(ballast_${name} STATIC ${ARG_SOURCES})
  add_library(ballast::${name} ALIAS ballast_${name})
  target_include_directories(ballast_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include)
  target_link_libraries(ballast_${name} PUBLIC ballast_options ${ARG_DEPS})
endfunction()
