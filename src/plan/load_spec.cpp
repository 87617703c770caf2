#include "ballast/plan/load_spec.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/periods.h"
#include "ballast/core/quantity.h"
#include "ballast/core/time_zone.h"
#include "ballast/plan/csv_cache.h"

namespace ballast::plan {
namespace {

// The grids shipped in data/ (EIA-930 via Ruggles et al. 2020, CC BY 4.0; see data/README.md).
// EIA-930 timestamps mark the end of the hour, in UTC. Months and years are local civil time
// in the balancing authority's zone, with daylight saving, as in EIA-930's own local-time
// column that Norris et al. (2025) used; utc_offset gives standard time instead.
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

FieldTable<LoadSpec> make_fields() {
  using L = LoadSpec;
  FieldTable<L> t;
  t.add({.name = "load",
         .help = "Demand CSV (time column, then values in MW)",
         .kind = FieldKind::kText,
         .path = true},
        &L::load);
  t.add({.name = "grid",
         .help = "Built-in grid when no --load",
         .kind = FieldKind::kChoice,
         .choices = {"ERCO|ERCOT", "PJM", "NYIS|NYISO", "ISNE|ISONE|ISO-NE", "NEVP"}},
        &L::grid);
  t.add({.name = "column",
         .help = "Value column (default demand_mw, or the only numeric one)",
         .kind = FieldKind::kText},
        &L::column);
  t.add({.name = "utc_offset_h",
         .help = "Local standard time minus UTC, hours, for months and years (default: the "
                 "timestamps' own offset, else UTC; built-in grids: their local time)",
         .min = -14,
         .max = 14,
         .old_names = {"utc_offset"}},
        &L::utc_offset_h);
  t.add({.name = "fill",
         .help = "Fill gaps in the load: none (report them) or linear",
         .kind = FieldKind::kChoice,
         .choices = {"none", "linear"}},
        &L::fill);
  t.add({.name = "time_label",
         .help = "Whether a timestamp marks the start or the end of its interval (default: "
                 "start; built-in EIA-930 grids: end)",
         .kind = FieldKind::kChoice,
         .choices = {"start", "end"}},
        &L::time_label);
  t.add({.name = "year",
         .help = "Use one local calendar year only",
         .kind = FieldKind::kInteger,
         .min = 1900,
         .max = 2200},
        &L::year);
  t.add({.name = "threshold",
         .help = "Capacity limit: seasonal (Norris et al. 2025), peak, or MW",
         .kind = FieldKind::kText},
        &L::threshold);
  t.add({.name = "method",
         .help = "Curtailment rate: duke (each year's rate, averaged; Norris et al. 2025) or "
                 "pooled (all years together)",
         .kind = FieldKind::kChoice,
         .choices = {"duke", "pooled"}},
        &L::method);
  const std::string in = "Input";
  t.add({.name = "timezone",
         .help = "Local time zone (IANA, e.g. America/Chicago, or UTC+08:00): months and years "
                 "in its civil time, and timestamps without an offset read on its clock "
                 "(default: built-in grids their zone, else UTC)",
         .kind = FieldKind::kText,
         .group = in},
        &L::timezone);
  t.add({.name = "partial_years",
         .help = "Local years the record covers only in part: drop (leave out of per-year "
                 "figures), weight (count by share covered) or keep (count as whole years)",
         .kind = FieldKind::kChoice,
         .choices = {"drop", "weight", "keep"},
         .group = in},
        &L::partial_years);
  t.add({.name = "delimiter",
         .help = "Field delimiter: ',', ';' or tab (default: the one the header uses)",
         .kind = FieldKind::kChoice,
         .choices = {",|comma", ";|semicolon", "tab|\\t"},
         .group = in},
        &L::delimiter);
  t.add({.name = "decimal",
         .help = "Decimal mark: point, comma, or auto (point in comma-delimited files; else the "
                 "first value with a mark decides)",
         .kind = FieldKind::kChoice,
         .choices = {"auto", "point", "comma"},
         .group = in},
        &L::decimal);
  t.add({.name = "unit",
         .help = "Unit of the values (W, kW, MW, GW), converted to MW (default: the unit the "
                 "column name states, e.g. demand_kw, else MW)",
         .kind = FieldKind::kChoice,
         .choices = {"W", "kW", "MW", "GW"},
         .group = in},
        &L::unit);
  t.add({.name = "time_format",
         .help = "Dates with the year last: mdy (MM/DD/YYYY) or dmy (DD/MM/YYYY); auto reads ISO "
                 "and refuses a year-last date the file does not settle",
         .kind = FieldKind::kChoice,
         .choices = {"auto", "mdy", "dmy"},
         .group = in},
        &L::time_format);
  return t;
}

CsvReadOptions reader_options(const LoadSpec& o) {
  CsvReadOptions csv;
  csv.column = o.column;
  csv.fill = o.fill == "linear" ? FillMode::kLinear : FillMode::kNone;
  if (!o.delimiter.empty()) {
    csv.delimiter = o.delimiter == "," ? ',' : o.delimiter == ";" ? ';' : '\t';
  }
  csv.decimal = o.decimal == "point"   ? DecimalMark::kPoint
                : o.decimal == "comma" ? DecimalMark::kComma
                                       : DecimalMark::kAuto;
  csv.date_order = o.time_format == "mdy"   ? DateOrder::kMonthFirst
                   : o.time_format == "dmy" ? DateOrder::kDayFirst
                                            : DateOrder::kAuto;
  csv.unit = o.unit;
  return csv;
}

}  // namespace

std::string notes_text(const std::vector<std::string>& notes) {
  std::string s;
  for (const std::string& n : notes) s += "note: " + n + "\n";
  return s;
}

const FieldTable<LoadSpec>& LoadSpec::fields() {
  static const FieldTable<LoadSpec> table = make_fields();
  return table;
}

std::string data_dir() {
  if (const char* env = std::getenv("BALLAST_DATA_DIR")) return env;
  return BALLAST_DATA_DIR;
}

Threshold parse_threshold(const std::string& text) {
  if (text == "seasonal") return {ThresholdKind::kSeasonal};
  if (text == "peak") return {ThresholdKind::kPeak};
  const std::optional<double> mw = parse_power_mw(text);
  if (!mw || *mw <= 0) {
    throw InputError(
        fmt::format("--threshold {}: expected seasonal, peak or a capacity in MW "
                    "(e.g. 80000 or 80GW)",
                    quote_input(text)));
  }
  return {ThresholdKind::kConstant, *mw};
}

LoadedGrid load_grid(const LoadSpec& spec, const std::string& default_threshold) {
  if (!spec.timezone.empty() && spec.utc_offset_h) {
    throw InputError("give --timezone or --utc-offset-h, not both");
  }
  std::optional<TimeZone> zone;
  if (!spec.timezone.empty()) zone = TimeZone::named(spec.timezone);
  if (spec.utc_offset_h) {
    zone = TimeZone::fixed(static_cast<int>(std::lround(*spec.utc_offset_h * 60)));
  }
  std::string source = spec.load;
  LoadSeries series;
  std::optional<int> own_offset_min;
  std::vector<std::string> notes;
  std::size_t filled = 0;
  if (spec.load.empty() && spec.series) {
    series = *spec.series;
    own_offset_min = spec.series_offset_min;
    source = series.name.empty() ? "series" : series.name;
  } else {
    CsvReadOptions csv = reader_options(spec);
    std::string path = spec.load;
    std::string label = spec.time_label;
    if (path.empty()) {
      const BuiltinGrid* g = nullptr;
      for (const BuiltinGrid& b : kGrids) {
        if (spec.grid == b.name) g = &b;
      }
      if (g == nullptr)
        throw InputError(fmt::format("--grid {}: no such built-in grid", quote_input(spec.grid)));
      path = data_dir() + "/" + g->file;
      source = fmt::format("{} (EIA-930, Ruggles et al. 2020, CC BY 4.0)", g->name);
      if (!zone) zone = TimeZone::named(g->zone);
      if (label.empty()) label = "end";
    } else if (!spec.timezone.empty()) {
      csv.zone = zone;  // offset-less timestamps are on this zone's clock (unless named UTC)
    }
    csv.label = label == "end" ? TimeLabel::kEnd : TimeLabel::kStart;
    CsvSeries read = read_csv_cached(path, csv);
    series = std::move(read.series);
    own_offset_min = read.utc_offset_min;
    filled = read.filled;
    notes = std::move(read.notes);
  }
  if (!zone) zone = TimeZone::fixed(own_offset_min.value_or(0));
  const Calendar calendar(*zone);
  if (spec.year) series = select_year(series.to_time_series(), calendar, *spec.year);
  const RateMethod method = spec.method == "pooled" ? RateMethod::kPooled : RateMethod::kYearlyMean;
  const std::string threshold = spec.threshold.empty() ? default_threshold : spec.threshold;
  LoadedGrid lg{make_grid(std::move(series), calendar, parse_threshold(threshold), method,
                          *parse_partial_periods(spec.partial_years)),
                source, filled};
  // The reader's notes (units, local time) first, then the grid's (partial years, scaling).
  lg.grid.notes.insert(lg.grid.notes.begin(), notes.begin(), notes.end());
  return lg;
}

}  // namespace ballast::plan
