// Progress on stderr (issue 14 item 3) through the real CLI, on a long study: a year of ERCOT's
// fleet dispatched in rolling windows. Shown when stderr is a terminal or with --progress, never
// with --quiet; each window committed is counted up to the last.

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "support/cli.h"

namespace {

using ballast::testing::ballast;
using ballast::testing::CliResult;

// 2023 has 8760 hours. Windows of 48 h committing 24 h start at hours 0, 24, ..., 8712 (the
// first whose window reaches the end: 8712 + 48 = 8760), so 8712 / 24 + 1 = 364 windows.
constexpr int kWindows = 364;

std::string year_in_windows(const std::string& flags) {
  return "dispatch " + std::string(BALLAST_SOURCE_DIR) +
         "/examples/ercot-2023-fleet.toml --window-s 48h --commit-s 24h " + flags;
}

struct Count {
  int done = 0;
  int total = 0;
};

// The "rolling horizon k/n" counts of the text, in order (lines, or rewrites of one line).
std::vector<Count> window_counts(const std::string& err) {
  std::vector<Count> out;
  const std::regex re("ballast: rolling horizon (\\d+)/(\\d+)");
  for (auto it = std::sregex_iterator(err.begin(), err.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back({std::stoi((*it)[1]), std::stoi((*it)[2])});
  }
  return out;
}

void expect_counts_up_to_the_end(const std::vector<Count>& counts) {
  ASSERT_GE(counts.size(), 2u);
  EXPECT_EQ(counts.front().done, 0);
  for (std::size_t k = 0; k < counts.size(); ++k) {
    EXPECT_EQ(counts[k].total, kWindows) << k;
    if (k > 0) EXPECT_GT(counts[k].done, counts[k - 1].done) << k;
  }
  EXPECT_EQ(counts.back().done, kWindows);
}

TEST(ProgressCli, WithProgressEachUpdateIsALineOnAPipe) {
  const CliResult r = ballast(year_in_windows("--progress"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_counts_up_to_the_end(window_counts(r.err));
  EXPECT_EQ(r.err.find('\r'), std::string::npos);  // no in-place rewrites off a terminal
  // The last window names the run's last hour, in the scenario's local time.
  EXPECT_NE(r.err.find("364/364, committed through 2023-12-31T23:00:00-06:00"), std::string::npos)
      << r.err;
  // Progress goes to stderr only: stdout is the same table as without it.
  EXPECT_EQ(r.out, ballast(year_in_windows("--quiet")).out);
}

TEST(ProgressCli, QuietWhenStderrIsNotATerminal) {
  const CliResult r = ballast(year_in_windows(""));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("ballast: "), std::string::npos) << r.err;
}

TEST(ProgressCli, QuietWinsOverProgress) {
  const CliResult r = ballast(year_in_windows("--progress --quiet"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("ballast: "), std::string::npos) << r.err;
}

// On a terminal (a pseudo-terminal from util-linux `script`) progress shows without --progress,
// one line rewritten in place, and is cleared when the work is over.
TEST(ProgressCli, ATerminalShowsProgressOnOneLine) {
  if (ballast::testing::run("command -v script").exit_code != 0) {
    GTEST_SKIP() << "util-linux script is not installed";
  }
  const std::string command = std::string(BALLAST_EXE) + " " + year_in_windows("--json");
  const CliResult r = ballast::testing::run("script -qec '" + command + "' /dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  expect_counts_up_to_the_end(window_counts(r.out));
  EXPECT_NE(r.out.find("\r\x1b[Kballast: rolling horizon 364/364"), std::string::npos);
  // The progress line is cleared before the JSON is printed.
  const std::size_t json = r.out.find("{");
  ASSERT_NE(json, std::string::npos);
  EXPECT_EQ(r.out.substr(json - 4, 4), "\r\x1b[K") << r.out.substr(json - 40, 40);
}

}  // namespace
