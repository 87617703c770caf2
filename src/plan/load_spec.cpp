#include "ballast/plan/load_spec.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"
#include "ballast/core/quantity.h"

namespace ballast::plan {
namespace {

// The grids shipped in data/ (EIA-930 via Ruggles et al. 2020, CC BY 4.0; see data/README.md).
// EIA-930 timestamps mark the end of the hour; offsets are local standard time.
struct BuiltinGrid {
  const char* name;
  const char* file;
  double utc_offset_h;
};
constexpr BuiltinGrid kGrids[] = {
    {"ERCO", "eia930/ERCO_2016-2024_hourly_utc.csv", -6},
    {"PJM", "eia930/PJM_2016-2024_hourly_utc.csv", -5},
    {"NYIS", "eia930/NYIS_2016-2024_hourly_utc.csv", -5},
    {"ISNE", "eia930/ISNE_2016-2024_hourly_utc.csv", -5},
    {"NEVP", "eia930/NEVP_2021-11_2022-10_hourly_utc.csv", -8},
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
  t.add({.name = "utc_offset",
         .help = "Local standard time minus UTC, hours, for months and years (default: the "
                 "timestamps' own offset, else UTC; built-in grids: their local time)",
         .min = -14,
         .max = 14},
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
  return t;
}

}  // namespace

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
        fmt::format("--threshold '{}': expected seasonal, peak or a capacity in MW "
                    "(e.g. 80000 or 80GW)",
                    text));
  }
  return {ThresholdKind::kConstant, *mw};
}

LoadedGrid load_grid(const LoadSpec& spec, const std::string& default_threshold) {
  std::optional<double> offset_h = spec.utc_offset_h;
  std::string label = spec.time_label;
  std::string source = spec.load;
  TimeSeries series;
  std::optional<int> own_offset_min;
  std::size_t filled = 0;
  if (spec.load.empty() && spec.series) {
    series = *spec.series;
    own_offset_min = spec.series_offset_min;
    source = series.name.empty() ? "series" : series.name;
  } else {
    std::string path = spec.load;
    if (path.empty()) {
      const BuiltinGrid* g = nullptr;
      for (const BuiltinGrid& b : kGrids) {
        if (spec.grid == b.name) g = &b;
      }
      if (g == nullptr)
        throw InputError(fmt::format("--grid '{}': no such built-in grid", spec.grid));
      path = data_dir() + "/" + g->file;
      source = fmt::format("{} (EIA-930, Ruggles et al. 2020, CC BY 4.0)", g->name);
      if (!offset_h) offset_h = g->utc_offset_h;
      if (label.empty()) label = "end";
    }
    CsvReadOptions csv;
    csv.column = spec.column;
    csv.fill = spec.fill == "linear" ? FillMode::kLinear : FillMode::kNone;
    csv.label = label == "end" ? TimeLabel::kEnd : TimeLabel::kStart;
    CsvSeries read = read_time_series_csv(path, csv);
    series = std::move(read.series);
    own_offset_min = read.utc_offset_min;
    filled = read.filled;
  }
  const int offset_min =
      offset_h ? static_cast<int>(std::lround(*offset_h * 60)) : own_offset_min.value_or(0);
  const Calendar calendar(offset_min);
  if (spec.year) series = select_year(series, calendar, *spec.year);
  const RateMethod method = spec.method == "pooled" ? RateMethod::kPooled : RateMethod::kYearlyMean;
  const std::string threshold = spec.threshold.empty() ? default_threshold : spec.threshold;
  return {make_grid(std::move(series), calendar, parse_threshold(threshold), method), source,
          filled};
}

}  // namespace ballast::plan
