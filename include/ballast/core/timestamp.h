#pragma once
/// @file ISO-8601 timestamps as integer seconds since 1970-01-01T00:00:00Z.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ballast {

/// A parsed timestamp: the UTC instant and the offset it was written with, if any.
struct Timestamp {
  std::int64_t utc_s = 0;         ///< seconds since the Unix epoch, UTC
  std::optional<int> offset_min;  ///< the written UTC offset in minutes, if present
};

/// A timestamp as written: the clock reading and the offset, if one was written.
struct WrittenTime {
  std::int64_t clock_s = 0;  ///< seconds since 1970-01-01T00:00 on the written clock
  std::optional<int> offset_min;
  bool has_time = false;  ///< false for a bare date
};

/// Parses "YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:MM]]" or a bare date "YYYY-MM-DD".
/// Timestamps without an offset are taken as UTC. Returns nullopt if malformed.
std::optional<Timestamp> parse_timestamp(std::string_view text);
/// The same syntax, without deciding what clock an offset-less reading is on.
std::optional<WrittenTime> parse_written_time(std::string_view text);

/// Formats an instant as "YYYY-MM-DDTHH:MM:SS" in local time at `offset_min`, with the offset
/// appended ("Z" for UTC, else "+HH:MM").
std::string format_timestamp(std::int64_t utc_s, int offset_min = 0);

}  // namespace ballast
