#include "csv_fields.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "ballast/core/calendar.h"

namespace ballast::csv {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Words of a name: runs of letters and digits, lower-cased ("Load (MW)" -> load, mw).
std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string w;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w += lower(c);
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

bool read_int(std::string_view s, std::size_t& pos, int min_digits, int max_digits, int& out) {
  int n = 0;
  int v = 0;
  while (pos < s.size() && is_digit(s[pos]) && n < max_digits) {
    v = v * 10 + (s[pos] - '0');
    ++pos;
    ++n;
  }
  if (n < min_digits) return false;
  out = v;
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

char detect_delimiter(std::string_view header) {
  int comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

void split(std::string_view line, char delim, std::vector<Field>& fields) {
  fields.clear();
  // Fast path, nearly every line of a time series: no quotes, so each field ends at the next
  // delimiter (memchr) and only its ends need trimming.
  if (line.find('"') == std::string_view::npos) {
    std::size_t pos = 0;
    while (true) {
      const std::size_t end = std::min(line.find(delim, pos), line.size());
      std::size_t a = pos;
      std::size_t b = end;
      while (a < b && (line[a] == ' ' || (line[a] == '\t' && delim != '\t'))) ++a;
      while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\r' ||
                       (line[b - 1] == '\t' && delim != '\t'))) {
        --b;
      }
      fields.push_back({line.substr(a, b - a), static_cast<int>(a) + 1});
      if (end >= line.size()) return;
      pos = end + 1;
    }
  }
  std::size_t pos = 0;
  while (true) {
    std::size_t end = pos;
    bool quoted = false;
    while (end < line.size() && (quoted || line[end] != delim)) {
      if (line[end] == '"') quoted = !quoted;
      ++end;
    }
    const std::string_view raw = line.substr(pos, end - pos);
    std::size_t lead = 0;
    while (lead < raw.size() && (raw[lead] == ' ' || (raw[lead] == '\t' && delim != '\t'))) ++lead;
    std::string_view text = trim(raw);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
      text = trim(text.substr(1, text.size() - 2));
    }
    fields.push_back({text, static_cast<int>(pos + lead) + 1});
    if (end >= line.size()) break;
    pos = end + 1;
  }
}

std::optional<double> parse_plain_number(std::string_view s) {
  double value = 0;
  if (!parse_plain_number(s, value)) return std::nullopt;
  return value;
}

bool parse_plain_number(std::string_view s, double& value) {
  // Fast path (Clinger 1990): up to 15 digits and at most 22 after the point give a mantissa
  // and a power of ten that are both exact doubles, and one correctly rounded division is the
  // correctly rounded value -- the same double from_chars gives, in a fraction of the time.
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  {
    std::size_t i = 0;
    const bool negative = !s.empty() && s[0] == '-';
    if (negative) ++i;
    std::uint64_t mantissa = 0;
    std::uint64_t whole = 0;  // the mantissa at the point
    int digits = 0;
    int fraction = -1;  // digits after the point; -1: no point yet
    bool zero_fraction = true;
    bool ok = i < s.size();
    for (; i < s.size() && ok; ++i) {
      const char c = s[i];
      if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
        if (mantissa != 0) ++digits;
        if (fraction >= 0) {
          ++fraction;
          zero_fraction = zero_fraction && c == '0';
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
        whole = mantissa;
      } else {
        ok = false;
      }
    }
    const int scale = fraction < 0 ? 0 : fraction;
    const bool has_digit = s.size() > static_cast<std::size_t>(negative) + (fraction >= 0 ? 1 : 0);
    if (ok && has_digit && digits <= 15 && scale <= 22) {
      // A zero fraction ("95072.0") leaves the whole part, which the division would give
      // exactly: the same double without waiting for a division.
      const double v = fraction < 0    ? static_cast<double>(mantissa)
                       : zero_fraction ? static_cast<double>(whole)
                                       : static_cast<double>(mantissa) / kPow10[scale];
      value = negative ? -v : v;
      return true;
    }
  }
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '-') return false;  // "+-5" is not a number
  }
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return false;
  value = v;
  return true;
}

std::optional<double> parse_grouped_number(std::string_view s, char decimal) {
  const char group = decimal == '.' ? ',' : '.';
  std::string plain;
  plain.reserve(s.size());
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) plain += s[i++];
  // Integer part: digits, optionally grouped by `group` in threes after a first group of 1-3.
  std::size_t digits = 0;
  std::size_t since_group = 0;
  bool grouped = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (is_digit(c)) {
      plain += c;
      ++digits;
      ++since_group;
    } else if (c == group) {
      if (digits == 0 || (grouped && since_group != 3) || (!grouped && since_group > 3)) {
        return std::nullopt;
      }
      grouped = true;
      since_group = 0;
    } else {
      break;
    }
  }
  if (grouped && since_group != 3) return std::nullopt;
  if (i < s.size() && s[i] == decimal) {
    plain += '.';
    ++i;
  }
  for (; i < s.size(); ++i) {
    if (s[i] == group || s[i] == decimal) return std::nullopt;
    plain += s[i];  // fraction digits and an exponent; from_chars checks them
  }
  return parse_plain_number(plain);
}

std::optional<PowerUnit> parse_power_unit(std::string_view text) {
  std::string t;
  for (char c : text) t += lower(c);
  if (t == "w") return PowerUnit{"W", 1e-6};
  if (t == "kw") return PowerUnit{"kW", 1e-3};
  if (t == "mw") return PowerUnit{"MW", 1};
  if (t == "gw") return PowerUnit{"GW", 1e3};
  return std::nullopt;
}

std::optional<PowerUnit> unit_from_column_name(std::string_view name) {
  // Last unit word wins ("mw_from_kw" is not a thing; "demand_kw" and "Load [MW]" are).
  std::optional<PowerUnit> unit;
  for (const std::string& w : words(name)) {
    if (w == "w") continue;  // a lone "w" is too often something else ("w" for weight)
    if (auto u = parse_power_unit(w)) unit = u;
  }
  return unit;
}

bool is_year_last_date(std::string_view s) {
  std::size_t pos = 0;
  int a = 0, b = 0, y = 0;
  if (!read_int(s, pos, 1, 2, a) || pos >= s.size()) return false;
  const char sep = s[pos];
  if (sep != '/' && sep != '.' && sep != '-') return false;
  ++pos;
  if (!read_int(s, pos, 1, 2, b) || pos >= s.size() || s[pos] != sep) return false;
  ++pos;
  return read_int(s, pos, 4, 4, y);
}

std::pair<int, int> leading_date_parts(std::string_view s) {
  std::size_t pos = 0;
  int a = 0, b = 0;
  if (!read_int(s, pos, 1, 2, a) || pos >= s.size()) return {0, 0};
  ++pos;
  if (!read_int(s, pos, 1, 2, b)) return {0, 0};
  return {a, b};
}

DateOrderEvidence date_order_evidence(std::string_view rows, int header_line, char delim) {
  DateOrderEvidence e;
  std::size_t pos = 0;
  int line = header_line;
  while (pos < rows.size()) {
    const std::size_t nl = rows.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? rows.size() : nl;
    std::string_view l = trim(rows.substr(pos, end - pos));
    pos = end + 1;
    ++line;
    if (l.empty()) continue;
    if (l.front() == '"') l.remove_prefix(1);
    if (!is_year_last_date(l)) {
      if (!e.year_last) return e;  // ISO (or malformed, reported row by row)
      continue;
    }
    if (!e.year_last) e.example = std::string(l.substr(0, l.find(delim)));
    e.year_last = true;
    const auto [a, b] = leading_date_parts(l);
    if (a > 12 && e.day_first_line == 0) e.day_first_line = line;
    if (b > 12 && e.month_first_line == 0) e.month_first_line = line;
  }
  return e;
}

std::optional<WrittenTime> parse_ordered_date(std::string_view s, DateOrder order) {
  std::size_t pos = 0;
  int a = 0, b = 0, year = 0;
  if (!read_int(s, pos, 1, 2, a) || pos >= s.size()) return std::nullopt;
  const char sep = s[pos];
  if (sep != '/' && sep != '.' && sep != '-') return std::nullopt;
  ++pos;
  if (!read_int(s, pos, 1, 2, b) || pos >= s.size() || s[pos] != sep) return std::nullopt;
  ++pos;
  if (!read_int(s, pos, 4, 4, year)) return std::nullopt;
  const int month = order == DateOrder::kDayFirst ? b : a;
  const int day = order == DateOrder::kDayFirst ? a : b;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  WrittenTime w;
  w.clock_s = days_from_civil(year, month, day) * 86400;
  if (pos == s.size()) return w;
  if (s[pos] != ' ' && s[pos] != 'T') return std::nullopt;
  ++pos;
  int hh = 0, mm = 0, ss = 0;
  if (!read_int(s, pos, 1, 2, hh) || pos >= s.size() || s[pos] != ':') return std::nullopt;
  ++pos;
  if (!read_int(s, pos, 2, 2, mm)) return std::nullopt;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_int(s, pos, 2, 2, ss)) return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  if (hh > 24 || mm > 59 || ss > 59 || (hh == 24 && (mm != 0 || ss != 0))) return std::nullopt;
  w.has_time = true;
  w.clock_s += hh * 3600 + mm * 60 + ss;
  return w;
}

std::optional<int> parse_hour_of_day(std::string_view s) {
  std::size_t pos = 0;
  int hh = 0;
  if (!read_int(s, pos, 1, 2, hh)) return std::nullopt;
  int mm = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_int(s, pos, 2, 2, mm)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') {  // "24:00:00"
      ++pos;
      int ss = 0;
      if (!read_int(s, pos, 2, 2, ss) || ss != 0) return std::nullopt;
    }
  }
  if (pos != s.size() || hh > 24 || mm > 59 || (hh == 24 && mm != 0)) return std::nullopt;
  return hh * 3600 + mm * 60;
}

bool is_hour_column_name(std::string_view name, bool& ending) {
  const std::vector<std::string> w = words(name);
  if (w.empty()) return false;
  std::string joined;
  for (const std::string& x : w) joined += x;
  ending = joined == "he" || joined == "hourending" || joined == "hrend" || joined == "hourend";
  return ending || joined == "hour" || joined == "hr" || joined == "hourbeginning" ||
         joined == "hb" || joined == "hourstarting";
}

bool names_utc(std::string_view name) {
  const std::vector<std::string> w = words(name);
  const auto has = [&](const char* x) { return std::find(w.begin(), w.end(), x) != w.end(); };
  // "time_local_utc+8" names a local clock by its offset: not UTC.
  return (has("utc") || has("gmt")) && !has("local");
}

}  // namespace ballast::csv
