// ballast aging: what an SOC (or power) trace does to a battery, and what it costs.

#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "aging_output.h"
#include "ballast/core/error.h"
#include "ballast/core/quantity.h"
#include "ballast/core/timestamp.h"
#include "ballast/storage/storage.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {
namespace {

struct AgingCmdOptions {
  std::string soc, power, temperature;
  std::string column;
  std::optional<double> power_mw, energy_mwh;
  double efficiency = 0.9, initial_soc = 0.5;
  AgingOptions aging;
  OutputOptions output;
};

struct Column {
  std::vector<double> values;
  std::int64_t step_s = 0;
};

// A time column then named value columns; negative values allowed (power: + discharge).
Column read_column(const std::string& path, const std::string& name) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot open the file; check the path", {path});
  std::string line;
  int line_no = 0, col = -1;
  Column out;
  std::int64_t first_t = 0, second_t = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string_view> cells;
    std::size_t pos = 0;
    for (;;) {
      const std::size_t c = line.find(',', pos);
      cells.push_back(std::string_view(line).substr(pos, c == std::string::npos ? c : c - pos));
      if (c == std::string::npos) break;
      pos = c + 1;
    }
    if (col < 0) {
      for (std::size_t k = 1; k < cells.size(); ++k) {
        if (cells[k] == name) col = static_cast<int>(k);
      }
      if (col < 0) {
        throw InputError(fmt::format("no column '{}' in the header; name it with --column", name),
                         {path, line_no, 1});
      }
      continue;
    }
    const auto t = parse_timestamp(cells[0]);
    if (!t) throw InputError("expected an ISO-8601 timestamp", {path, line_no, 1});
    if (out.values.empty()) first_t = t->utc_s;
    if (out.values.size() == 1) second_t = t->utc_s;
    const auto v =
        static_cast<std::size_t>(col) < cells.size() ? parse_double(cells[col]) : std::nullopt;
    if (!v) {
      int column = 1;
      for (int k = 0; k < col && k < static_cast<int>(cells.size()); ++k) {
        column += static_cast<int>(cells[k].size()) + 1;
      }
      throw InputError(fmt::format("expected a number in column '{}'", name),
                       {path, line_no, column});
    }
    out.values.push_back(*v);
  }
  if (out.values.size() < 2) throw InputError("need at least two rows of data", {path});
  out.step_s = second_t - first_t;
  if (out.step_s <= 0) throw InputError("timestamps must increase", {path, 3, 1});
  return out;
}

void run(const AgingCmdOptions& o) {
  if (o.soc.empty() == o.power.empty()) throw InputError("give one of --soc FILE or --power FILE");
  if (!o.power.empty() && !(o.power_mw && o.energy_mwh)) {
    throw InputError("--power needs the battery: --power-mw and --energy-mwh");
  }
  const aging::AgingModel model = aging::parse_model(o.aging.aging);
  if (o.aging.economics.given() && !o.energy_mwh) {
    throw InputError("the economics need the battery's size: give --energy-mwh (and --power-mw)");
  }
  Column trace = read_column(o.soc.empty() ? o.power : o.soc,
                             o.column.empty() ? (o.soc.empty() ? "power_mw" : "soc") : o.column);
  Throughput flows;
  std::vector<double> soc;
  double power_mw = o.power_mw.value_or(0), energy_mwh = o.energy_mwh.value_or(0);
  if (!o.power.empty()) {
    // The shared storage physics turns the power trace into SOC (+ discharge, - charge).
    const StorageParams p = StorageParams::with_round_trip(power_mw, energy_mwh, o.efficiency);
    p.validate();
    const StorageModel m(p, static_cast<double>(trace.step_s) / 3600);
    StorageState st{o.initial_soc * energy_mwh};
    soc.reserve(trace.values.size() + 1);
    soc.push_back(o.initial_soc);
    for (double mw : trace.values) {
      m.step(st, mw);
      soc.push_back(st.energy_mwh / energy_mwh);
    }
    flows.discharged_mwh = st.discharged_mwh;
    flows.charged_mwh = st.charged_mwh;
  } else {
    soc = std::move(trace.values);
    for (std::size_t i = 0; i < soc.size(); ++i) {
      if (!(soc[i] >= 0 && soc[i] <= 1)) {
        throw InputError(
            fmt::format("SOC {} at row {}: give SOC as a fraction in [0, 1]", soc[i], i + 1),
            {o.soc});
      }
    }
    // Throughput from the SOC travel at the terminals' side of the store.
    for (std::size_t i = 1; i < soc.size(); ++i) {
      const double d = (soc[i] - soc[i - 1]) * energy_mwh;
      (d > 0 ? flows.charged_mwh : flows.discharged_mwh) += std::abs(d);
    }
  }
  const double dt_s = static_cast<double>(trace.step_s);
  aging::Wear wear;
  if (o.temperature.empty()) {
    wear = aging::wear_of(model, soc, dt_s, o.aging.temperature_c);
  } else {
    Column t = read_column(o.temperature, "temperature_c");
    if (t.values.size() == soc.size() - 1 && !o.power.empty())
      t.values.insert(t.values.begin(), t.values.front());
    if (t.values.size() != soc.size()) {
      throw InputError(fmt::format("{} temperatures for {} SOC samples: give one per sample",
                                   t.values.size(), soc.size()),
                       {o.temperature});
    }
    wear = aging::wear_of(model, soc, dt_s, t.values);
  }
  const WearReport r = assess_wear(o.aging, model, wear, power_mw, energy_mwh, flows);
  if (!o.output.report.empty()) {
    report::HtmlReport html("ballast aging");
    html.add_paragraph(fmt::format("trace: {}, {} samples of {} s", o.soc.empty() ? o.power : o.soc,
                                   soc.size(), trace.step_s));
    add_wear_section(html, r);
    write_report(o.output, html.render());
  }
  if (o.output.json) {
    nlohmann::ordered_json j = {{"command", "aging"},
                                {"trace", o.soc.empty() ? o.power : o.soc},
                                {"samples", soc.size()},
                                {"step_s", trace.step_s},
                                {"wear", wear_json(r)}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << fmt::format(
      "trace: {}, {} samples of {} s ({:.1f} days), temperature {}\n",
      o.soc.empty() ? o.power : o.soc, soc.size(), trace.step_s, wear.duration_s / 86400,
      o.temperature.empty() ? fmt::format("{} C", o.aging.temperature_c) : o.temperature);
  std::cout << wear_text(r);
  std::cout << "  capacity % by year:";
  for (std::size_t y = 0; y < std::min<std::size_t>(20, r.projection.capacity.size()); ++y) {
    std::cout << fmt::format(" {:.1f}", 100 * r.projection.capacity[y]);
  }
  std::cout << "\n";
}

}  // namespace

void register_aging(CLI::App& app) {
  auto o = std::make_shared<AgingCmdOptions>();
  o->aging.aging = "xu2018";
  CLI::App* cmd = app.add_subcommand(
      "aging", "Battery wear of an SOC or power trace: rainflow cycles, fade, end of life, cost");
  cmd->add_option("--soc", o->soc, "SOC trace CSV (timestamp, soc as a fraction)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--power", o->power, "Power trace CSV (timestamp, power_mw: + discharge)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--column", o->column, "Value column (default soc or power_mw)");
  cmd->add_option("--temperature", o->temperature,
                  "Temperature trace CSV (timestamp, temperature_c), one row per sample")
      ->check(CLI::ExistingFile);
  cmd->add_option("--power-mw", o->power_mw, "Battery power, MW")->check(CLI::PositiveNumber);
  cmd->add_option("--energy-mwh", o->energy_mwh, "Battery energy, MWh")->check(CLI::PositiveNumber);
  cmd->add_option("--efficiency", o->efficiency, "Round-trip efficiency (--power)")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--initial-soc", o->initial_soc, "Starting SOC (--power)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  add_aging_options(*cmd, o->aging);
  add_output_options(*cmd, o->output);
  cmd->callback([o] { run(*o); });
}

}  // namespace ballast::cli
