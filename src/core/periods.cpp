#include "ballast/core/periods.h"

#include <fmt/format.h>

#include <cmath>

namespace ballast {
namespace {

// 8760 -> "8,760" (hours in notes; core has no table formatting of its own).
std::string grouped(double value) {
  const auto v = static_cast<long long>(std::llround(value));
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

// Hours as text: whole hours grouped, else one decimal.
std::string hours_text(double h) {
  return std::fabs(h - std::round(h)) < 1e-9 ? grouped(h) : fmt::format("{:.1f}", h);
}

std::string list_partial(const std::vector<const PeriodCoverage*>& ps) {
  std::string out;
  for (std::size_t k = 0; k < ps.size(); ++k) {
    if (k > 0) out += k + 1 == ps.size() ? " and " : ", ";
    out += fmt::format("{} ({} h of {})", ps[k]->label(), hours_text(ps[k]->covered_h),
                       hours_text(ps[k]->length_h));
  }
  return out;
}

}  // namespace

std::optional<PartialPeriods> parse_partial_periods(std::string_view text) {
  if (text == "drop") return PartialPeriods::kDrop;
  if (text == "weight") return PartialPeriods::kWeight;
  if (text == "keep") return PartialPeriods::kKeep;
  return std::nullopt;
}

std::string_view to_string(PartialPeriods p) {
  switch (p) {
    case PartialPeriods::kDrop:
      return "drop";
    case PartialPeriods::kWeight:
      return "weight";
    case PartialPeriods::kKeep:
      return "keep";
  }
  return "drop";
}

std::string PeriodCoverage::label() const {
  return month == 0 ? std::to_string(year) : fmt::format("{}-{:02d}", year, month);
}

std::string describe_duration_h(double hours) {
  const double days = hours / 24.0;
  if (days < 100) return fmt::format("{:.1f} days", days);
  if (hours < 8760) return fmt::format("{:.1f} months", hours / 730.5);
  return fmt::format("{:.2f} years", hours / 8766.0);
}

std::vector<const PeriodCoverage*> PeriodWeights::partial() const {
  std::vector<const PeriodCoverage*> out;
  for (const PeriodCoverage& p : periods) {
    if (!p.full()) out.push_back(&p);
  }
  return out;
}

std::string PeriodWeights::partial_note() const {
  const std::vector<const PeriodCoverage*> ps = partial();
  if (ps.empty()) return "";
  const bool years = ps.front()->month == 0;
  const char* unit = years ? "year" : "month";
  const std::string list = list_partial(ps);
  const std::string plural = ps.size() > 1 ? "s" : "";
  if (no_full_period && mode == PartialPeriods::kDrop) {
    return fmt::format(
        "no local calendar {} is wholly covered ({}); the record's {} count as one period", unit,
        list, describe_duration_h(record_h));
  }
  switch (mode) {
    case PartialPeriods::kDrop:
      return fmt::format(
          "per-{} figures leave out the partly covered {}{} {} (--partial-years weight counts "
          "{} by the share covered)",
          unit, unit, plural, list, ps.size() > 1 ? "them" : "it");
    case PartialPeriods::kWeight:
      return fmt::format("the partly covered {}{} {} count by the share covered", unit, plural,
                         list);
    case PartialPeriods::kKeep:
      return fmt::format(
          "the partly covered {}{} {} count as whole {}s (--partial-years keep; this biases "
          "the average toward them)",
          unit, plural, list, unit);
  }
  return "";
}

std::string PeriodWeights::scaling_note() const {
  if (!scaled_up()) return "";
  return fmt::format("per-year figures are scaled up from {} of data",
                     describe_duration_h(counted_h));
}

PeriodWeights period_weights(std::int64_t start_s, std::int64_t step_s, std::size_t n,
                             const Calendar& calendar, PeriodKind kind, PartialPeriods mode) {
  PeriodWeights w;
  w.mode = mode;
  w.weight.assign(n, 0.0);
  w.counted.assign(n, false);
  const double step_h = static_cast<double>(step_s) / 3600.0;
  w.record_h = static_cast<double>(n) * step_h;
  if (n == 0) return w;
  int key = -1;
  for (const Calendar::DayRun& r : calendar.local_day_runs(start_s, step_s, n)) {
    const CivilDate d = civil_from_days(r.day);
    const int k = kind == PeriodKind::kYear ? d.year : d.year * 12 + d.month - 1;
    if (w.periods.empty() || k != key) {
      key = k;
      PeriodCoverage p;
      p.year = d.year;
      p.month = kind == PeriodKind::kYear ? 0 : d.month;
      p.first = r.first;
      w.periods.push_back(p);
    }
    w.periods.back().steps += r.end - r.first;
  }
  std::size_t full = 0;
  for (PeriodCoverage& p : w.periods) {
    p.covered_h = static_cast<double>(p.steps) * step_h;
    std::int64_t from = 0;
    std::int64_t to = 0;
    if (p.month == 0) {
      from = calendar.year_start_s(p.year);
      to = calendar.year_start_s(p.year + 1);
    } else {
      from = calendar.month_start_s(p.year, p.month);
      to = p.month == 12 ? calendar.month_start_s(p.year + 1, 1)
                         : calendar.month_start_s(p.year, p.month + 1);
    }
    p.length_h = static_cast<double>(to - from) / 3600.0;
    if (p.full()) ++full;
  }
  w.no_full_period = full == 0;
  double share_sum = 0;
  for (const PeriodCoverage& p : w.periods) share_sum += p.covered_h / p.length_h;
  for (const PeriodCoverage& p : w.periods) {
    double per_step = 0;
    if (w.no_full_period && mode == PartialPeriods::kDrop) {
      per_step = 1.0 / static_cast<double>(n);  // the record as one period
    } else if (mode == PartialPeriods::kDrop) {
      per_step = p.full() ? 1.0 / (static_cast<double>(full) * static_cast<double>(p.steps)) : 0;
    } else if (mode == PartialPeriods::kWeight) {
      per_step = (p.covered_h / p.length_h) / share_sum / static_cast<double>(p.steps);
    } else {
      per_step = 1.0 / (static_cast<double>(w.periods.size()) * static_cast<double>(p.steps));
    }
    const bool counted = per_step > 0;
    for (std::size_t i = p.first; i < p.first + p.steps; ++i) {
      w.weight[i] = per_step;
      w.counted[i] = counted;
    }
    if (counted) w.counted_h += p.covered_h;
  }
  return w;
}

}  // namespace ballast
