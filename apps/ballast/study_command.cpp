#include "study_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>

#include "ballast/core/atomic_file.h"

namespace ballast::cli {

void add_output_options(CLI::App& app, OutputOptions& o) {
  app.add_flag("--json", o.json, "Machine-readable JSON on stdout")->group("Output");
  app.add_option("--report", o.report, "Write a self-contained HTML report with charts")
      ->option_text("FILE.html")
      ->group("Output");
  app.add_flag("--quiet", o.quiet, "No progress on stderr")->group("Output");
  app.add_flag("--progress", o.progress,
               "Progress on stderr even when it is not a terminal (default: only on a terminal)")
      ->group("Output");
}

Progress progress_printer(const OutputOptions& o) {
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  if (o.quiet || !(terminal || o.progress)) return {};
  using Clock = std::chrono::steady_clock;
  // The last copy of the printer clears its line when the work is over.
  struct State {
    Clock::time_point start = Clock::now(), last{};
    std::string phase;
    bool terminal = false, shown = false;
    ~State() {
      if (terminal && shown) std::cerr << "\r\x1b[K" << std::flush;
    }
  };
  auto state = std::make_shared<State>();
  state->terminal = terminal;
  return [state, terminal](const ProgressEvent& e) {
    const auto now = Clock::now();
    const bool new_phase = e.phase != state->phase;
    // At most five updates a second within a phase; every phase change and the end of a
    // counted phase (done = total) are shown.
    const bool end = e.total > 0 && e.done >= e.total;
    if (!new_phase && !end && now - state->last < std::chrono::milliseconds(200)) return;
    state->last = now;
    state->phase = e.phase;
    state->shown = true;
    const double elapsed = std::chrono::duration<double>(now - state->start).count();
    std::string line = "ballast: " + e.phase;
    if (e.total > 0) {
      // Searches and lists count items ("3/8"); simulations count steps, shown as a percent.
      line += e.total <= 1000 ? fmt::format(" {}/{}", e.done, e.total)
                              : fmt::format(" {:.0f} %", 100 * e.done / e.total);
      if (e.done > 0 && e.done < e.total) {
        line += fmt::format(", {:.0f} s left", elapsed / e.done * (e.total - e.done));
      }
    }
    if (!e.detail.empty()) line += ", " + e.detail;
    line += fmt::format(" ({:.1f} s)", elapsed);
    // On a terminal one line is rewritten in place; elsewhere each update is its own line.
    std::cerr << (terminal ? "\r\x1b[K" + line : line + "\n") << std::flush;
  };
}

void write_report(const OutputOptions& o, const std::string& html) {
  if (o.report.empty()) return;
  write_file_atomically(o.report, html);
  std::cerr << "ballast: wrote " << o.report << "\n";
}

}  // namespace ballast::cli
