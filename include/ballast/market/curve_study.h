#pragma once
/// @file Two small market studies: the allowed output band at a frequency (`ballast market
/// curve`) and an E-dReg bid checked against the SOC rules (`ballast market bid`); and their
/// renderers.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ballast/control/regulation_curve.h"
#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/market/bid_check.h"
#include "ballast/report/html.h"

namespace ballast::market {

struct MarketCurveRequest {
  std::string product = "dreg";
  std::optional<double> frequency;  ///< Hz; required
  double base_hz = taipower::kRules.nominal_hz;
  std::optional<double> bid_mw;  ///< to state the band in MW too

  static constexpr const char* kName = "market curve";
  static const FieldTable<MarketCurveRequest>& fields();
};

struct MarketCurveResult {
  std::string product;  ///< "dreg" or "edreg"
  double frequency_hz = 0, base_hz = 0;
  control::Band band;  ///< fraction of bid, + discharge
  std::optional<double> bid_mw;
};

/// InputError without a frequency.
MarketCurveResult run(const MarketCurveRequest& request, const Progress& progress = {});
nlohmann::ordered_json to_json(const MarketCurveResult& result);
std::string to_text(const MarketCurveResult& result);
/// The line and the whole curve around the base frequency, with the frequency marked.
report::HtmlReport to_html(const MarketCurveResult& result);

struct MarketBidRequest {
  std::optional<double> bid_mw;       ///< offered capacity, MW; required
  std::optional<double> energy_mwh;   ///< registered energy, MWh; required
  std::optional<double> min_soc_mwh;  ///< declared lowest SOC, MWh; required
  std::optional<double> max_soc_mwh;  ///< declared highest SOC, MWh; required
  double power_mw = 0;                ///< inverter rating, MW (0: not checked)

  static constexpr const char* kName = "market bid";
  static const FieldTable<MarketBidRequest>& fields();
};

struct MarketBidResult {
  Bid bid;
  BidCheck check;
};

/// Checks the bid; a rejected bid is a result (require_accepted() makes it an error).
/// InputError when a required value is missing.
MarketBidResult run(const MarketBidRequest& request, const Progress& progress = {});
/// InputError naming how many rules the bid breaks, when it breaks any.
void require_accepted(const MarketBidResult& result);
nlohmann::ordered_json to_json(const MarketBidResult& result);
std::string to_text(const MarketBidResult& result);
report::HtmlReport to_html(const MarketBidResult& result);

}  // namespace ballast::market
