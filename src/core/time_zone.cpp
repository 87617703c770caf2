#include "ballast/core/time_zone.h"

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <limits>

#include "ballast/core/calendar.h"
#include "ballast/core/error.h"
#include "ballast/core/fields.h"

namespace ballast {

// CCTZ (Google, Apache-2.0; Debian libcctz-dev) reads the compiled TZif files of the system
// tzdata (/usr/share/zoneinfo, or $TZDIR) and answers both directions of the mapping,
// including which local readings a transition skips or repeats. The rules are never written
// by hand here.
struct TimeZone::Impl {
  cctz::time_zone zone;
};

namespace {

using Seconds = cctz::time_point<cctz::seconds>;

Seconds to_point(std::int64_t utc_s) { return Seconds(cctz::seconds(utc_s)); }
std::int64_t seconds_of(const Seconds& t) { return t.time_since_epoch().count(); }

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
  // A name must look like an IANA name: CCTZ would also take a file path.
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) {
    return std::nullopt;
  }
  cctz::time_zone zone;
  if (!cctz::load_time_zone(name, &zone)) return std::nullopt;
  TimeZone z;
  z.impl_ = std::make_shared<const Impl>(Impl{zone});
  z.name_ = name;
  // Standard time is the offset of whichever of mid-January and mid-July is not DST (both
  // hemispheres); a zone without DST has the same offset in both.
  const std::int64_t jan = 1705320000;  // 2024-01-15T12:00Z
  const std::int64_t jul = 1721044800;  // 2024-07-15T12:00Z
  const auto a = zone.lookup(to_point(jan));
  const auto b = zone.lookup(to_point(jul));
  z.standard_offset_min_ = (a.is_dst && !b.is_dst ? b.offset : a.offset) / 60;
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
  return impl_->zone.lookup(to_point(utc_s)).offset / 60;
}

bool TimeZone::is_dst(std::int64_t utc_s) const {
  return impl_ ? impl_->zone.lookup(to_point(utc_s)).is_dst : false;
}

std::vector<TimeZone::OffsetSpan> TimeZone::spans(std::int64_t from_s, std::int64_t to_s) const {
  std::vector<OffsetSpan> out;
  if (to_s <= from_s) return out;
  if (!impl_) {
    out.push_back({from_s, to_s, fixed_offset_min_});
    return out;
  }
  const cctz::time_zone& z = impl_->zone;
  std::int64_t at = from_s;
  while (at < to_s) {
    const int off = z.lookup(to_point(at)).offset / 60;
    cctz::time_zone::civil_transition tr;
    std::int64_t next = to_s;
    if (z.next_transition(to_point(at), &tr)) {
      next = std::min(to_s, seconds_of(z.lookup(tr.from).trans));
    }
    if (next <= at) next = to_s;  // defensive: never loop on a malformed zone
    out.push_back({at, next, off});
    at = next;
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
  // Local civil seconds -> civil_second from its date and clock (adding seconds to the epoch's
  // civil_second would make CCTZ normalise them, far slower for decades of seconds).
  const std::int64_t day = floor_days(local_s);
  const std::int64_t sec = local_s - day * 86400;
  const CivilDate d = civil_from_days(day);
  const cctz::civil_second cs(d.year, d.month, d.day, sec / 3600, (sec / 60) % 60, sec % 60);
  const cctz::time_zone::civil_lookup cl = impl_->zone.lookup(cs);
  r.transition_utc_s = seconds_of(cl.trans);
  switch (cl.kind) {
    case cctz::time_zone::civil_lookup::UNIQUE:
      r.first_utc_s = r.second_utc_s = seconds_of(cl.pre);
      break;
    case cctz::time_zone::civil_lookup::SKIPPED:
      r.kind = LocalKind::kSkipped;
      r.first_utc_s = seconds_of(cl.pre);
      r.second_utc_s = seconds_of(cl.post);
      break;
    case cctz::time_zone::civil_lookup::REPEATED:
      r.kind = LocalKind::kRepeated;
      r.first_utc_s = seconds_of(cl.pre);
      r.second_utc_s = seconds_of(cl.post);
      break;
  }
  return r;
}

}  // namespace ballast
