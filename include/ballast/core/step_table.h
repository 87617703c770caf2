#pragma once
/// @file A study's per-step output kept in memory (what its per-step CSV holds, for Python's
/// to_pandas): a fixed-step time axis and named columns of doubles, filled row by row where the
/// study writes its CSV rows.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "ballast/core/time_zone.h"

namespace ballast {

class StepTable {
 public:
  StepTable() = default;
  /// Columns named `names` (the CSV's header names, units in them: "site_mw"); row k is at
  /// first_us + k * step_us microseconds. With `zone`, times count from the Unix epoch (UTC)
  /// and are local in that zone (a fixed offset or an IANA zone); without, from the run's
  /// start.
  StepTable(std::vector<std::string> names, std::int64_t first_us, std::int64_t step_us,
            std::optional<TimeZone> zone = std::nullopt);

  /// Room for `rows` rows (one allocation a column).
  void reserve(std::size_t rows);
  /// Appends one row: a value per column, in the order of names(). InternalError if the count
  /// differs.
  void add(std::initializer_list<double> row);

  std::size_t rows() const { return columns_.empty() ? 0 : columns_.front().size(); }
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<double>& column(std::size_t k) const { return columns_[k]; }
  std::int64_t first_us() const { return first_us_; }
  std::int64_t step_us() const { return step_us_; }
  /// Set when times are absolute (UTC since the epoch): their local zone.
  const std::optional<TimeZone>& zone() const { return zone_; }
  /// The time of row `k`, microseconds.
  std::int64_t time_us(std::size_t k) const {
    return first_us_ + static_cast<std::int64_t>(k) * step_us_;
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::vector<double>> columns_;
  std::int64_t first_us_ = 0;
  std::int64_t step_us_ = 0;
  std::optional<TimeZone> zone_;
};

}  // namespace ballast
