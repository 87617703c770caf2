#pragma once
/// @file Battery degradation models: Xu et al. 2018 (cycle depth, SOC and temperature stress,
/// calendar aging, SEI two-exponential law) and a SAM-style cycle-life table with the
/// Smith et al. 2017 calendar law. Capacity is a fraction of nameplate energy.

#include <string>
#include <vector>

namespace ballast::aging {

/// Parameters of Xu, Oudalov, Ulbig, Andersson, Kirschen, "Modeling of Lithium-Ion Battery
/// Degradation for Cell Life Assessment", IEEE Trans. Smart Grid 9(2):1131-1140, 2018,
/// Table I (LMO cells). Defaults are the published values.
struct XuParams {
  double k_delta1 = 1.40e5;  ///< DoD stress S_d(d) = 1 / (k_d1 d^k_d2 + k_d3)
  double k_delta2 = -5.01e-1;
  double k_delta3 = -1.23e5;
  double k_sigma = 1.04;  ///< SOC stress S_s(s) = exp(k_s (s - s_ref))
  double sigma_ref = 0.5;
  double k_temp = 6.93e-2;     ///< temperature stress S_T(T) = exp(k_T (T - T_ref) T_ref / T), 1/K
  double t_ref_c = 25;         ///< T_ref, deg C (the formula uses kelvin)
  double k_time = 4.14e-10;    ///< calendar stress S_t(t) = k_t t, 1/s
  double alpha_sei = 5.75e-2;  ///< SEI share: L = 1 - a e^(-b f_d) - (1 - a) e^(-f_d)
  double beta_sei = 121;
};

/// One row of a datasheet cycle-life table (SAM's "DOD, cycles, capacity" matrix).
struct CycleLifeRow {
  double dod = 0;       ///< depth of discharge, fraction (0, 1]
  double cycles = 0;    ///< full cycles at that depth
  double capacity = 0;  ///< capacity left after them, fraction
};

/// NREL SAM's calendar law (Smith et al., "Life prediction model for grid-connected Li-ion
/// battery energy storage system", ACC 2017): q = q0 - k sqrt(days),
/// k = a exp(b (1/T - 1/296 K)) exp(c (SOC/T - SOC/296 K)). Defaults are SAM's (NMC/graphite).
struct CalendarParams {
  double q0 = 1.02;
  double a = 2.66e-3;  ///< 1/sqrt(day)
  double b = -7280;    ///< K
  double c = 930;      ///< K
};

/// A degradation model: which law, and its parameters.
struct AgingModel {
  enum class Kind { kXu2018, kTable };
  Kind kind = Kind::kXu2018;
  std::string name = "xu2018";
  XuParams xu;
  std::vector<CycleLifeRow> table;  ///< kTable: sorted by dod, validated
  CalendarParams calendar;

  /// Cycle stress of one full cycle of depth `dod` (fraction) at mean SOC `mean_soc` and mean
  /// temperature `temp_c`. Xu: the f_d increment; table: the capacity fraction it costs.
  double cycle_damage(double dod, double mean_soc, double temp_c) const;
  /// Capacity fraction after `cycle_damage` summed cycle stress and `days` of calendar time at
  /// mean SOC `mean_soc` and mean temperature `temp_c`.
  double capacity(double cycle_damage, double days, double mean_soc, double temp_c) const;
};

/// The summed cycle stress that takes a fresh battery to `eol_capacity` (calendar aging left
/// out): Xu, the f_d where 1 - L(f_d) = eol (bisection); table, 1 - eol.
double damage_to_end_of_life(const AgingModel& model, double eol_capacity);

/// Marginal costs of the piecewise-linear cycle-depth cost of Xu, Zhao, Shi, Kirschen,
/// "Factoring the Cycle Aging Cost of Batteries Participating in Electricity Markets", IEEE
/// Trans. Power Systems 33(2), 2018: with Phi(d) the share of life one cycle of depth d uses,
/// segment j of J costs c_j = R J (Phi(j/J) - Phi((j-1)/J)) per MWh drawn, R the battery's
/// replacement cost per MWh of usable energy. At mean SOC 0.5 and `temp_c`; sorted ascending.
std::vector<double> cycle_depth_costs(const AgingModel& model, double replacement_per_mwh,
                                      int segments, double eol_capacity, double temp_c);

/// Xu et al. 2018 with its published parameters.
AgingModel xu2018();
/// A cycle-life table model (validated: InputError names the bad row).
AgingModel cycle_table(std::vector<CycleLifeRow> rows, std::string name = "table");
/// Reads a cycle-life table CSV (columns dod_pct,cycles,capacity_pct); InputError with
/// file:line:column on any problem.
AgingModel read_cycle_table(const std::string& path);
/// "xu2018" or "table:FILE.csv"; InputError otherwise.
AgingModel parse_model(const std::string& spec);

/// The stress functions and the SEI law of Xu et al. 2018, exposed for tests.
double xu_dod_stress(const XuParams& p, double dod);
double xu_soc_stress(const XuParams& p, double soc);
double xu_temp_stress(const XuParams& p, double temp_c);
double xu_capacity_loss(const XuParams& p, double f_d);
/// SAM/Smith calendar capacity fraction (may exceed 1 early on; capacity() caps it).
double sam_calendar_q(const CalendarParams& p, double days, double soc, double temp_c);

}  // namespace ballast::aging
