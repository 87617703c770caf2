#pragma once
/// @file Settlement: hourly payment, prices and caps, E-dReg energy-service fees (digest,
/// "Settlement").

#include "ballast/control/taipower_rules.h"

namespace ballast::market {

/// Hourly payment, NTD: (capacity price x MW + performance price x MW) x quality index.
double hourly_payment_ntd(double capacity_ntd_per_mw_h, double performance_ntd_per_mw_h,
                          double bid_mw, double quality_index);

/// The rulebook's performance price, NTD per MW-hour; E-dReg pays less on days without a
/// shifting schedule.
double performance_price(taipower::Product product, bool shifting_day);

/// The capacity price cap of a product, NTD per MW-hour.
double capacity_price_cap(taipower::Product product);

/// Throws InputError when a capacity price is negative or above the product's cap.
void check_capacity_price(taipower::Product product, double capacity_ntd_per_mw_h);

/// E-dReg energy-service fee of one 15-minute interval, NTD, on its average metered power, MW
/// (positive = discharge): discharge is paid 2,000 NTD/MWh, charging pays 500 NTD/MWh.
double energy_service_fee_ntd(double average_mw, double interval_s);

}  // namespace ballast::market
