#include "ballast/aging/economics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"

namespace ballast::aging {

void EconomicInputs::validate() const {
  const auto nonneg = [](double v, const char* name) {
    if (!(v >= 0) || !std::isfinite(v)) {
      throw InputError(fmt::format("{} = {}: must be a finite number >= 0", name, v));
    }
  };
  nonneg(power_mw, "power_mw");
  nonneg(energy_mwh, "energy_mwh");
  nonneg(capex_per_kw, "capex_per_kw");
  nonneg(capex_per_kwh, "capex_per_kwh");
  nonneg(fixed_om_per_kw_year, "fixed_om_per_kw_year");
  nonneg(variable_om_per_mwh, "variable_om_per_mwh");
  nonneg(replacement_per_kwh, "replacement_per_kwh");
  nonneg(charge_price_per_mwh, "charge_price_per_mwh");
  nonneg(discharged_mwh_per_year, "discharged_mwh_per_year");
  nonneg(charged_mwh_per_year, "charged_mwh_per_year");
  nonneg(new_energy_mwh_per_year, "new_energy_mwh_per_year");
  if (!(discount_rate > -1 && discount_rate < 1)) {
    throw InputError(
        fmt::format("discount rate {}: give a fraction per year, e.g. 0.07", discount_rate));
  }
  if (lifetime_years < 1 || lifetime_years > 100) {
    throw InputError(fmt::format("lifetime {} years: give 1 to 100 years", lifetime_years));
  }
  if (!(eol_capacity > 0 && eol_capacity < 1)) {
    throw InputError(
        fmt::format("end-of-life capacity {}: give a fraction in (0, 1), e.g. 0.8", eol_capacity));
  }
}

EconomicResult evaluate(const EconomicInputs& in, const std::vector<double>& capacity_by_age) {
  in.validate();
  const auto cap_at = [&](int age) {  // capacity at the end of year `age` of a battery's life
    if (age <= 0 || capacity_by_age.empty()) return 1.0;
    return capacity_by_age[std::min<std::size_t>(age, capacity_by_age.size()) - 1];
  };
  EconomicResult r;
  r.currency = in.currency;
  const double kw = in.power_mw * 1000, kwh = in.energy_mwh * 1000;
  r.capex = in.capex_per_kw * kw + in.capex_per_kwh * kwh;
  r.years.push_back({.year = 0, .capacity = 1, .cost = r.capex});
  r.pv_cost = r.capex;
  double pv_new = 0;
  int age = 0;  // full years the current battery has run
  for (int y = 1; y <= in.lifetime_years; ++y) {
    CashFlowYear f;
    f.year = y;
    double replacement = 0;
    if (in.end_of_life == EndOfLife::kAugment) {
      // Buy back what the year faded: the pack is kept at nameplate.
      f.capacity = 1;
      f.capacity_end = 1;
      replacement = (1 - cap_at(1)) * kwh * in.replacement_per_kwh;
    } else {
      f.capacity = 0.5 * (cap_at(age) + cap_at(age + 1));
      ++age;
      f.capacity_end = cap_at(age);
      if (in.end_of_life == EndOfLife::kReplace && cap_at(age) <= in.eol_capacity &&
          y < in.lifetime_years) {
        replacement = kwh * in.replacement_per_kwh;
        f.replaced = true;
        ++r.replacements;
        age = 0;
      }
    }
    f.discharged_mwh = in.discharged_mwh_per_year * f.capacity;
    const double charged = in.charged_mwh_per_year * f.capacity;
    f.revenue = in.revenue_per_year * f.capacity;
    f.cost = in.fixed_om_per_kw_year * kw + in.variable_om_per_mwh * f.discharged_mwh +
             in.charge_price_per_mwh * charged + replacement;
    const double df = std::pow(1 + in.discount_rate, -y);
    r.pv_cost += f.cost * df;
    r.pv_revenue += f.revenue * df;
    r.pv_discharged_mwh += f.discharged_mwh * df;
    pv_new += in.new_energy_mwh_per_year * df;
    r.years.push_back(f);
  }
  r.npv = r.pv_revenue - r.pv_cost;
  if (r.pv_discharged_mwh > 0) r.lcos_per_mwh = r.pv_cost / r.pv_discharged_mwh;
  if (pv_new > 0) r.cost_per_new_mwh = r.pv_cost / pv_new;
  return r;
}

const char* to_string(EndOfLife e) {
  switch (e) {
    case EndOfLife::kReplace:
      return "replace";
    case EndOfLife::kAugment:
      return "augment";
    case EndOfLife::kNone:
      return "none";
  }
  return "?";
}

EndOfLife parse_end_of_life(const std::string& text) {
  if (text == "replace") return EndOfLife::kReplace;
  if (text == "augment") return EndOfLife::kAugment;
  if (text == "none") return EndOfLife::kNone;
  throw InputError(fmt::format("end of life {}: use replace, augment or none", quote_input(text)));
}

}  // namespace ballast::aging
