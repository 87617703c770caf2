#include "ballast/core/quantity.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace ballast {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// Splits "10GW" into 10 and "GW"; the unit is compared case-insensitively except for the
// k/M/G/T prefix, where "m" (milli) would be a trap, so prefixes are matched exactly.
std::optional<double> parse_with_unit(std::string_view text, std::string_view base) {
  text = trim(text);
  std::size_t end = 0;
  while (end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.' ||
          text[end] == '-' || text[end] == '+' || text[end] == 'e' || text[end] == 'E')) {
    // An 'e' followed by a letter is the start of a unit, not an exponent.
    if ((text[end] == 'e' || text[end] == 'E') &&
        (end + 1 >= text.size() || !(std::isdigit(static_cast<unsigned char>(text[end + 1])) ||
                                     text[end + 1] == '-' || text[end + 1] == '+'))) {
      break;
    }
    ++end;
  }
  const std::optional<double> number = parse_double(text.substr(0, end));
  if (!number) return std::nullopt;
  const std::string_view unit = trim(text.substr(end));
  if (unit.empty()) return number;
  if (unit.size() < base.size() ||
      !equal_ignoring_case(unit.substr(unit.size() - base.size()), base)) {
    return std::nullopt;
  }
  const std::string_view prefix = unit.substr(0, unit.size() - base.size());
  if (prefix.empty()) return *number * 1e-6;  // W or Wh
  if (prefix == "k") return *number * 1e-3;
  if (prefix == "M") return *number;
  if (prefix == "G") return *number * 1e3;
  if (prefix == "T") return *number * 1e6;
  return std::nullopt;
}

}  // namespace

std::optional<double> parse_double(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text.front() == '-') return std::nullopt;  // "+-5" is not a number
  }
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> parse_power_mw(std::string_view text) { return parse_with_unit(text, "W"); }

std::optional<double> parse_energy_mwh(std::string_view text) {
  return parse_with_unit(text, "Wh");
}

std::optional<double> parse_fraction(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.back() == '%') {
    const std::optional<double> pct = parse_double(text.substr(0, text.size() - 1));
    if (!pct) return std::nullopt;
    return *pct / 100.0;
  }
  return parse_double(text);
}

std::optional<double> parse_duration_s(std::string_view text) {
  text = trim(text);
  struct Unit {
    std::string_view suffix;
    double seconds;
  };
  // Longest suffixes first so that "min" is not read as "n" after "mi".
  static constexpr Unit kUnits[] = {{"min", 60}, {"h", 3600}, {"d", 86400}, {"s", 1}};
  for (const Unit& u : kUnits) {
    if (text.size() > u.suffix.size() && text.substr(text.size() - u.suffix.size()) == u.suffix) {
      const std::optional<double> v = parse_double(text.substr(0, text.size() - u.suffix.size()));
      if (!v || *v <= 0) return std::nullopt;
      return *v * u.seconds;
    }
  }
  return std::nullopt;
}

std::optional<std::vector<double>> parse_number_list(std::string_view text) {
  std::vector<double> out;
  while (true) {
    const std::size_t comma = text.find(',');
    const std::optional<double> v = parse_double(text.substr(0, comma));
    if (!v) return std::nullopt;
    out.push_back(*v);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<std::vector<double>> parse_range_or_list(std::string_view text) {
  const std::size_t c1 = text.find(':');
  if (c1 == std::string_view::npos) return parse_number_list(text);
  const std::size_t c2 = text.find(':', c1 + 1);
  if (c2 == std::string_view::npos) return std::nullopt;
  const auto start = parse_double(text.substr(0, c1));
  const auto stop = parse_double(text.substr(c1 + 1, c2 - c1 - 1));
  const auto step = parse_double(text.substr(c2 + 1));
  if (!start || !stop || !step || *step <= 0 || *stop < *start) return std::nullopt;
  const double count = std::floor((*stop - *start) / *step + 1e-9);
  if (count > 1e6) return std::nullopt;
  std::vector<double> out;
  for (int i = 0; i <= static_cast<int>(count); ++i) out.push_back(*start + i * *step);
  return out;
}

}  // namespace ballast
