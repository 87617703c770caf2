// The results table: flattening, CSV quoting, the journal's torn last line and resume, and a
// sweep run on threads against closed-form answers.

#include "ballast/sweep/table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "ballast/sweep/run.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using namespace ballast::sweep;

fs::path temp_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("sweep_table_" + std::to_string(getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const fs::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Two days of hourly load whose maximum is known: 1000 MW + 10 MW x hour of day, so the peak is
// 1230 MW (hour 23); `extra` is added to every value.
fs::path write_load(const fs::path& dir, const std::string& name, double extra) {
  std::ofstream out(dir / name);
  out << "time_utc,demand_mw\n";
  for (int d = 1; d <= 2; ++d) {
    for (int h = 0; h < 24; ++h) {
      out << "2023-03-0" << d << " " << (h < 10 ? "0" : "") << h << ":00:00,"
          << 1000 + 10 * h + extra << "\n";
    }
  }
  return dir / name;
}

// A sweep over two load files and three constant capacities, with no storage and no
// curtailment: the headroom of each case is the capacity less the file's peak.
fs::path write_capacity_sweep(const fs::path& dir) {
  write_load(dir, "a.csv", 0);
  write_load(dir, "b.csv", 100);
  std::ofstream(dir / "spec.toml")
      << "study = 'headroom'\ncurtailment = [0]\npartial_years = 'keep'\n"
         "[axes]\nload = ['a.csv', 'b.csv']\n"
         "threshold = ['1500', '2000', '2500']\n";
  return dir / "spec.toml";
}

TEST(SweepTable, FlattenNamesEveryScalarByItsPath) {
  Json row = {{"case", 3}};
  flatten(Json::parse(R"({"a": {"b": [1, 2]}, "c": "x", "case": 7})"), row);
  EXPECT_EQ(row["a.b.1"], 2);
  EXPECT_EQ(row["c"], "x");
  EXPECT_EQ(row["case"], 3);         // the row's own column is kept
  EXPECT_EQ(row["result.case"], 7);  // and the result's moved aside
}

TEST(SweepTable, FlattenLeavesOutLongArrays) {
  Json row = Json::object();
  flatten(Json::parse(R"({"series": [1, 2, 3]})"), row, 2);
  EXPECT_TRUE(row.empty());
}

TEST(SweepTable, CsvFieldQuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
}

TEST(SweepTable, HeadroomIsCapacityLessPeakInEveryCase) {
  const fs::path dir = temp_dir("closed_form");
  const auto plan = plan_sweep(write_capacity_sweep(dir).string());
  ASSERT_EQ(plan->case_count(), 6);
  const Cluster one(false);
  const SweepSummary s = run_sweep(*plan, {(dir / "out").string(), 1, false, {}}, one);
  EXPECT_EQ(s.ran, 6);
  EXPECT_EQ(s.failed, 0);
  const auto rows = lines_of(dir / "out" / "results.jsonl");
  ASSERT_EQ(rows.size(), 6u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Json row = Json::parse(rows[i]);
    EXPECT_EQ(row["case"], static_cast<int>(i));
    const double peak = row["load"].get<std::string>().ends_with("b.csv") ? 1330 : 1230;
    const double capacity = std::stod(row["threshold"].get<std::string>());
    EXPECT_NEAR(row["results.0.headroom_mw"].get<double>(), capacity - peak, 1e-6 * capacity)
        << rows[i];
  }
  // CSV: a header and six rows, in case order.
  const auto csv = lines_of(dir / "out" / "results.csv");
  ASSERT_EQ(csv.size(), 7u);
  EXPECT_EQ(csv[0].rfind("case,load,threshold,status,exit_code,error,", 0), 0u) << csv[0];
}

TEST(SweepTable, ThreadsGiveTheSameTableAsOneThread) {
  const fs::path dir = temp_dir("threads");
  const auto plan = plan_sweep(write_capacity_sweep(dir).string());
  const Cluster one(false);
  run_sweep(*plan, {(dir / "serial").string(), 1, false, {}}, one);
  run_sweep(*plan, {(dir / "threads").string(), 3, false, {}}, one);
  EXPECT_EQ(slurp(dir / "serial" / "results.csv"), slurp(dir / "threads" / "results.csv"));
  EXPECT_EQ(slurp(dir / "serial" / "results.jsonl"), slurp(dir / "threads" / "results.jsonl"));
}

TEST(SweepTable, ResumeSkipsFinishedCasesAndDropsATornLastLine) {
  const fs::path dir = temp_dir("resume");
  const auto plan = plan_sweep(write_capacity_sweep(dir).string());
  const Cluster one(false);
  run_sweep(*plan, {(dir / "full").string(), 1, false, {}}, one);
  const auto rows = lines_of(dir / "full" / "results.jsonl");
  // A table killed after cases 0, 4 and 2, with case 5 half written.
  fs::create_directories(dir / "killed");
  {
    std::ofstream out(dir / "killed" / "results.jsonl");
    out << rows[0] << "\n" << rows[4] << "\n" << rows[2] << "\n" << rows[5].substr(0, 20);
  }
  const SweepSummary s = run_sweep(*plan, {(dir / "killed").string(), 2, false, {}}, one);
  EXPECT_EQ(s.skipped, 3);
  EXPECT_EQ(s.ran, 3);  // 1, 3 and the torn 5
  EXPECT_EQ(slurp(dir / "full" / "results.csv"), slurp(dir / "killed" / "results.csv"));
  // Running it again finds everything done.
  const SweepSummary again = run_sweep(*plan, {(dir / "killed").string(), 2, false, {}}, one);
  EXPECT_EQ(again.ran, 0);
  EXPECT_EQ(lines_of(dir / "killed" / "results.jsonl").size(), 6u);
}

TEST(SweepTable, TableOfAnotherSpecIsRefused) {
  const fs::path dir = temp_dir("other");
  const auto plan = plan_sweep(write_capacity_sweep(dir).string());
  fs::create_directories(dir / "out");
  std::ofstream(dir / "out" / "results.jsonl")
      << R"({"case":0,"load":"elsewhere.csv","threshold":"1500","status":"ok"})"
      << "\n";
  const Cluster one(false);
  EXPECT_THROW(run_sweep(*plan, {(dir / "out").string(), 1, false, {}}, one), ballast::InputError);
}

TEST(SweepTable, FailingCaseIsRecordedAndTheSweepGoesOn) {
  const fs::path dir = temp_dir("failing");
  write_load(dir, "a.csv", 0);
  // A year the file does not cover: that case fails with a bad-input error; 2023 runs.
  std::ofstream(dir / "spec.toml")
      << "study = 'headroom'\nload = 'a.csv'\nthreshold = '2000'\n"
         "partial_years = 'keep'\ncurtailment = [0]\n[axes]\nyear = [2019, 2023]\n";
  const auto plan = plan_sweep((dir / "spec.toml").string());
  const Cluster one(false);
  const SweepSummary s = run_sweep(*plan, {(dir / "out").string(), 1, true, {}}, one);
  EXPECT_EQ(s.failed, 1);
  const auto rows = lines_of(dir / "out" / "results.jsonl");
  ASSERT_EQ(rows.size(), 2u);
  const Json bad = Json::parse(rows[0]), good = Json::parse(rows[1]);
  EXPECT_EQ(bad["status"], "error");
  EXPECT_EQ(bad["exit_code"], 2);
  EXPECT_FALSE(bad["error"].get<std::string>().empty());
  EXPECT_EQ(good["status"], "ok");
  EXPECT_NEAR(good["results.0.headroom_mw"].get<double>(), 2000 - 1230, 1e-3);
  // The detail file of the case that ran holds its full JSON.
  EXPECT_TRUE(fs::exists(dir / "out" / "cases" / "000001.json"));
  EXPECT_FALSE(fs::exists(dir / "out" / "cases" / "000000.json"));
}

TEST(SweepTable, EmptyAxisValueKeepsTheBaseValue) {
  const fs::path dir = temp_dir("empty_value");
  write_load(dir, "a.csv", 0);
  // Case 0 keeps the default method (duke), case 1 sets pooled.
  std::ofstream(dir / "spec.toml")
      << "study = 'headroom'\nload = 'a.csv'\npartial_years = 'keep'\ncurtailment = [0]\n"
         "threshold = '2000'\n[axes]\nmethod = ['', 'pooled']\n";
  const auto plan = plan_sweep((dir / "spec.toml").string());
  const Cluster one(false);
  run_sweep(*plan, {(dir / "out").string(), 1, false, {}}, one);
  const auto rows = lines_of(dir / "out" / "results.jsonl");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(Json::parse(rows[0])["result.method"], "duke");  // the request's default
  EXPECT_EQ(Json::parse(rows[1])["result.method"], "pooled");
}

}  // namespace
