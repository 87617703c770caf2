#pragma once
/// @file Peak shaving at a site: the battery discharges whatever the site would import above a
/// threshold, and recharges below it without pushing the import over the threshold.

namespace ballast::control {

/// Where to shave and how to recharge.
struct PeakShaverParams {
  double threshold_mw = 0;         ///< largest import the site should draw, MW
  double recharge_margin_mw = 0;   ///< recharging keeps the import this far under it, MW
  double recharge_max_mw = 1e300;  ///< fastest recharge, MW (the inverter limits too)
  double target_soc = 1.0;         ///< recharge until this SOC, fraction of nameplate
};

/// A deterministic object: site load and stored energy in, battery set-point out.
class PeakShaver {
 public:
  /// `energy_mwh` the battery's nameplate energy. Throws InputError on bad parameters.
  PeakShaver(const PeakShaverParams& params, double energy_mwh);
  /// Battery set-point for a site drawing `site_mw` (before the battery) with `stored_mwh`
  /// stored, MW (> 0 discharge, < 0 charge).
  double step(double site_mw, double stored_mwh) const {
    if (site_mw > params_.threshold_mw) return site_mw - params_.threshold_mw;
    if (stored_mwh >= target_mwh_) return 0;
    const double room = params_.threshold_mw - params_.recharge_margin_mw - site_mw;
    if (room <= 0) return 0;
    return -(room < params_.recharge_max_mw ? room : params_.recharge_max_mw);
  }
  const PeakShaverParams& params() const { return params_; }

 private:
  PeakShaverParams params_;
  double target_mwh_;
};

}  // namespace ballast::control
