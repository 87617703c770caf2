#include "ballast/plan/plan_json.h"

#include <cmath>

namespace ballast::plan {
namespace {

// JSON has no infinity: an unlimited quantity is written as null.
nlohmann::ordered_json finite_or_null(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json grid_json(const Grid& grid, const std::string& source) {
  const int offset = grid.calendar.utc_offset_min();
  const LoadSeries& s = grid.load;
  return {
      {"source", source},
      {"column", s.name},
      {"start", grid.calendar.format(s.start_s)},
      {"end", grid.calendar.format(s.time_s(s.size()))},
      {"step_s", s.step_s},
      {"steps", s.size()},
      {"timezone", grid.calendar.zone().name()},
      {"utc_offset_h", offset / 60.0},  // standard time
      {"years", grid.years},
      {"partial_years", std::string(to_string(grid.partial_years))},
      {"counted_years", grid.counted_years},
      {"per_year_scaled_up", grid.scaled_up()},
      {"notes", grid.notes},
      {"peak_mw", grid.peak_mw},
      {"mean_mw", grid.mean_mw},
      {"load_factor_frac", grid.load_factor()},
      {"energy_twh_per_year", grid.energy_mwh_per_year() * 1e-6},
      {"threshold", grid.threshold_label},
  };
}

nlohmann::ordered_json storage_json(const StorageParams& p, SocStart start) {
  return {
      {"discharge_power_mw", finite_or_null(p.discharge_power_mw)},
      {"charge_power_mw", finite_or_null(p.charge_power_mw)},
      {"energy_mwh", p.energy_mwh},
      {"charge_efficiency_frac", p.charge_efficiency},
      {"discharge_efficiency_frac", p.discharge_efficiency},
      {"round_trip_efficiency_frac", p.round_trip_efficiency()},
      {"soc_min_frac", p.soc_min},
      {"soc_max_frac", p.soc_max},
      {"standing_loss_frac_per_h", p.standing_loss_per_h},
      {"soc_start", to_string(start)},
  };
}

nlohmann::ordered_json headroom_row_json(const Grid& grid, const HeadroomRow& row) {
  const CurtailmentStats& s = row.stats;
  nlohmann::ordered_json j = {
      {"curtailment_limit_pct", row.limit * 100},
      {"headroom_mw", row.headroom_mw},
      {"headroom_pct_of_peak", 100 * row.headroom_mw / grid.peak_mw},
      {"curtailment_rate_pct", s.curtailment_rate * 100},
      {"curtailed_hours_per_year", s.curtailed_hours_per_year},
      {"mean_event_h", s.mean_event_h},
      {"max_event_h", s.max_event_h},
      {"hours_kept_50pct_per_year", s.hours_kept_50_per_year},
      {"hours_kept_75pct_per_year", s.hours_kept_75_per_year},
      {"hours_kept_90pct_per_year", s.hours_kept_90_per_year},
      {"winter_share_pct", s.winter_share * 100},
      {"summer_share_pct", s.summer_share * 100},
      {"new_energy_twh_per_year", s.new_energy_twh_per_year},
      {"energy_multiplier", s.energy_multiplier},
  };
  if (row.storage_cycles_per_year) j["storage_cycles_per_year"] = *row.storage_cycles_per_year;
  return j;
}

nlohmann::ordered_json sizing_json(const SizingResult& r) {
  return {{"energy_mwh", r.energy_mwh},
          {"usable_mwh", r.usable_mwh},
          {"power_mw", r.power_mw},
          {"days_with_drawdown", r.days_with_drawdown},
          {"discharged_mwh_per_year", r.discharged_mwh_per_year}};
}

nlohmann::ordered_json sweep_cell_json(const SweepCell& c) {
  return {{"power_mw", c.power_mw},
          {"duration_h", c.hours},
          {"energy_mwh", c.energy_mwh},
          {"headroom_mw", c.headroom_mw},
          {"energy_multiplier", c.energy_multiplier}};
}

nlohmann::ordered_json steady_point_json(const SteadyPoint& p) {
  return {{"storage_mwh", p.storage_mwh},
          {"storage_mean_load_h", p.storage_hours},
          {"headroom_mw", p.headroom_mw},
          {"energy_multiplier", p.energy_multiplier},
          {"share_of_ceiling_frac", p.share_of_ceiling}};
}

}  // namespace ballast::plan
