#pragma once
/// @file Calendar periods (local years or months) of a regular series, how fully the record
/// covers each, and the per-step weights that average a per-period figure over them.
///
/// A per-period average (Norris et al. 2025 average each calendar year's curtailment rate)
/// gives every period the same say. A period the record covers only in part -- the few hours of
/// an extra year left when a UTC record is shifted to local time -- would then weigh as much as
/// a whole year. The rule here is used by every per-year figure in ballast.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ballast/core/calendar.h"

namespace ballast {

/// What a per-period average does with a period the record covers only in part.
enum class PartialPeriods {
  kDrop,    ///< leave it out (the default); a record with no whole period is one period
  kWeight,  ///< count it by the share of the period it covers
  kKeep,    ///< count it as a whole period (ballast before 0.2; biased)
};
/// "drop", "weight", "keep".
std::optional<PartialPeriods> parse_partial_periods(std::string_view text);
std::string_view to_string(PartialPeriods p);

enum class PeriodKind { kYear, kMonth };

/// One local calendar period and the steps of the record in it.
struct PeriodCoverage {
  int year = 0;
  int month = 0;          ///< 1..12 for months, 0 for years
  std::size_t first = 0;  ///< index of its first step
  std::size_t steps = 0;  ///< steps of the record in it
  double covered_h = 0;   ///< steps * step length
  double length_h = 0;    ///< the period's length on the local clock's instants (DST aware)
  bool full() const { return covered_h >= length_h; }
  /// "2015" or "2015-12".
  std::string label() const;
};

/// How per-step values become a per-period average.
struct PeriodWeights {
  PartialPeriods mode = PartialPeriods::kDrop;
  std::vector<PeriodCoverage> periods;
  /// Per step; sum(weight * x) is the average over counted periods of each period's mean of x.
  /// Sums to 1. Zero on steps of periods left out.
  std::vector<double> weight;
  std::vector<bool> counted;  ///< per step: its period counts
  double record_h = 0;        ///< hours of the whole record
  double counted_h = 0;       ///< hours of the steps in counted periods
  /// No period was whole, so under kDrop the whole record counts as one period.
  bool no_full_period = false;

  /// The periods left out (kDrop) or counted by share (kWeight); empty under kKeep.
  std::vector<const PeriodCoverage*> partial() const;
  /// Julian years (8,766 h) of the counted steps: the divisor of every "per year" figure.
  double counted_years() const { return counted_h / 8766.0; }
  /// True when per-year figures are scaled up from less than a year of counted data.
  bool scaled_up() const { return counted_h < 8760.0 - 1e-9; }
  /// A sentence on partial periods left out or weighted, or "" when none.
  std::string partial_note() const;
  /// A sentence when per-year figures are scaled up from a short record, or "".
  std::string scaling_note() const;
};

/// The local periods of the n steps start_s + i * step_s (a step belongs to the period its start
/// falls in), their coverage and the weights under `mode`.
PeriodWeights period_weights(std::int64_t start_s, std::int64_t step_s, std::size_t n,
                             const Calendar& calendar, PeriodKind kind, PartialPeriods mode);

/// "73.0 days", "11.5 months" or "2.00 years": a record length in words.
std::string describe_duration_h(double hours);

}  // namespace ballast
