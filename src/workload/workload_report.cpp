// The workload study's renderers: JSON, the text table and the HTML report.

#include <fmt/format.h>

#include "ballast/report/schema.h"
#include "ballast/report/table.h"
#include "ballast/workload/workload_study.h"

namespace ballast::workload {

nlohmann::ordered_json summary_json(const TraceSummary& s) {
  const auto opt = [](const std::optional<double>& v) {
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
  };
  nlohmann::ordered_json j = {{"steps", s.steps},
                              {"step_s", s.step_s},
                              {"mean_mw", s.mean_mw},
                              {"peak_mw", s.peak_mw},
                              {"min_mw", s.min_mw},
                              {"rise_100ms_mw", opt(s.rise_100ms_mw)},
                              {"fall_100ms_mw", opt(s.fall_100ms_mw)},
                              {"rise_1s_mw", s.rise_1s_mw},
                              {"fall_1s_mw", s.fall_1s_mw},
                              {"max_ramp_mw_per_s", s.max_ramp_mw_per_s},
                              {"p99_ramp_mw_per_s", s.p99_ramp_mw_per_s},
                              {"swing_rms_mw", s.swing_rms_mw},
                              {"swing_share_0_1_to_20_hz_frac", s.band_share},
                              {"swing_rms_0_1_to_20_hz_mw", s.band_rms_mw},
                              {"spectrum_resolution_hz", s.spectrum_resolution_hz},
                              {"dominant_frequencies", nlohmann::ordered_json::array()}};
  for (const SpectralPeak& p : s.dominant) {
    j["dominant_frequencies"].push_back(
        {{"frequency_hz", p.frequency_hz}, {"share_frac", p.share}});
  }
  return j;
}

nlohmann::ordered_json to_json(const WorkloadResult& r) {
  nlohmann::ordered_json j = {{"command", "workload"}, {"source", r.source}};
  j["summary"] = summary_json(r.summary);
  return report::with_schema("workload", std::move(j));
}

std::string to_text(const WorkloadResult& r) {
  using report::number;
  const TraceSummary& s = r.summary;
  std::string out = r.source + "\n";
  out += fmt::format("{} steps of {} ms ({} s)\n\n", number(double(s.steps)), s.step_s * 1000,
                     number(double(s.steps) * s.step_s, 1));
  report::Table t({"quantity", "value"});
  t.add_row({"mean MW", number(s.mean_mw, 2)});
  t.add_row({"peak MW", number(s.peak_mw, 2)});
  t.add_row({"min MW", number(s.min_mw, 2)});
  if (s.rise_100ms_mw) {
    t.add_row({"largest rise / fall in 100 ms MW",
               fmt::format("{} / {}", number(*s.rise_100ms_mw, 2), number(*s.fall_100ms_mw, 2))});
  }
  t.add_row({"largest rise / fall in 1 s MW",
             fmt::format("{} / {}", number(s.rise_1s_mw, 2), number(s.fall_1s_mw, 2))});
  t.add_row({"max ramp MW/s", number(s.max_ramp_mw_per_s, 1)});
  t.add_row({"p99 ramp MW/s", number(s.p99_ramp_mw_per_s, 1)});
  t.add_row({"swing RMS MW", number(s.swing_rms_mw, 2)});
  t.add_row({"swing energy in 0.1-20 Hz %", number(100 * s.band_share, 1)});
  for (const SpectralPeak& p : s.dominant) {
    t.add_row({fmt::format("spectral peak {:.3f} Hz, % of swing", p.frequency_hz),
               number(100 * p.share, 1)});
  }
  out += t.render();
  if (!r.out.empty()) out += "trace written to " + r.out + "\n";
  return out;
}

report::HtmlReport to_html(const WorkloadResult& r) {
  using report::number;
  const TraceSummary& s = r.summary;
  report::HtmlReport html("ballast workload");
  html.add_paragraph(r.source);
  // Each value is the JSON's /summary/KEY.
  const auto row = [](const char* name, std::string text, const char* key, double scale = 1) {
    return std::vector<report::Cell>{
        {.text = name},
        {.text = std::move(text), .key = std::string("/summary/") + key, .scale = scale}};
  };
  html.add_cells({"quantity", "value"},
                 {row("mean MW", number(s.mean_mw, 2), "mean_mw"),
                  row("peak MW", number(s.peak_mw, 2), "peak_mw"),
                  row("min MW", number(s.min_mw, 2), "min_mw"),
                  row("p99 ramp MW/s", number(s.p99_ramp_mw_per_s, 1), "p99_ramp_mw_per_s"),
                  row("swing share 0.1-20 Hz %", number(100 * s.band_share, 1),
                      "swing_share_0_1_to_20_hz_frac", 100)});
  html.add_chart({.title = "site power",
                  .x_label = "time (s)",
                  .y_label = "power (MW)",
                  .x = r.time_s,
                  .series = {{.label = "site", .y = r.site_mw}}});
  report::Chart spectrum{.title = "swing spectrum (Welch, Hann)",
                         .x_label = "frequency (Hz)",
                         .y_label = "swing energy per bin (MW^2)"};
  spectrum.series.push_back({.label = "site"});
  for (std::size_t b = 1; b < s.spectrum_mw2.size(); ++b) {
    const double f = static_cast<double>(b) * s.spectrum_resolution_hz;
    if (f > kSwingBandHiHz) break;
    spectrum.x.push_back(f);
    spectrum.series[0].y.push_back(s.spectrum_mw2[b]);
  }
  html.add_chart(report::decimate(spectrum, 2000));
  html.set_data(to_json(r));
  return html;
}

}  // namespace ballast::workload
