#include "ballast/market/curve_study.h"

#include <fmt/format.h>

#include <cmath>

#include "ballast/core/error.h"
#include "ballast/core/field_builders.h"
#include "ballast/report/schema.h"

namespace ballast::market {
namespace {

using taipower::Product;

FieldTable<MarketCurveRequest> make_curve_fields() {
  using R = MarketCurveRequest;
  FieldTable<R> t;
  t.add({.name = "product",
         .help = "dreg or edreg",
         .kind = FieldKind::kChoice,
         .choices = {"dreg", "edreg"}},
        &R::product);
  t.add({.name = "frequency_hz",
         .help = "Frequency, Hz (required)",
         .min = 55,
         .max = 65,
         .old_names = {"frequency"}},
        &R::frequency);
  t.add({.name = "base_hz", .help = "Curve base frequency, Hz", .min = 59, .max = 61}, &R::base_hz);
  t.add({.name = "bid_mw",
         .help = "Bid MW, to print the band in MW",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &R::bid_mw);
  return t;
}

FieldTable<MarketBidRequest> make_bid_fields() {
  using R = MarketBidRequest;
  FieldTable<R> t;
  t.add({.name = "bid_mw",
         .help = "Offered capacity, MW (required)",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &R::bid_mw);
  t.add({.name = "energy_mwh",
         .help = "Registered energy, MWh (required)",
         .unit = FieldUnit::kMwh,
         .min = 0,
         .min_exclusive = true},
        &R::energy_mwh);
  t.add({.name = "min_soc_mwh",
         .help = "Declared lowest SOC, MWh (required)",
         .unit = FieldUnit::kMwh,
         .min = 0},
        &R::min_soc_mwh);
  t.add({.name = "max_soc_mwh",
         .help = "Declared highest SOC, MWh (required)",
         .unit = FieldUnit::kMwh,
         .min = 0},
        &R::max_soc_mwh);
  t.add({.name = "power_mw",
         .help = "Inverter rating, MW (checks bid <= power; 0: not checked)",
         .unit = FieldUnit::kMw,
         .min = 0},
        &R::power_mw);
  return t;
}

std::string pct(double x) { return fmt::format("{:+.1f} %", 100 * x); }

double required(const std::optional<double>& v, const char* flag) {
  if (!v) throw InputError(fmt::format("{} is required", flag));
  return *v;
}

}  // namespace

const FieldTable<MarketCurveRequest>& MarketCurveRequest::fields() {
  static const FieldTable<MarketCurveRequest> table = make_curve_fields();
  return table;
}

const FieldTable<MarketBidRequest>& MarketBidRequest::fields() {
  static const FieldTable<MarketBidRequest> table = make_bid_fields();
  return table;
}

MarketCurveResult run(const MarketCurveRequest& q, const Progress&) {
  const double f = required(q.frequency, "--frequency-hz");
  const control::RegulationCurve curve(q.product == "edreg" ? Product::kEdreg : Product::kDreg,
                                       q.base_hz);
  return {q.product, f, q.base_hz, curve.band_pu(f), q.bid_mw};
}

nlohmann::ordered_json to_json(const MarketCurveResult& r) {
  nlohmann::ordered_json j = {{"command", "market curve"},      {"product", r.product},
                              {"frequency_hz", r.frequency_hz}, {"base_hz", r.base_hz},
                              {"low_pct", 100 * r.band.lo},     {"high_pct", 100 * r.band.hi}};
  if (r.bid_mw) {
    j["low_mw"] = r.band.lo * *r.bid_mw;
    j["high_mw"] = r.band.hi * *r.bid_mw;
  }
  return report::with_schema("market_curve", std::move(j));
}

std::string to_text(const MarketCurveResult& r) {
  const control::Band& b = r.band;
  std::string line = b.lo == b.hi ? pct(b.lo) : fmt::format("{} to {}", pct(b.lo), pct(b.hi));
  if (r.bid_mw) {
    line += b.lo == b.hi
                ? fmt::format(" ({:+.3f} MW)", b.lo * *r.bid_mw)
                : fmt::format(" ({:+.3f} to {:+.3f} MW)", b.lo * *r.bid_mw, b.hi * *r.bid_mw);
  }
  return fmt::format("{} at {} Hz (base {} Hz): {} of bid (+ discharge)\n", r.product,
                     r.frequency_hz, r.base_hz, line);
}

report::HtmlReport to_html(const MarketCurveResult& r) {
  report::HtmlReport page("ballast market curve: " + r.product);
  page.add_paragraph(to_text(r) + "Rules: Taipower rulebook v5 (docs/market.md).");
  // The curve from 0.6 Hz below to 0.6 Hz above the base, in 5 mHz steps, and the point asked.
  const control::RegulationCurve curve(r.product == "edreg" ? Product::kEdreg : Product::kDreg,
                                       r.base_hz);
  report::Chart c{.title = "Allowed output against frequency",
                  .x_label = "frequency (Hz)",
                  .y_label = "output (% of bid, + discharge)"};
  report::Series lo{.label = "allowed low"}, hi{.label = "allowed high"};
  report::Series at{.label = fmt::format("{} Hz", r.frequency_hz), .dashed = true};
  for (int k = -120; k <= 120; ++k) {
    const double f = r.base_hz + 0.005 * k;
    const control::Band b = curve.band_pu(f);
    c.x.push_back(f);
    lo.y.push_back(100 * b.lo);
    hi.y.push_back(100 * b.hi);
    at.y.push_back(std::abs(f - r.frequency_hz) < 0.0025 ? 100 * r.band.hi : std::nan(""));
  }
  c.series = {std::move(lo), std::move(hi), std::move(at)};
  page.add_chart(std::move(c));
  page.set_data(to_json(r));
  return page;
}

MarketBidResult run(const MarketBidRequest& q, const Progress&) {
  MarketBidResult r;
  r.bid = {required(q.bid_mw, "--bid-mw"), required(q.energy_mwh, "--energy-mwh"),
           required(q.min_soc_mwh, "--min-soc-mwh"), required(q.max_soc_mwh, "--max-soc-mwh"),
           q.power_mw};
  r.check = check_edreg_bid(r.bid);
  return r;
}

void require_accepted(const MarketBidResult& r) {
  if (r.check.accepted()) return;
  throw InputError(
      fmt::format("the bid breaks {} E-dReg rule(s) (rulebook v5)", r.check.problems.size()));
}

nlohmann::ordered_json to_json(const MarketBidResult& r) {
  nlohmann::ordered_json j = {{"command", "market bid"},
                              {"accepted", r.check.accepted()},
                              {"largest_bid_mw", r.check.largest_bid_mw},
                              {"problems", nlohmann::ordered_json::array()}};
  for (const BidProblem& p : r.check.problems) {
    j["problems"].push_back({{"rule", p.rule}, {"reason", p.reason}});
  }
  return report::with_schema("market_bid", std::move(j));
}

std::string to_text(const MarketBidResult& r) {
  const Bid& b = r.bid;
  std::string s =
      fmt::format("E-dReg bid {} MW, {} MWh, SOC window {}-{} MWh: {}\n", b.bid_mw, b.energy_mwh,
                  b.min_soc_mwh, b.max_soc_mwh, r.check.accepted() ? "accepted" : "rejected");
  for (const BidProblem& p : r.check.problems) s += fmt::format("  {}: {}\n", p.rule, p.reason);
  s += fmt::format("largest bid this battery and window pass: {:.2f} MW\n", r.check.largest_bid_mw);
  return s;
}

report::HtmlReport to_html(const MarketBidResult& r) {
  report::HtmlReport page("ballast market bid");
  page.add_paragraph(to_text(r) + "Rules: Taipower rulebook v5 (docs/market.md).");
  std::vector<std::vector<std::string>> rows;
  for (const BidProblem& p : r.check.problems) rows.push_back({p.rule, p.reason});
  page.add_heading("Broken rules");
  page.add_table({"rule", "what to change"}, std::move(rows));
  page.set_data(to_json(r));
  return page;
}

}  // namespace ballast::market
