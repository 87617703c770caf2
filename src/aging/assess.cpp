#include "ballast/aging/assess.h"

#include <algorithm>
#include <cmath>

#include "ballast/core/error.h"
#include "ballast/core/periods.h"

namespace ballast::aging {

WearMeter::WearMeter(const AgingModel& model, double dt_s) : model_(model), dt_s_(dt_s) {}

void WearMeter::add(const Cycle& c) {
  (c.count == 1 ? wear_.full_cycles : wear_.half_cycles) += 1;
  // Bins are [k, k+1) tenths; 1e-9 keeps a range of 0.8 built from sums of 0.1 in bin 8.
  const int bin = std::clamp(static_cast<int>(c.range * kDepthBins + 1e-9), 0, kDepthBins - 1);
  wear_.cycles_by_depth[bin] += c.count;
  // The cycle's temperature: the trace's mean over the cycle, from the running sums the
  // counter carried (tags); a one-sample cycle uses the sample's own value.
  const double span = static_cast<double>(c.end - c.start);
  const double temp = span > 0 ? (c.end_tag - c.start_tag) / span : c.end_tag - c.start_tag;
  wear_.cycle_damage += c.count * model_.cycle_damage(c.range, c.mean, temp);
}

Wear WearMeter::finish() {
  rainflow_.finish(sink_);
  wear_.duration_s = static_cast<double>(n_) * dt_s_;
  wear_.equivalent_full_cycles = abs_dsoc_ / 2;
  wear_.mean_soc = n_ ? soc_sum_ / static_cast<double>(n_) : 0;
  wear_.mean_temp_c = n_ ? temp_cum_ / static_cast<double>(n_) : 0;
  const Wear w = wear_;
  wear_ = Wear{};
  last_ = abs_dsoc_ = soc_sum_ = temp_cum_ = 0;
  n_ = 0;
  return w;
}

Wear wear_of(const AgingModel& model, std::span<const double> soc, double dt_s, double temp_c) {
  WearMeter m(model, dt_s);
  for (double s : soc) m.push(s, temp_c);
  return m.finish();
}

Wear wear_of(const AgingModel& model, std::span<const double> soc, double dt_s,
             std::span<const double> temp_c) {
  if (temp_c.size() != soc.size()) {
    throw InputError("the temperature trace must have one value per SOC sample");
  }
  WearMeter m(model, dt_s);
  for (std::size_t i = 0; i < soc.size(); ++i) m.push(soc[i], temp_c[i]);
  return m.finish();
}

std::string scaling_note(const Wear& wear) {
  if (!scaled_up(wear)) return "";
  return "per-year wear and the life projection repeat a trace of " +
         describe_duration_h(wear.duration_s / 3600) + ", year after year";
}

double capacity_after(const AgingModel& model, const Wear& wear, double years) {
  const double per_year = wear.duration_s > 0 ? 365.25 * 86400 / wear.duration_s : 0;
  return model.capacity(wear.cycle_damage * per_year * years, 365.25 * years, wear.mean_soc,
                        wear.mean_temp_c);
}

Projection project(const AgingModel& model, const Wear& wear, double eol_capacity, int max_years) {
  Projection p;
  p.eol_capacity = eol_capacity;
  p.cycle_damage_per_year =
      wear.duration_s > 0 ? wear.cycle_damage * 365.25 * 86400 / wear.duration_s : 0;
  double prev = 1;
  for (int y = 1; y <= max_years; ++y) {
    const double c = capacity_after(model, wear, y);
    p.capacity.push_back(c);
    if (p.end_of_life_years < 0 && c <= eol_capacity) {
      // Linear within the year from the previous year's end (capacity 1 at year 0).
      p.end_of_life_years = (y - 1) + (prev - eol_capacity) / std::max(1e-300, prev - c);
    }
    prev = c;
  }
  p.fade_year1 = p.capacity.empty() ? 0 : 1 - p.capacity.front();
  return p;
}

}  // namespace ballast::aging
