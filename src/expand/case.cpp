#include "ballast/expand/case.h"

#include <fmt/format.h>

#include <cmath>

#include "ballast/core/error.h"

namespace ballast::expand {

double ExpansionCase::years() const {
  return static_cast<double>(system.periods()) * system.step_h() / 8760.0;
}

double capital_recovery_factor(double rate, double years) {
  if (rate == 0) return 1 / years;
  return rate / (1 - std::pow(1 + rate, -years));
}

double annual_cost_per_mw(const Costs& c, double discount_rate) {
  return 1000 * (c.capex_per_kw * capital_recovery_factor(discount_rate, c.lifetime_years) +
                 c.fixed_om_per_kw_year);
}

double variable_cost(const GeneratorCandidate& g, const ExpansionCase& c) {
  if (!g.heat_rate_mmbtu_per_mwh) return g.variable_cost_per_mwh;
  return *g.heat_rate_mmbtu_per_mwh * c.fuel_price_per_mmbtu.value_or(0) + g.vom_per_mwh;
}

ExpansionCase coarsen(const ExpansionCase& c, std::int64_t step_s) {
  const std::int64_t from = c.system.demand.step_s;
  if (step_s < from || step_s % from != 0) {
    throw InputError(
        fmt::format("step {} s: must be a whole multiple of the system's {} s step", step_s, from));
  }
  const std::size_t k = static_cast<std::size_t>(step_s / from);
  const std::size_t n = c.system.periods() / k;
  if (n == 0) throw InputError(fmt::format("step {} s: longer than the whole horizon", step_s));
  const std::size_t periods = c.system.periods();
  // Means over each block of k periods; one-value series (constants) are left as they are.
  const auto mean = [&](std::vector<double>& v) {
    if (v.size() != periods) return;
    std::vector<double> out(n, 0);
    for (std::size_t i = 0; i < n * k; ++i) out[i / k] += v[i] / static_cast<double>(k);
    v = std::move(out);
  };
  ExpansionCase r = c;
  dispatch::Scenario& s = r.system;
  for (auto& g : s.generators) {
    mean(g.cost_per_mwh);
    mean(g.availability);
  }
  for (auto& x : s.renewables) mean(x.available_mw);
  for (auto& l : s.new_loads) mean(l.mw);
  for (auto& g : r.generators) mean(g.availability);
  for (auto& x : r.renewables) mean(x.profile);
  mean(r.load.mw);
  mean(s.demand.values);
  s.demand.step_s = step_s;
  r.step_h.reset();
  return r;
}

void validate(const ExpansionCase& c) {
  dispatch::validate(c.system);
  const std::size_t n = c.system.periods();
  const auto check = [](bool ok, const std::string& what) {
    if (!ok) throw InputError(what);
  };
  check(c.discount_rate >= 0 && c.discount_rate < 1, "discount_rate must be in [0, 1)");
  const auto costs = [&](const Costs& k, const std::string& who) {
    check(std::isfinite(k.capex_per_kw) && k.capex_per_kw >= 0 &&
              std::isfinite(k.fixed_om_per_kw_year) && k.fixed_om_per_kw_year >= 0,
          who + ": costs must be finite and >= 0");
    check(k.lifetime_years >= 1 && k.lifetime_years <= 100,
          who + ": lifetime_years must be in [1, 100]");
  };
  const auto bounds = [&](double lo, double hi, const std::string& who, const char* what) {
    check(lo >= 0 && lo <= hi,
          fmt::format("{}: {} bounds must satisfy 0 <= min <= max", who, what));
  };
  for (const StorageCandidate& s : c.storage) {
    const std::string who = "storage candidate '" + s.name + "'";
    costs(s.power, who);
    costs(s.energy, who);
    bounds(s.min_power_mw, s.max_power_mw, who, "power");
    bounds(s.min_energy_mwh, s.max_energy_mwh, who, "energy");
    check(s.charge_efficiency > 0 && s.charge_efficiency <= 1 && s.discharge_efficiency > 0 &&
              s.discharge_efficiency <= 1,
          who + ": efficiencies must be in (0, 1]");
    check(s.soc_min >= 0 && s.soc_min < s.soc_max && s.soc_max <= 1,
          who + ": needs 0 <= soc_min < soc_max <= 1");
    check(s.standing_loss_per_h >= 0 && s.standing_loss_per_h < 1,
          who + ": standing_loss_per_h must be in [0, 1)");
    check(!s.min_duration_h || !s.max_duration_h || *s.min_duration_h <= *s.max_duration_h,
          who + ": min_duration_h must not exceed max_duration_h");
    check(s.variable_cost_per_mwh >= 0, who + ": variable_cost_per_mwh must be >= 0");
  }
  for (const GeneratorCandidate& g : c.generators) {
    const std::string who = "generator candidate '" + g.name + "'";
    costs(g.costs, who);
    bounds(g.min_mw, g.max_mw, who, "capacity");
    check(g.availability.size() == 1 || g.availability.size() == n,
          who + ": availability needs one value or one per period");
    for (double a : g.availability) {
      check(a >= 0 && a <= 1, who + ": availability must be in [0, 1]");
    }
    check(!g.ramp_pct_per_min || *g.ramp_pct_per_min > 0, who + ": ramp_pct_per_min must be > 0");
    check(!g.heat_rate_mmbtu_per_mwh || c.fuel_price_per_mmbtu,
          who + ": a heat rate needs fuel_price_per_mmbtu");
  }
  for (const RenewableCandidate& r : c.renewables) {
    const std::string who = "renewable candidate '" + r.name + "'";
    costs(r.costs, who);
    bounds(r.min_mw, r.max_mw, who, "capacity");
    check(r.profile.size() == n,
          fmt::format("{}: the profile has {} values for {} periods", who, r.profile.size(), n));
    for (double p : r.profile)
      check(p >= 0 && std::isfinite(p), who + ": profile values must be >= 0");
  }
  check(c.load.mw.empty() || c.load.mw.size() == n,
        fmt::format("new load: {} values for {} periods", c.load.mw.size(), n));
  for (double p : c.load.mw) check(p >= 0 && std::isfinite(p), "new load: MW must be >= 0");
  check(c.load.curtailment_allowance >= 0 && c.load.curtailment_allowance <= 1,
        "new load: curtailment_allowance must be in [0, 1]");
  check(!c.load.value_per_mwh || *c.load.value_per_mwh >= 0,
        "new load: value_per_mwh must be >= 0");
}

}  // namespace ballast::expand
