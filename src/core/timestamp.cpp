#include "ballast/core/timestamp.h"

#include <fmt/format.h>

#include <cstdlib>

#include "ballast/core/calendar.h"

namespace ballast {
namespace {

// Reads exactly `width` decimal digits at `pos`; advances `pos` on success.
bool read_digits(std::string_view s, std::size_t& pos, int width, int& out) {
  if (pos + static_cast<std::size_t>(width) > s.size()) return false;
  int value = 0;
  for (int i = 0; i < width; ++i) {
    const char c = s[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(width);
  out = value;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Parses the optional "Z" or "+HH[:MM]" suffix.
bool read_offset(std::string_view s, std::size_t& pos, std::optional<int>& offset_min) {
  if (pos == s.size()) return true;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
    offset_min = 0;
    return true;
  }
  if (s[pos] != '+' && s[pos] != '-') return false;
  const int sign = s[pos] == '-' ? -1 : 1;
  ++pos;
  int hh = 0;
  int mm = 0;
  if (!read_digits(s, pos, 2, hh)) return false;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    if (!read_digits(s, pos, 2, mm)) return false;
  }
  if (hh > 18 || mm > 59) return false;
  offset_min = sign * (hh * 60 + mm);
  return true;
}

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  const std::optional<WrittenTime> w = parse_written_time(s);
  if (!w) return std::nullopt;
  return Timestamp{w->clock_s - std::int64_t{w->offset_min.value_or(0)} * 60, w->offset_min};
}

namespace {

// "YYYY-MM-DD HH:MM:SS" (or with 'T'), the shape of nearly every row of a long series, read at
// fixed positions; anything else goes through the general parser below.
std::optional<WrittenTime> parse_fixed_shape(std::string_view s) {
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') ||
      s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  int v[6];
  static constexpr int kAt[6] = {0, 5, 8, 11, 14, 17};
  for (int k = 0; k < 6; ++k) {
    const int width = k == 0 ? 4 : 2;
    int x = 0;
    for (int j = 0; j < width; ++j) {
      const char c = s[static_cast<std::size_t>(kAt[k] + j)];
      if (c < '0' || c > '9') return std::nullopt;
      x = x * 10 + (c - '0');
    }
    v[k] = x;
  }
  if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1]) || v[3] > 23 ||
      v[4] > 59 || v[5] > 59) {
    return std::nullopt;  // the general parser decides (24:00:00, or an error)
  }
  WrittenTime out;
  out.has_time = true;
  out.clock_s = days_from_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 + v[4] * 60 + v[5];
  return out;
}

}  // namespace

std::optional<WrittenTime> parse_written_time(std::string_view s) {
  if (std::optional<WrittenTime> fast = parse_fixed_shape(s)) return fast;
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(s, pos, 4, year) || !expect(s, pos, '-') || !read_digits(s, pos, 2, month) ||
      !expect(s, pos, '-') || !read_digits(s, pos, 2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  WrittenTime out;
  if (pos < s.size()) {
    out.has_time = true;
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
    ++pos;
    if (!read_digits(s, pos, 2, hour) || !expect(s, pos, ':') || !read_digits(s, pos, 2, minute)) {
      return std::nullopt;
    }
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!read_digits(s, pos, 2, second)) return std::nullopt;
      if (pos < s.size() && s[pos] == '.') {  // fractions are allowed only when zero
        ++pos;
        const std::size_t first = pos;
        while (pos < s.size() && s[pos] == '0') ++pos;
        if (pos == first) return std::nullopt;
        if (pos < s.size() && s[pos] >= '1' && s[pos] <= '9') return std::nullopt;
      }
    }
    // 24:00:00 is the end of the day in ISO 8601; seconds 60 (leap) are not representable.
    if (hour > 24 || minute > 59 || second > 59) return std::nullopt;
    if (hour == 24 && (minute != 0 || second != 0)) return std::nullopt;
    if (!read_offset(s, pos, out.offset_min)) return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const std::int64_t days = days_from_civil(year, month, day);
  out.clock_s = days * 86400 + hour * 3600 + minute * 60 + second;
  return out;
}

std::string format_timestamp(std::int64_t utc_s, int offset_min) {
  const std::int64_t local = utc_s + std::int64_t{offset_min} * 60;
  const std::int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const std::int64_t sec = local - day * 86400;
  const CivilDate d = civil_from_days(day);
  std::string out = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", d.year, d.month, d.day,
                                sec / 3600, (sec / 60) % 60, sec % 60);
  if (offset_min == 0) return out + "Z";
  const int a = std::abs(offset_min);
  return out + fmt::format("{}{:02d}:{:02d}", offset_min < 0 ? '-' : '+', a / 60, a % 60);
}

}  // namespace ballast
