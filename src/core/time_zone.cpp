#include "ballast/core/time_zone.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "ballast/core/calendar.h"
#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "tz_rules.h"

namespace ballast {

// The rules come from the compiled TZif files of the system tzdata (/usr/share/zoneinfo, or
// $TZDIR), read by tz_rules.cpp; they are never written by hand here.
struct TimeZone::Impl {
  tz::Rules rules;
};

namespace {

// "UTC+08:00", "UTC-6", "UTC+0530" -> minutes.
std::optional<int> parse_fixed(const std::string& name) {
  if (name == "UTC" || name == "Z" || name == "Etc/UTC") return 0;
  if (name.size() < 5 || name.compare(0, 3, "UTC") != 0) return std::nullopt;
  const char sign = name[3];
  if (sign != '+' && sign != '-') return std::nullopt;
  std::string rest = name.substr(4);
  int hh = 0;
  int mm = 0;
  const std::size_t colon = rest.find(':');
  std::string h = colon == std::string::npos ? rest : rest.substr(0, colon);
  std::string m = colon == std::string::npos ? "" : rest.substr(colon + 1);
  if (colon == std::string::npos && rest.size() == 4) {
    h = rest.substr(0, 2);
    m = rest.substr(2);
  }
  for (const std::string* s : {&h, &m}) {
    for (char c : *s)
      if (c < '0' || c > '9') return std::nullopt;
  }
  if (h.empty() || h.size() > 2 || (!m.empty() && m.size() != 2)) return std::nullopt;
  hh = std::atoi(h.c_str());
  mm = m.empty() ? 0 : std::atoi(m.c_str());
  if (hh > 14 || mm > 59) return std::nullopt;
  return (sign == '-' ? -1 : 1) * (hh * 60 + mm);
}

}  // namespace

std::string fixed_zone_name(int offset_min) {
  if (offset_min == 0) return "UTC";
  const int a = std::abs(offset_min);
  return fmt::format("UTC{}{:02d}:{:02d}", offset_min < 0 ? '-' : '+', a / 60, a % 60);
}

TimeZone::TimeZone() = default;

TimeZone TimeZone::fixed(int offset_min) {
  TimeZone z;
  z.fixed_offset_min_ = offset_min;
  z.standard_offset_min_ = offset_min;
  z.name_ = fixed_zone_name(offset_min);
  return z;
}

std::optional<TimeZone> TimeZone::find(const std::string& name) {
  if (const std::optional<int> off = parse_fixed(name)) return fixed(*off);
  // A name must look like an IANA name, not a path out of the tzdata folder.
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) {
    return std::nullopt;
  }
  std::optional<tz::Rules> rules = tz::load(name);
  if (!rules) return std::nullopt;
  TimeZone z;
  z.impl_ = std::make_shared<const Impl>(Impl{std::move(*rules)});
  z.name_ = name;
  // Standard time is the offset of whichever of mid-January and mid-July is not DST (both
  // hemispheres); a zone without DST has the same offset in both.
  const std::int64_t jan = 1705320000;  // 2024-01-15T12:00Z
  const std::int64_t jul = 1721044800;  // 2024-07-15T12:00Z
  const tz::Type& a = z.impl_->rules.at_instant(jan);
  const tz::Type& b = z.impl_->rules.at_instant(jul);
  z.standard_offset_min_ = (a.dst && !b.dst ? b.offset_s : a.offset_s) / 60;
  return z;
}

TimeZone TimeZone::named(const std::string& name) {
  if (std::optional<TimeZone> z = find(name)) return *z;
  throw InputError(fmt::format(
      "unknown time zone {}; give an IANA name such as America/Chicago, America/New_York, "
      "Europe/Berlin or Asia/Taipei (the system's tzdata, /usr/share/zoneinfo), or a fixed "
      "offset such as UTC+08:00",
      quote_input(name)));
}

int TimeZone::offset_min(std::int64_t utc_s) const {
  if (!impl_) return fixed_offset_min_;
  return impl_->rules.at_instant(utc_s).offset_s / 60;
}

bool TimeZone::is_dst(std::int64_t utc_s) const {
  return impl_ ? impl_->rules.at_instant(utc_s).dst : false;
}

std::vector<TimeZone::OffsetSpan> TimeZone::spans(std::int64_t from_s, std::int64_t to_s) const {
  std::vector<OffsetSpan> out;
  if (to_s <= from_s) return out;
  if (!impl_) {
    out.push_back({from_s, to_s, fixed_offset_min_});
    return out;
  }
  const tz::Rules& z = impl_->rules;
  auto next = std::upper_bound(z.at.begin(), z.at.end(), from_s);
  std::int64_t at = from_s;
  while (at < to_s) {
    const std::int64_t end = next == z.at.end() ? to_s : std::min(to_s, *next);
    const int offset_min = z.at_instant(at).offset_s / 60;
    if (!out.empty() && out.back().offset_min == offset_min) {
      out.back().to_s = end;  // a transition of name or flag alone
    } else {
      out.push_back({at, end, offset_min});
    }
    at = end;
    if (next != z.at.end()) ++next;
  }
  return out;
}

TimeZone::LocalResolution TimeZone::resolve(std::int64_t local_s) const {
  LocalResolution r;
  if (!impl_) {
    r.first_utc_s = r.second_utc_s = r.transition_utc_s =
        local_s - std::int64_t{fixed_offset_min_} * 60;
    return r;
  }
  // The instants u with u + offset(u) = local_s: one per offset in force within two days of
  // it (transitions are further apart, offsets under a day), kept where that offset holds.
  const tz::Rules& z = impl_->rules;
  const std::int64_t window = 2 * 86400;
  const auto first = std::upper_bound(z.at.begin(), z.at.end(), local_s - window);
  std::int64_t found[2] = {0, 0};
  int count = 0;
  std::int64_t from = std::numeric_limits<std::int64_t>::min();
  tz::Type type =
      first == z.at.begin() ? z.before : z.type[static_cast<std::size_t>(first - z.at.begin()) - 1];
  tz::Type before_last = type;  // the offsets on either side of the last transition passed
  for (auto it = first;; ++it) {
    const std::int64_t until =
        it == z.at.end() || *it > local_s + window ? std::numeric_limits<std::int64_t>::max() : *it;
    const std::int64_t u = local_s - type.offset_s;
    if (u >= from && u < until && count < 2) found[count++] = u;
    if (until == std::numeric_limits<std::int64_t>::max()) break;
    r.transition_utc_s = until;
    before_last = type;
    type = z.type[static_cast<std::size_t>(it - z.at.begin())];
    from = until;
  }
  if (count == 1) {
    r.first_utc_s = r.second_utc_s = r.transition_utc_s = found[0];
  } else if (count == 2) {
    r.kind = LocalKind::kRepeated;
    r.first_utc_s = found[0];
    r.second_utc_s = found[1];
  } else {
    r.kind = LocalKind::kSkipped;
    r.first_utc_s = local_s - before_last.offset_s;
    r.second_utc_s = local_s - type.offset_s;
  }
  return r;
}

}  // namespace ballast
