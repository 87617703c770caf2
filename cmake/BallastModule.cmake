# Shared build settings: every ballast target links ballast_options instead of setting
# global flag strings.
add_library(ballast_options INTERFACE)
target_compile_features(ballast_options INTERFACE cxx_std_20)
target_compile_options(ballast_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                                 -Wno-sign-conversion)
if(BALLAST_WERROR)
  target_compile_options(ballast_options INTERFACE -Werror)
endif()
if(BALLAST_SANITIZE)
  target_compile_options(ballast_options INTERFACE -fsanitize=address,undefined
                                                   -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(ballast_options INTERFACE -fsanitize=address,undefined)
endif()

# ballast_module(<name> SOURCES ... DEPS ...): static library ballast_<name>, alias ballast::<name>.
function(ballast_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(ballast_${name} STATIC ${ARG_SOURCES})
  add_library(ballast::${name} ALIAS ballast_${name})
  target_include_directories(ballast_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include)
  target_link_libraries(ballast_${name} PUBLIC ballast_options ${ARG_DEPS})
endfunction()
