#pragma once
// The rules of an IANA time zone, read from the system's compiled tzdata (TZif files, RFC 8536)
// into one table of transitions: the file's own, then its footer's POSIX TZ rule written out
// year by year to kLastRuleYear. Only time_zone.cpp uses it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::tz {

/// A local time type: UTC offset and whether it is daylight-saving time.
struct Type {
  int offset_s = 0;
  bool dst = false;
  bool operator==(const Type&) const = default;
};

/// The zone as offsets between transitions: `before` until at[0], then type[k] from at[k].
struct Rules {
  Type before;
  std::vector<std::int64_t> at;  ///< UTC seconds, strictly increasing
  std::vector<Type> type;        ///< in force from at[k] to at[k + 1]

  /// The type in force at `utc_s`.
  const Type& at_instant(std::int64_t utc_s) const;
};

/// Footer rules are written out through this year; later instants keep the last type.
inline constexpr int kLastRuleYear = 2200;

/// Parses a TZif file's bytes; nullopt when they are not one (or use leap seconds).
std::optional<Rules> parse_tzif(std::string_view bytes);

/// Reads `name` (e.g. "America/Chicago") under $TZDIR, else /usr/share/zoneinfo.
std::optional<Rules> load(const std::string& name);

}  // namespace ballast::tz
