#include "ballast/aging/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/quantity.h"

namespace ballast::aging {
namespace {

constexpr double kKelvin = 273.15;
// SAM's calendar law is referenced to 296 K (Smith et al. 2017, as implemented in NREL ssc).
constexpr double kSamRefK = 296;

// Linear interpolation of the capacity fraction a full cycle of depth `dod` costs, from the
// table's per-row loss per cycle (1 - capacity) / cycles; flat beyond the first and last rows.
// SAM interpolates the same table bilinearly in depth and cycle number; with one row per depth
// (the usual datasheet) the two agree while the fade stays linear in cycles.
double table_damage(const std::vector<CycleLifeRow>& t, double dod) {
  const auto per_cycle = [](const CycleLifeRow& r) { return (1 - r.capacity) / r.cycles; };
  if (dod <= t.front().dod) return per_cycle(t.front()) * dod / t.front().dod;
  if (dod >= t.back().dod) return per_cycle(t.back());
  const auto hi = std::upper_bound(t.begin(), t.end(), dod,
                                   [](double d, const CycleLifeRow& r) { return d < r.dod; });
  const auto lo = hi - 1;
  const double w = (dod - lo->dod) / (hi->dod - lo->dod);
  return per_cycle(*lo) + w * (per_cycle(*hi) - per_cycle(*lo));
}

}  // namespace

double xu_dod_stress(const XuParams& p, double dod) {
  if (dod <= 0) return 0;
  return 1.0 / (p.k_delta1 * std::pow(dod, p.k_delta2) + p.k_delta3);
}

double xu_soc_stress(const XuParams& p, double soc) {
  return std::exp(p.k_sigma * (soc - p.sigma_ref));
}

double xu_temp_stress(const XuParams& p, double temp_c) {
  const double t = temp_c + kKelvin, t_ref = p.t_ref_c + kKelvin;
  return std::exp(p.k_temp * (t - t_ref) * t_ref / t);
}

double xu_capacity_loss(const XuParams& p, double f_d) {
  return 1 - p.alpha_sei * std::exp(-p.beta_sei * f_d) - (1 - p.alpha_sei) * std::exp(-f_d);
}

double sam_calendar_q(const CalendarParams& p, double days, double soc, double temp_c) {
  const double t = temp_c + kKelvin;
  const double k =
      p.a * std::exp(p.b * (1 / t - 1 / kSamRefK)) * std::exp(p.c * (soc / t - soc / kSamRefK));
  return p.q0 - k * std::sqrt(std::max(0.0, days));
}

double AgingModel::cycle_damage(double dod, double mean_soc, double temp_c) const {
  if (kind == Kind::kXu2018) {
    // Xu et al. 2018: f_c = S_d(d) S_s(mean SOC) S_T(T) per full cycle (half: x 0.5).
    return xu_dod_stress(xu, dod) * xu_soc_stress(xu, mean_soc) * xu_temp_stress(xu, temp_c);
  }
  return table_damage(table, dod);
}

double AgingModel::capacity(double damage, double days, double mean_soc, double temp_c) const {
  if (kind == Kind::kXu2018) {
    // Xu et al. 2018: f_d = cycle stress + S_t(t) S_s(mean SOC) S_T(mean T); L = SEI law.
    const double f_cal =
        xu.k_time * days * 86400 * xu_soc_stress(xu, mean_soc) * xu_temp_stress(xu, temp_c);
    return std::max(0.0, 1 - xu_capacity_loss(xu, damage + f_cal));
  }
  // SAM's lifetime_calendar_cycle takes the lower of the cycle and the calendar capacity.
  const double cycle_q = 1 - damage;
  const double cal_q = std::min(1.0, sam_calendar_q(calendar, days, mean_soc, temp_c));
  return std::max(0.0, std::min(cycle_q, cal_q));
}

double damage_to_end_of_life(const AgingModel& model, double eol_capacity) {
  if (model.kind == AgingModel::Kind::kTable) return 1 - eol_capacity;
  double lo = 0, hi = 1;
  while (xu_capacity_loss(model.xu, hi) < 1 - eol_capacity) hi *= 2;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (xu_capacity_loss(model.xu, mid) < 1 - eol_capacity ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

std::vector<double> cycle_depth_costs(const AgingModel& model, double replacement_per_mwh,
                                      int segments, double eol_capacity, double temp_c) {
  if (segments < 1 || segments > 100) {
    throw InputError(fmt::format("{} cycle-cost segments: give 1 to 100", segments));
  }
  const double life = damage_to_end_of_life(model, eol_capacity);
  const auto phi = [&](double d) { return model.cycle_damage(d, 0.5, temp_c) / life; };
  std::vector<double> c;
  for (int j = 1; j <= segments; ++j) {
    c.push_back(replacement_per_mwh * segments *
                (phi(double(j) / segments) - phi(double(j - 1) / segments)));
  }
  // The LP's segments are interchangeable, so it always draws the cheapest first: sorting
  // changes nothing but states it. Xu 2018's S_d is not convex below about 30 % depth, so the
  // LP prices a cycle by the convex hull of this piecewise-linear Phi (slightly below it there).
  std::sort(c.begin(), c.end());
  return c;
}

AgingModel xu2018() { return AgingModel{}; }

AgingModel cycle_table(std::vector<CycleLifeRow> rows, std::string name) {
  if (rows.empty()) throw InputError("cycle-life table: no rows; give dod_pct,cycles,capacity_pct");
  std::sort(rows.begin(), rows.end(),
            [](const CycleLifeRow& a, const CycleLifeRow& b) { return a.dod < b.dod; });
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const CycleLifeRow& r = rows[i];
    if (!(r.dod > 0 && r.dod <= 1) || !(r.cycles > 0) || !(r.capacity >= 0 && r.capacity < 1)) {
      throw InputError(fmt::format(
          "cycle-life row {} (DOD {} %, {} cycles, {} %): need 0 < DOD <= 100 %, cycles > 0, "
          "0 <= capacity < 100 %",
          i + 1, 100 * r.dod, r.cycles, 100 * r.capacity));
    }
    if (i > 0 && rows[i - 1].dod == r.dod) {
      throw InputError(
          fmt::format("cycle-life table: DOD {} % appears twice; keep one row", 100 * r.dod));
    }
  }
  AgingModel m;
  m.kind = AgingModel::Kind::kTable;
  m.name = std::move(name);
  m.table = std::move(rows);
  return m;
}

AgingModel read_cycle_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot open the cycle-life table; check the path", {path});
  std::string line;
  int line_no = 0;
  std::vector<CycleLifeRow> rows;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {
      header_seen = true;
      if (line.rfind("dod_pct,cycles,capacity_pct", 0) != 0) {
        throw InputError("expected the header dod_pct,cycles,capacity_pct", {path, line_no, 1});
      }
      continue;
    }
    double v[3];
    std::size_t pos = 0;
    for (int k = 0; k < 3; ++k) {
      const std::size_t comma = k < 2 ? line.find(',', pos) : line.size();
      const auto x = comma == std::string::npos
                         ? std::nullopt
                         : parse_double(std::string_view(line).substr(pos, comma - pos));
      if (!x) {
        throw InputError("expected three numbers: DOD %, cycles, capacity % left",
                         {path, line_no, static_cast<int>(pos) + 1});
      }
      v[k] = *x;
      pos = comma + 1;
    }
    rows.push_back({v[0] / 100, v[1], v[2] / 100});
  }
  try {
    return cycle_table(std::move(rows), "table:" + path);
  } catch (const InputError& e) {
    throw InputError(e.reason(), {path});
  }
}

AgingModel parse_model(const std::string& spec) {
  if (spec == "xu2018") return xu2018();
  if (spec.rfind("table:", 0) == 0) return read_cycle_table(spec.substr(6));
  throw InputError(fmt::format(
      "aging model {}: use xu2018 (Xu et al. 2018) or table:FILE.csv (a cycle-life table)",
      quote_input(spec)));
}

}  // namespace ballast::aging
