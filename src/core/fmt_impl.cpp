// fmt's compiled part (Debian ships it as libfmt.so; its headers hold the code): built into
// ballast_fmt here, so that no ballast program loads a C++ shared library (see src/CMakeLists.txt).
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
// The locale-dependent helpers ballast's formatting calls for char (the headers only declare
// these templates).
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl<char>(locale_ref) -> char;
}  // namespace detail
FMT_END_NAMESPACE
