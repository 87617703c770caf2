#include "common_options.h"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "ballast/core/atomic_file.h"
#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"
#include "ballast/core/periods.h"
#include "ballast/core/quantity.h"
#include "ballast/core/time_zone.h"
#include "ballast/storage/shorthand.h"

namespace ballast::cli {
namespace {

// The grids shipped in data/ (EIA-930 via Ruggles et al. 2020, CC BY 4.0; see data/README.md).
// EIA-930 timestamps mark the end of the hour, in UTC. Months and years are local civil time
// in the balancing authority's zone, with daylight saving, as in EIA-930's own local-time
// column that Norris et al. (2025) used; --utc-offset gives standard time instead.
struct BuiltinGrid {
  const char* name;
  const char* file;
  const char* zone;
};
constexpr BuiltinGrid kGrids[] = {
    {"ERCO", "eia930/ERCO_2016-2024_hourly_utc.csv", "America/Chicago"},
    {"PJM", "eia930/PJM_2016-2024_hourly_utc.csv", "America/New_York"},
    {"NYIS", "eia930/NYIS_2016-2024_hourly_utc.csv", "America/New_York"},
    {"ISNE", "eia930/ISNE_2016-2024_hourly_utc.csv", "America/New_York"},
    {"NEVP", "eia930/NEVP_2021-11_2022-10_hourly_utc.csv", "America/Los_Angeles"},
};

std::string data_dir() {
  if (const char* env = std::getenv("BALLAST_DATA_DIR")) return env;
  return BALLAST_DATA_DIR;
}

plan::Threshold parse_threshold(const std::string& text) {
  if (text == "seasonal") return {plan::ThresholdKind::kSeasonal};
  if (text == "peak") return {plan::ThresholdKind::kPeak};
  const std::optional<double> mw = parse_power_mw(text);
  if (!mw || *mw <= 0) {
    throw InputError(
        fmt::format("--threshold '{}': expected seasonal, peak or a capacity in MW "
                    "(e.g. 80000 or 80GW)",
                    text));
  }
  return {plan::ThresholdKind::kConstant, *mw};
}

}  // namespace

void add_reader_options(CLI::App& app, LoadOptions& o);

void add_load_options(CLI::App& app, LoadOptions& o, const std::string& default_threshold) {
  std::string grids;
  for (const BuiltinGrid& g : kGrids) grids += std::string(grids.empty() ? "" : ", ") + g.name;
  app.add_option("--load", o.load, "Demand CSV (time column, then values in MW)")
      ->check(CLI::ExistingFile)
      ->option_text("FILE.csv");
  app.add_option("--grid", o.grid, "Built-in grid when no --load: " + grids)
      ->check(CLI::IsMember({"ERCO", "PJM", "NYIS", "ISNE", "NEVP"}))
      ->capture_default_str();
  app.add_option("--column", o.column, "Value column (default demand_mw, or the only numeric one)");
  app.add_option("--utc-offset", o.utc_offset_h,
                 "Local standard time minus UTC, hours, for months and years (default: the "
                 "timestamps' own offset, else UTC; built-in grids: their local time)")
      ->check(CLI::Range(-14.0, 14.0));
  app.add_option("--fill", o.fill, "Fill gaps in the load: none (report them) or linear")
      ->check(CLI::IsMember({"none", "linear"}))
      ->capture_default_str();
  app.add_option("--time-label", o.time_label,
                 "Whether a timestamp marks the start or the end of its interval (default: "
                 "start; built-in EIA-930 grids: end)")
      ->check(CLI::IsMember({"start", "end"}));
  app.add_option("--year", o.year, "Use one local calendar year only")
      ->check(CLI::Range(1900, 2200));
  app.add_option("--threshold", o.threshold,
                 "Capacity limit: seasonal (Norris et al. 2025), peak, or MW (default " +
                     default_threshold + ")");
  app.add_option("--method", o.method,
                 "Curtailment rate: duke (each year's rate, averaged; Norris et al. 2025) or "
                 "pooled (all years together)")
      ->check(CLI::IsMember({"duke", "pooled"}))
      ->capture_default_str();
  add_reader_options(app, o);
}

// --- readers, time zones and partial years (issue 12): one block for the study layer ---

void add_reader_options(CLI::App& app, LoadOptions& o) {
  app.add_option("--timezone", o.timezone,
                 "Local time zone (IANA, e.g. America/Chicago, or UTC+08:00): months and years "
                 "in its civil time, and timestamps without an offset read on its clock "
                 "(default: built-in grids their zone, else UTC)")
      ->option_text("AREA/CITY")
      ->group("Input");
  app.add_option("--partial-years", o.partial_years,
                 "Local years the record covers only in part: drop (leave out of per-year "
                 "figures), weight (count by share covered) or keep (count as whole years)")
      ->check(CLI::IsMember({"drop", "weight", "keep"}))
      ->capture_default_str()
      ->group("Input");
  app.add_option("--delimiter", o.delimiter,
                 "Field delimiter: ',', ';' or tab (default: the one the header uses)")
      ->check(CLI::IsMember({",", ";", "tab", "\\t"}))
      ->group("Input");
  app.add_option("--decimal", o.decimal,
                 "Decimal mark: point, comma, or auto (point in comma-delimited files; else "
                 "the first value with a mark decides)")
      ->check(CLI::IsMember({"auto", "point", "comma"}))
      ->capture_default_str()
      ->group("Input");
  app.add_option("--unit", o.unit,
                 "Unit of the values (W, kW, MW, GW), converted to MW (default: the unit the "
                 "column name states, e.g. demand_kw, else MW)")
      ->group("Input");
  app.add_option("--time-format", o.time_format,
                 "Dates with the year last: mdy (MM/DD/YYYY) or dmy (DD/MM/YYYY); auto reads ISO "
                 "and refuses a year-last date the file does not settle")
      ->check(CLI::IsMember({"auto", "mdy", "dmy"}))
      ->capture_default_str()
      ->group("Input");
}

std::string notes_text(const std::vector<std::string>& notes) {
  std::string s;
  for (const std::string& n : notes) s += "note: " + n + "\n";
  return s;
}

void add_storage_options(CLI::App& app, StorageOptions& o, bool with_unit) {
  if (with_unit) {
    CLI::Option* shorthand = app.add_option("--storage", o.shorthand,
                                            "Storage as POWER/ENERGY[@RTE], e.g. 10GW/40GWh@85%");
    CLI::Option* power = app.add_option("--storage-mw", o.power_mw, "Storage power, MW")
                             ->check(CLI::NonNegativeNumber);
    CLI::Option* energy = app.add_option("--storage-mwh", o.energy_mwh, "Storage energy, MWh")
                              ->check(CLI::NonNegativeNumber);
    power->needs(energy);
    energy->needs(power);
    shorthand->excludes(power)->excludes(energy);
  }
  app.add_option("--efficiency", o.efficiency,
                 "Round-trip efficiency (0-1], split sqrt(RTE) on charge and on discharge "
                 "(default 0.85)")
      ->check(CLI::Range(1e-6, 1.0));
  app.add_option("--charge-efficiency", o.charge_efficiency, "Charge efficiency (0-1]")
      ->check(CLI::Range(1e-6, 1.0));
  app.add_option("--discharge-efficiency", o.discharge_efficiency, "Discharge efficiency (0-1]")
      ->check(CLI::Range(1e-6, 1.0));
  app.add_option("--soc-min", o.soc_min, "Lowest state of charge, fraction of energy")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--soc-max", o.soc_max, "Highest state of charge, fraction of energy")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--standing-loss", o.standing_loss_per_h,
                 "Self-discharge, fraction of stored energy per hour")
      ->check(CLI::Range(0.0, 0.999999))
      ->capture_default_str();
  app.add_option("--soc-start", o.soc_start,
                 "Start state: full, empty, or cyclic (end with at least the start energy)")
      ->check(CLI::IsMember({"full", "empty", "cyclic"}))
      ->capture_default_str();
}

void add_output_options(CLI::App& app, OutputOptions& o) {
  app.add_flag("--json", o.json, "Machine-readable JSON on stdout");
  app.add_option("--report", o.report, "Write a self-contained HTML report with charts")
      ->option_text("FILE.html");
}

CsvReadOptions reader_options(const LoadOptions& o) {
  CsvReadOptions csv;
  csv.column = o.column;
  csv.fill = o.fill == "linear" ? FillMode::kLinear : FillMode::kNone;
  if (!o.delimiter.empty())
    csv.delimiter = o.delimiter == "," ? ',' : o.delimiter == ";" ? ';' : '\t';
  csv.decimal = o.decimal == "point"   ? DecimalMark::kPoint
                : o.decimal == "comma" ? DecimalMark::kComma
                                       : DecimalMark::kAuto;
  csv.date_order = o.time_format == "mdy"   ? DateOrder::kMonthFirst
                   : o.time_format == "dmy" ? DateOrder::kDayFirst
                                            : DateOrder::kAuto;
  csv.unit = o.unit;
  return csv;
}

LoadedGrid load_grid(const LoadOptions& o, const std::string& default_threshold) {
  CsvReadOptions csv = reader_options(o);
  if (!o.timezone.empty() && o.utc_offset_h) {
    throw InputError("give --timezone or --utc-offset, not both");
  }
  std::optional<TimeZone> zone;
  if (!o.timezone.empty()) zone = TimeZone::named(o.timezone);
  if (o.utc_offset_h) zone = TimeZone::fixed(static_cast<int>(std::lround(*o.utc_offset_h * 60)));
  std::string path = o.load;
  std::string label = o.time_label;
  std::string source = o.load;
  if (path.empty()) {
    const BuiltinGrid* g = nullptr;
    for (const BuiltinGrid& b : kGrids) {
      if (o.grid == b.name) g = &b;
    }
    path = data_dir() + "/" + g->file;
    source = fmt::format("{} (EIA-930, Ruggles et al. 2020, CC BY 4.0)", g->name);
    if (!zone) zone = TimeZone::named(g->zone);
    if (label.empty()) label = "end";
  } else if (!o.timezone.empty()) {
    csv.zone = zone;  // offset-less timestamps are on this zone's clock (unless named UTC)
  }
  csv.label = label == "end" ? TimeLabel::kEnd : TimeLabel::kStart;
  CsvSeries read = read_time_series_csv(path, csv);
  if (read.filled > 0) {
    std::cerr << fmt::format("ballast: filled {} missing interval(s) linearly\n", read.filled);
  }
  if (!zone) zone = TimeZone::fixed(read.utc_offset_min.value_or(0));
  const Calendar calendar(*zone);
  TimeSeries series = std::move(read.series);
  if (o.year) series = plan::select_year(series, calendar, *o.year);
  const plan::RateMethod method =
      o.method == "pooled" ? plan::RateMethod::kPooled : plan::RateMethod::kYearlyMean;
  const std::string threshold = o.threshold.empty() ? default_threshold : o.threshold;
  LoadedGrid lg{plan::make_grid(std::move(series), calendar, parse_threshold(threshold), method,
                                *parse_partial_periods(o.partial_years)),
                source};
  // The reader's notes (units, local time) first, then the grid's (partial years, scaling).
  lg.grid.notes.insert(lg.grid.notes.begin(), read.notes.begin(), read.notes.end());
  return lg;
}

SocStart soc_start(const StorageOptions& o) {
  if (o.soc_start == "full") return SocStart::kFull;
  if (o.soc_start == "empty") return SocStart::kEmpty;
  return SocStart::kCyclic;
}

StorageParams storage_params(const StorageOptions& o, double power_mw, double energy_mwh) {
  const double rte = o.efficiency.value_or(0.85);
  StorageParams p = StorageParams::with_round_trip(power_mw, energy_mwh, rte);
  if (o.charge_efficiency) p.charge_efficiency = *o.charge_efficiency;
  if (o.discharge_efficiency) p.discharge_efficiency = *o.discharge_efficiency;
  p.soc_min = o.soc_min;
  p.soc_max = o.soc_max;
  p.standing_loss_per_h = o.standing_loss_per_h;
  p.validate();
  return p;
}

std::optional<plan::StorageOption> make_storage(const StorageOptions& o) {
  if (!o.shorthand.empty()) {
    const StorageShorthand s = parse_storage_shorthand(o.shorthand);
    StorageOptions with_rte = o;
    if (s.round_trip_efficiency && !o.efficiency) with_rte.efficiency = s.round_trip_efficiency;
    return plan::StorageOption{storage_params(with_rte, s.power_mw, s.energy_mwh), soc_start(o)};
  }
  if (!o.power_mw) return std::nullopt;
  return plan::StorageOption{storage_params(o, *o.power_mw, *o.energy_mwh), soc_start(o)};
}

void write_report(const OutputOptions& o, const std::string& html) {
  if (o.report.empty()) return;
  write_file_atomically(o.report, html);
  std::cerr << "ballast: wrote " << o.report << "\n";
}

}  // namespace ballast::cli
