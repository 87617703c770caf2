#pragma once
/// @file Time zones: a fixed offset from UTC, or an IANA zone (e.g. America/Chicago) with its
/// daylight-saving rules read from the system's tzdata (src/core/tz_rules.cpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ballast {

/// A time zone. Cheap to copy (a named zone shares one loaded rule set).
class TimeZone {
 public:
  /// UTC.
  TimeZone();
  /// A fixed offset without daylight saving; `offset_min` is local time minus UTC.
  static TimeZone fixed(int offset_min);
  /// An IANA zone such as "America/Chicago", "Asia/Taipei" or "UTC"; "UTC+08:00" and
  /// "UTC-06:00" give fixed offsets. Throws InputError naming the zone if tzdata lacks it.
  static TimeZone named(const std::string& name);
  /// Like named(), but nullopt instead of an error.
  static std::optional<TimeZone> find(const std::string& name);

  /// "America/Chicago", or "UTC", "UTC+08:00" for fixed offsets.
  const std::string& name() const { return name_; }
  /// True for a fixed offset (no rules).
  bool is_fixed() const { return impl_ == nullptr; }
  /// Local time minus UTC at the instant `utc_s`, minutes.
  int offset_min(std::int64_t utc_s) const;
  /// The zone's standard-time (winter) offset, minutes; the fixed offset for a fixed zone.
  int standard_offset_min() const { return standard_offset_min_; }
  /// True if daylight-saving time is in force at `utc_s`.
  bool is_dst(std::int64_t utc_s) const;

  /// A stretch of time with one offset: [from_s, to_s) in UTC seconds.
  struct OffsetSpan {
    std::int64_t from_s;
    std::int64_t to_s;
    int offset_min;
  };
  /// The stretches of constant offset that cover [from_s, to_s), in order.
  std::vector<OffsetSpan> spans(std::int64_t from_s, std::int64_t to_s) const;

  /// What a local clock reading means in this zone.
  enum class LocalKind {
    kUnique,    ///< exactly one instant
    kSkipped,   ///< the clock jumped over it (spring forward): no instant
    kRepeated,  ///< the clock passed it twice (fall back): two instants
  };
  struct LocalResolution {
    LocalKind kind = LocalKind::kUnique;
    std::int64_t first_utc_s = 0;       ///< the instant with the offset before the transition
    std::int64_t second_utc_s = 0;      ///< ... with the offset after it (== first if unique)
    std::int64_t transition_utc_s = 0;  ///< the transition (kSkipped, kRepeated)
  };
  /// Resolves local civil seconds (seconds since 1970-01-01T00:00 on the local clock).
  LocalResolution resolve(std::int64_t local_s) const;

  bool operator==(const TimeZone& o) const { return name_ == o.name_; }

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
  std::string name_ = "UTC";
  int fixed_offset_min_ = 0;
  int standard_offset_min_ = 0;
};

/// "UTC", "UTC+08:00", "UTC-05:30" for a fixed offset in minutes.
std::string fixed_zone_name(int offset_min);

}  // namespace ballast
