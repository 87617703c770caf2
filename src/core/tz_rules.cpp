#include "tz_rules.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "ballast/core/calendar.h"

namespace ballast::tz {
namespace {

// Big-endian reads from a TZif body; `ok` turns false past the end.
class Bytes {
 public:
  explicit Bytes(std::string_view b) : b_(b) {}
  bool ok() const { return ok_; }
  std::size_t left() const { return ok_ ? b_.size() - at_ : 0; }
  std::int64_t integer(int width) {
    if (!ok_ || b_.size() - at_ < static_cast<std::size_t>(width)) {
      ok_ = false;
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = v << 8 | static_cast<unsigned char>(b_[at_++]);
    // sign-extend a 4-byte value
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  void skip(std::size_t n) {
    if (left() < n) ok_ = false;
    at_ += ok_ ? n : 0;
  }
  std::string_view rest() const { return ok_ ? b_.substr(at_) : std::string_view{}; }

 private:
  std::string_view b_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

struct Header {
  char version = 0;
  std::int64_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
};

std::optional<Header> read_header(Bytes& in, std::string_view magic_at) {
  if (magic_at.substr(0, 4) != "TZif" || magic_at.size() < 44) return std::nullopt;
  Header h;
  h.version = magic_at[4];
  in.skip(20);
  h.isut = in.integer(4);
  h.isstd = in.integer(4);
  h.leap = in.integer(4);
  h.time = in.integer(4);
  h.type = in.integer(4);
  h.chars = in.integer(4);
  const bool sane = h.isut >= 0 && h.isstd >= 0 && h.leap >= 0 && h.time >= 0 && h.type >= 1 &&
                    h.type <= 256 && h.chars >= 0;
  if (!in.ok() || !sane) return std::nullopt;
  return h;
}

// ---- the footer: a POSIX TZ string such as "CST6CDT,M3.2.0,M11.1.0" --------------------------

class Posix {
 public:
  explicit Posix(std::string_view s) : s_(s) {}

  struct Date {
    char kind = 'M';  // 'J': Jn (1..365, no Feb 29); 'D': n (0..365); 'M': Mm.w.d
    int a = 0, b = 0, c = 0;
    int time_s = 7200;
  };
  struct Rule {
    Type std_type, dst_type;
    bool has_dst = false;
    Date start, end;
  };

  std::optional<Rule> parse() {
    Rule r;
    if (!name()) return std::nullopt;
    const std::optional<int> std_off = hms(true);
    if (!std_off) return std::nullopt;
    r.std_type = {-*std_off, false};
    if (at_ == s_.size()) return r;
    if (!name()) return std::nullopt;
    r.has_dst = true;
    r.dst_type = {r.std_type.offset_s + 3600, true};
    if (at_ < s_.size() && s_[at_] != ',') {
      const std::optional<int> dst_off = hms(true);
      if (!dst_off) return std::nullopt;
      r.dst_type.offset_s = -*dst_off;
    }
    if (at_ == s_.size() || s_[at_] != ',') return std::nullopt;  // TZif footers give the rule
    ++at_;
    const std::optional<Date> start = date();
    if (!start || at_ == s_.size() || s_[at_] != ',') return std::nullopt;
    ++at_;
    const std::optional<Date> end = date();
    if (!end || at_ != s_.size()) return std::nullopt;
    r.start = *start;
    r.end = *end;
    return r;
  }

 private:
  bool name() {
    if (at_ < s_.size() && s_[at_] == '<') {
      const std::size_t close = s_.find('>', at_);
      if (close == std::string_view::npos) return false;
      at_ = close + 1;
      return true;
    }
    const std::size_t from = at_;
    while (at_ < s_.size() &&
           ((s_[at_] >= 'A' && s_[at_] <= 'Z') || (s_[at_] >= 'a' && s_[at_] <= 'z'))) {
      ++at_;
    }
    return at_ - from >= 3;
  }
  std::optional<int> number(int lo, int hi) {
    const std::size_t from = at_;
    int v = 0;
    while (at_ < s_.size() && s_[at_] >= '0' && s_[at_] <= '9' && at_ - from < 4) {
      v = v * 10 + (s_[at_++] - '0');
    }
    if (at_ == from || v < lo || v > hi) return std::nullopt;
    return v;
  }
  // [+|-]hh[:mm[:ss]] in seconds; hours up to 167 (RFC 8536's extension of POSIX).
  std::optional<int> hms(bool signed_ok) {
    int sign = 1;
    if (signed_ok && at_ < s_.size() && (s_[at_] == '+' || s_[at_] == '-')) {
      sign = s_[at_++] == '-' ? -1 : 1;
    }
    const std::optional<int> h = number(0, 167);
    if (!h) return std::nullopt;
    int s = *h * 3600;
    for (const int unit : {60, 1}) {
      if (at_ >= s_.size() || s_[at_] != ':') break;
      ++at_;
      const std::optional<int> part = number(0, 59);
      if (!part) return std::nullopt;
      s += *part * unit;
    }
    return sign * s;
  }
  std::optional<Date> date() {
    Date d;
    std::optional<int> a, b, c;
    if (at_ < s_.size() && s_[at_] == 'M') {
      ++at_;
      a = number(1, 12);
      if (!a || at_ >= s_.size() || s_[at_++] != '.') return std::nullopt;
      b = number(1, 5);
      if (!b || at_ >= s_.size() || s_[at_++] != '.') return std::nullopt;
      c = number(0, 6);
      if (!c) return std::nullopt;
      d = {'M', *a, *b, *c};
    } else if (at_ < s_.size() && s_[at_] == 'J') {
      ++at_;
      if (!(a = number(1, 365))) return std::nullopt;
      d = {'J', *a};
    } else {
      if (!(a = number(0, 365))) return std::nullopt;
      d = {'D', *a};
    }
    if (at_ < s_.size() && s_[at_] == '/') {
      ++at_;
      const std::optional<int> t = hms(true);
      if (!t) return std::nullopt;
      d.time_s = *t;
    }
    return d;
  }

  std::string_view s_;
  std::size_t at_ = 0;
};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Local seconds since 1970 at which `d` falls in `year`.
std::int64_t local_s(const Posix::Date& d, int year) {
  std::int64_t day = 0;
  if (d.kind == 'J') {
    day = days_from_civil(year, 1, 1) + d.a - 1 + (is_leap(year) && d.a >= 60 ? 1 : 0);
  } else if (d.kind == 'D') {
    day = days_from_civil(year, 1, 1) + d.a;
  } else {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int in_month = kDays[d.a - 1] + (d.a == 2 && is_leap(year) ? 1 : 0);
    const std::int64_t first = days_from_civil(year, d.a, 1);
    const int weekday_of_first = static_cast<int>(((first + 4) % 7 + 7) % 7);  // 1970-01-01: Thu
    int dom = 1 + (d.c - weekday_of_first + 7) % 7 + (d.b - 1) * 7;
    while (dom > in_month) dom -= 7;
    day = first + dom - 1;
  }
  return day * 86400 + d.time_s;
}

// Writes the footer's rule out as transitions after the file's last one, to kLastRuleYear.
void extend(Rules& rules, const Posix::Rule& rule) {
  if (!rule.has_dst) return;
  const std::int64_t last = rules.at.empty() ? 0 : rules.at.back();
  const int from_year = civil_from_days(floor_days(last)).year;
  for (int y = from_year; y <= kLastRuleYear; ++y) {
    // The start is read on the standard-time clock, the end on the daylight-saving clock.
    std::pair<std::int64_t, Type> events[] = {
        {local_s(rule.start, y) - rule.std_type.offset_s, rule.dst_type},
        {local_s(rule.end, y) - rule.dst_type.offset_s, rule.std_type}};
    if (events[1].first < events[0].first) std::swap(events[0], events[1]);
    for (const auto& [at, type] : events) {
      const Type& now = rules.type.empty() ? rules.before : rules.type.back();
      if ((!rules.at.empty() && at <= rules.at.back()) || type == now) continue;
      rules.at.push_back(at);
      rules.type.push_back(type);
    }
  }
}

}  // namespace

const Type& Rules::at_instant(std::int64_t utc_s) const {
  const auto it = std::upper_bound(at.begin(), at.end(), utc_s);
  return it == at.begin() ? before : type[static_cast<std::size_t>(it - at.begin()) - 1];
}

std::optional<Rules> parse_tzif(std::string_view bytes) {
  Bytes in(bytes);
  std::optional<Header> h = read_header(in, bytes);
  if (!h) return std::nullopt;
  int width = 4;
  if (h->version >= '2') {  // skip the 32-bit body: the 64-bit one follows with its own header
    in.skip(static_cast<std::size_t>(h->time * 5 + h->type * 6 + h->chars + h->leap * 8 + h->isstd +
                                     h->isut));
    const std::string_view second = in.rest();
    h = read_header(in, second);
    if (!h) return std::nullopt;
    width = 8;
  }
  if (h->leap != 0) return std::nullopt;  // "right/" zones count leap seconds: not supported
  Rules r;
  r.at.resize(static_cast<std::size_t>(h->time));
  for (std::int64_t& t : r.at) t = in.integer(width);
  std::vector<std::size_t> index(static_cast<std::size_t>(h->time));
  for (std::size_t& i : index) i = static_cast<std::size_t>(in.integer(1));
  std::vector<Type> types(static_cast<std::size_t>(h->type));
  for (Type& t : types) {
    t.offset_s = static_cast<int>(in.integer(4));
    t.dst = in.integer(1) != 0;
    in.skip(1);  // abbreviation index
  }
  in.skip(static_cast<std::size_t>(h->chars + h->isstd + h->isut));
  if (!in.ok() || !std::is_sorted(r.at.begin(), r.at.end()) ||
      std::adjacent_find(r.at.begin(), r.at.end()) != r.at.end()) {
    return std::nullopt;
  }
  for (const Type& t : types) {
    if (t.offset_s <= -86400 || t.offset_s >= 86400) return std::nullopt;
  }
  r.before = types[0];
  for (const std::size_t i : index) {
    if (i >= types.size()) return std::nullopt;
    r.type.push_back(types[i]);
  }
  if (width == 8) {  // the footer: "\n" POSIX-TZ "\n"
    const std::string_view rest = in.rest();
    if (rest.size() < 2 || rest[0] != '\n') return std::nullopt;
    const std::size_t end = rest.find('\n', 1);
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view footer = rest.substr(1, end - 1);
    if (!footer.empty()) {
      const std::optional<Posix::Rule> rule = Posix(footer).parse();
      if (!rule) return std::nullopt;
      if (r.at.empty()) r.before = rule->std_type;
      extend(r, *rule);
    }
  }
  return r;
}

std::optional<Rules> load(const std::string& name) {
  const char* dir = std::getenv("TZDIR");
  const std::string path =
      std::string(dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo") + "/" + name;
  // A regular file only: a zone's folder ("America") or a device is no zone.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream f(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  if (!f.good() && !f.eof()) return std::nullopt;
  return parse_tzif(bytes);
}

}  // namespace ballast::tz
