#include "ballast/market/settlement.h"

#include <fmt/format.h>

#include "ballast/core/error.h"

namespace ballast::market {

using taipower::kRules;
using taipower::Product;

double hourly_payment_ntd(double capacity_ntd_per_mw_h, double performance_ntd_per_mw_h,
                          double bid_mw, double quality_index) {
  return (capacity_ntd_per_mw_h * bid_mw + performance_ntd_per_mw_h * bid_mw) * quality_index;
}

double performance_price(Product product, bool shifting_day) {
  switch (product) {
    case Product::kDreg:
      return kRules.performance_dreg;
    case Product::kSreg:
      return kRules.performance_sreg;
    case Product::kEdreg:
      return shifting_day ? kRules.performance_edreg : kRules.performance_edreg_no_shift;
  }
  return 0;
}

double capacity_price_cap(Product product) {
  // sReg's cap is not in the digest; it is held to dReg's, the regulation cap.
  return product == Product::kEdreg ? kRules.capacity_cap_edreg : kRules.capacity_cap_dreg;
}

void check_capacity_price(Product product, double capacity_ntd_per_mw_h) {
  const double cap = capacity_price_cap(product);
  if (!(capacity_ntd_per_mw_h >= 0 && capacity_ntd_per_mw_h <= cap)) {
    throw InputError(
        fmt::format("capacity price {} NTD/MW-h is outside 0..{} (the {} cap, "
                    "rulebook v5); give a price within the cap",
                    capacity_ntd_per_mw_h, cap, to_string(product)));
  }
}

double energy_service_fee_ntd(double average_mw, double interval_s) {
  const double mwh = average_mw * interval_s / 3600.0;
  return mwh >= 0 ? mwh * kRules.discharge_fee_ntd_per_mwh : mwh * kRules.charge_fee_ntd_per_mwh;
}

}  // namespace ballast::market
