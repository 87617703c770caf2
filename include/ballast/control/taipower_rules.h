#pragma once
/// @file Every Taipower ancillary-service number ballast uses, in one table.
///
/// Source: Taipower day-ahead ancillary-service market rules, rulebook v5 (in force 2025-10-01),
/// as digested in ../shared/taipower-ancillary-services.md ("digest" below; section names in
/// the comments). Where the rulebook and this table differ, the rulebook wins: change it here,
/// the one place. Entries marked "ballast's reading" resolve an ambiguity of the digest; each
/// is explained in docs/market.md and tested.

#include <array>
#include <cstddef>
#include <string_view>

namespace ballast::taipower {

/// The ancillary-service products ballast models.
enum class Product { kDreg, kEdreg, kSreg };

/// Name used on the command line and in JSON: "dreg", "edreg", "sreg".
std::string_view to_string(Product product);

/// A frequency-power curve: six breakpoints, offsets from the base frequency, outputs as a
/// fraction of bid MW (positive = discharge). Between the two middle breakpoints the allowed
/// output is the band ±dead_band_pu; elsewhere it is the line through the breakpoints.
struct CurveRule {
  std::array<double, 6> offset_hz;  ///< breakpoints relative to the base frequency, Hz
  std::array<double, 6> output_pu;  ///< output at each breakpoint, fraction of bid MW
  double dead_band_pu;              ///< half-width of the band inside the dead band
};

/// One row of the quality-index table: an hourly execution rate of at least min_rate_pct
/// (after flooring to a whole percent, ballast's reading) earns `index`.
struct QualityRow {
  double min_rate_pct;  ///< lowest whole-percent execution rate of this row
  double index;         ///< quality index paid
};

/// The rulebook's numbers. Citations are to the digest's sections.
struct Rules {
  // --- Frequency-power curves ("Frequency-power curves").
  double nominal_hz = 60.0;  ///< Taiwan's nominal frequency, Hz
  CurveRule dreg{{-0.25, -0.14, -0.02, 0.02, 0.14, 0.25},
                 {1.0, 0.52, 0.09, -0.09, -0.52, -1.0},
                 0.09};  ///< dReg: 59.75/59.86/59.98/60.02/60.14/60.25 Hz at base 60
  CurveRule edreg{{-0.50, -0.25, -0.02, 0.02, 0.25, 0.50},
                  {1.0, 0.48, 0.09, -0.09, -0.48, -1.0},
                  0.09};            ///< E-dReg: 59.50/59.75/59.98/60.02/60.25/60.50 Hz at base 60
  double base_shift_period_s = 60;  ///< Taipower may shift the base frequency once a minute

  // --- sReg ("Products").
  double sreg_trigger_hz = 59.90;  ///< sReg starts at or below this frequency, Hz
  double sreg_release_hz = 59.98;  ///< sReg holds until frequency recovers to this, Hz
  double sreg_full_s = 10;         ///< sReg reaches 100 % of bid within this many seconds

  // --- E-dReg eligibility and bid SOC checks ("Products", "E-dReg specifics").
  double edreg_min_bid_mw = 1.0;      ///< E-dReg needs at least 1 MW
  double edreg_min_energy_mwh = 2.5;  ///< E-dReg needs at least 2.5 MWh
  double bid_soc_margin_h = 0.25;     ///< min SOC >= 0.25 h x bid; max <= MWh - 0.25 h x bid
  double bid_soc_span_h = 2.0;        ///< (max SOC - min SOC) >= 2 h x bid

  // --- E-dReg schedule ("E-dReg specifics").
  double schedule_interval_s = 900;  ///< shifting targets come in 15-minute intervals
  double schedule_ramp_s = 300;      ///< linear ramp reaching the new target at second 300
  double ramp_rounding_mw = 0.001;   ///< ramp steps rounded toward the target to 1 kW
                                     ///< (ballast's reading: the digest names no resolution)

  // --- Low-frequency rule ("E-dReg specifics").
  double low_frequency_hz = 59.50;            ///< charging stops at or below this frequency, Hz
  double low_frequency_regulation_s = 900;    ///< then regulation only for this long, s
  int low_frequency_cancelled_intervals = 1;  ///< and the next 15-minute schedule is cancelled

  // --- Performance measurement ("Performance measurement").
  double meter_step_s = 1;           ///< power is logged once per second
  double frequency_step_s = 0.1;     ///< frequency is logged 10 times per second
  int score_delay_s = 1;             ///< frequency at second t is scored against power at t+1
  std::size_t rolling_window_s = 4;  ///< rolling score: max of that second and the 3 before
  double hour_s = 3600;              ///< execution rate: min of the hour's rolling scores
  double pass_rate_pct = 95;         ///< rate at or above which the quality index is 1

  // --- Settlement ("Settlement").
  std::array<QualityRow, 7> quality{{{95, 1.0},
                                     {94, 0.8},
                                     {93, 0.6},
                                     {92, 0.4},
                                     {91, 0.2},
                                     {70, 0.0},
                                     {-1e300, -1.0}}};  ///< execution rate -> quality index
  double capacity_cap_dreg = 600;                       ///< capacity price cap, NTD per MW-hour
  double capacity_cap_edreg = 600;                      ///< capacity price cap, NTD per MW-hour
  double capacity_cap_spinning = 400;                   ///< capacity price cap, NTD per MW-hour
  double capacity_cap_supplemental = 350;               ///< capacity price cap, NTD per MW-hour
  double performance_dreg = 350;                        ///< performance price, NTD per MW-hour
  double performance_sreg = 275;                        ///< performance price, NTD per MW-hour
  double performance_edreg = 475;           ///< E-dReg performance price on shifting days
  double performance_edreg_no_shift = 275;  ///< E-dReg on days without a shifting schedule
  double discharge_fee_ntd_per_mwh = 2000;  ///< E-dReg energy-service fee, paid to the battery
  double charge_fee_ntd_per_mwh = 500;      ///< E-dReg charged energy, paid by the battery
                                            ///< (ballast's reading of the digest's "charged")
  double fee_interval_s = 900;  ///< energy-service fee settled per 15 minutes on average power
};

/// The table. Tests cite its members; code reads the rules only from here.
inline constexpr Rules kRules{};

/// The curve of a regulation product (dReg or E-dReg; sReg has no curve).
constexpr const CurveRule& curve_rule(Product product) {
  return product == Product::kEdreg ? kRules.edreg : kRules.dreg;
}

}  // namespace ballast::taipower
