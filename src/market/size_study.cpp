#include "ballast/market/size_study.h"

#include <fmt/format.h>

#include "ballast/core/error.h"
#include "ballast/market/market_report.h"
#include "ballast/report/schema.h"
#include "ballast/report/table.h"

namespace ballast::market {
namespace {

FieldTable<MarketSizeRequest> make_fields() {
  using R = MarketSizeRequest;
  FieldTable<R> t;
  t.include(MarketScenarioSpec::fields(), &R::scenario);
  t.add({.name = "controller",
         .help = "naive or managed (default: the scenario's, else managed)",
         .kind = FieldKind::kChoice,
         .choices = {"naive", "managed"}},
        &R::controller);
  t.add({.name = "step_mw",
         .help = "Bid step, MW",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &R::step_mw);
  return t;
}

}  // namespace

const FieldTable<MarketSizeRequest>& MarketSizeRequest::fields() {
  static const FieldTable<MarketSizeRequest> table = make_fields();
  return table;
}

MarketSizeResult run(const MarketSizeRequest& q, const Progress& progress) {
  PreparedMarket p = prepare_market(q.scenario);
  MarketSizeResult r;
  r.scenario = std::move(p.scenario);
  r.frequency_source = std::move(p.frequency_source);
  r.seconds = static_cast<std::int64_t>(p.frequency_hz.size());
  MarketConfig& c = r.scenario.config;
  if (!q.controller.empty()) {
    c.controller = q.controller == "naive" ? ControllerKind::kNaive : ControllerKind::kManaged;
  }
  r.sizing =
      size_bid(c, p.frequency_hz.span(), q.step_mw, r.scenario.schedule_file.empty(), progress);
  return r;
}

void require_best_bid(const MarketSizeResult& r) {
  if (r.sizing.best) return;
  throw InfeasibleError(
      "no bid keeps every hour's execution rate at or above 95 % within the "
      "bid rules; try a smaller --step-mw, more energy or --controller "
      "managed");
}

nlohmann::ordered_json to_json(const MarketSizeResult& r) {
  const nlohmann::ordered_json s = to_json(r.sizing);
  return report::with_schema(
      "market_size",
      {{"command", "market size"}, {"rows", s["rows"]}, {"best_bid_mw", s["best_bid_mw"]}});
}

std::string to_text(const MarketSizeResult& r) {
  return describe(r.scenario, r.frequency_source, r.seconds) + "\n" + sizing_text(r.sizing);
}

report::HtmlReport to_html(const MarketSizeResult& r) {
  report::HtmlReport page("ballast market size: " +
                          std::string(taipower::to_string(r.scenario.config.product)));
  page.add_paragraph(describe(r.scenario, r.frequency_source, r.seconds));
  if (r.sizing.best) {
    const SizingRow& b = r.sizing.rows[*r.sizing.best];
    page.add_paragraph(
        fmt::format("Best bid: {} MW, net {} NTD over the trace, every hour >= 95 %.",
                    report::number(b.bid_mw, 1), report::number(b.net_ntd)));
  } else {
    page.add_paragraph(
        "No bid keeps every hour's execution rate at or above 95 % within the bid rules.");
  }
  add_sizing_section(page, r.sizing);
  page.set_data(to_json(r));
  return page;
}

}  // namespace ballast::market
