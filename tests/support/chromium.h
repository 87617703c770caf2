#pragma once
// Runs headless Chromium (the path in BALLAST_CHROMIUM) on a page for the browser tests of the
// HTML reports and of ballastd's live page.

#include <cstdio>
#include <filesystem>
#include <string>

namespace ballast::testing {

/// What one Chromium run printed, its exit status and the command (for failure messages).
struct ChromiumRun {
  std::string out;
  int status = -1;
  std::string command;
};

/// Opens `url` with `flags` (e.g. "--virtual-time-budget=4000 --dump-dom"), a fresh profile in
/// `dir` and its stderr in dir/chromium.log; stops it after 120 s at most.
inline ChromiumRun run_chromium(const std::filesystem::path& dir, const std::string& flags,
                                const std::string& url) {
  ChromiumRun run;
  run.command = "timeout 120 " BALLAST_CHROMIUM
                " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                " --disable-background-networking --disable-component-update --disable-sync"
                " --user-data-dir='" +
                (dir / "profile").string() + "' " + flags + " '" + url + "' 2>'" +
                (dir / "chromium.log").string() + "'";
  FILE* pipe = popen(run.command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
  run.status = pclose(pipe);
  return run;
}

/// How many times `what` occurs in `text` (e.g. "<canvas" in a dumped DOM).
inline std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace ballast::testing
