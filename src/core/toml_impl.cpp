// toml++'s compiled part (Debian ships it as libtomlplusplus.so; its headers hold the code):
// built into ballast_toml here, so that no ballast program loads a C++ shared library (see
// src/CMakeLists.txt). Every other file includes toml++ with TOML_HEADER_ONLY=0.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
