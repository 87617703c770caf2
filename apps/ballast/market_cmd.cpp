// ballast market: Taipower dReg / E-dReg simulation, scoring and settlement (`run`), the
// allowed band at a frequency (`curve`), E-dReg bid checks (`bid`) and bid sizing (`size`).

#include "ballast/market/curve_study.h"
#include "ballast/market/run_study.h"
#include "ballast/market/size_study.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {

void register_market(CLI::App& app) {
  CLI::App* market = app.add_subcommand(
      "market", "Taipower dReg / E-dReg: simulate, score and settle; curves; bid checks; sizing");
  market->require_subcommand(1);

  add_study_command<market::MarketRunRequest>(
      *market, "run", "Simulate a battery second by second, score and settle it as Taipower does");

  const auto size = add_study_options<market::MarketSizeRequest>(
      *market, "size",
      "The bid MW that earns most while every hour's execution rate stays >= 95 %");
  size.app->callback([size] {
    const market::MarketSizeResult r = run(*size.request, progress_printer(*size.output));
    print_result(*size.output, r);
    // The table is printed first; then, as text, no feasible bid is "no answer" (exit 2).
    if (!size.output->json) market::require_best_bid(r);
  });

  add_study_command<market::MarketCurveRequest>(
      *market, "curve", "The allowed output band at a frequency (dReg / E-dReg)");

  const auto bid = add_study_options<market::MarketBidRequest>(
      *market, "bid", "Check an E-dReg bid against the SOC rules and explain a rejection (exit 2)");
  bid.app->callback([bid] {
    const market::MarketBidResult r = run(*bid.request, progress_printer(*bid.output));
    print_result(*bid.output, r);
    market::require_accepted(r);  // a rejected bid exits 2 after its explanation
  });
}

}  // namespace ballast::cli
