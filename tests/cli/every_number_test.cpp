// Issue 13: "NaN/inf/1e300 in every numeric field of every scenario format: exit 2 with
// location". The cases are generated from the example files, not listed by hand: every number
// of every examples/*.toml (the first of each key of an array of tables, every item of an array
// of numbers) is replaced in turn by nan, inf, -inf and 1e300, and the program that reads that
// format (ballast dispatch, market run, transient; ballastd --check; plantsim) must exit 2 with
// an error naming the file and the line of the replaced number. A new example file, or a new
// key in one, is covered without touching this test; an example whose format no reader here
// claims fails the test.

#include <gtest/gtest.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "support/cli.h"

namespace {

namespace fs = std::filesystem;

struct Number {
  std::string path;  // e.g. "generator[].capacity_mw" or "load.profile[0][1]"
  int line = 0;
  int column = 0;
};

// Every number of a TOML tree; arrays of tables count once per key (the first table that has
// it), arrays of numbers item by item.
void collect(const toml::node& node, const std::string& path, std::set<std::string>& seen,
             std::vector<Number>& out) {
  if (const toml::table* t = node.as_table()) {
    for (const auto& [key, child] : *t) {
      collect(child, path.empty() ? std::string(key.str()) : path + "." + std::string(key.str()),
              seen, out);
    }
  } else if (const toml::array* a = node.as_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      const toml::node& item = *a->get(i);
      collect(item, path + (item.is_table() ? "[]" : "[" + std::to_string(i) + "]"), seen, out);
    }
  } else if (node.is_number() && seen.insert(path).second) {
    out.push_back({path, static_cast<int>(node.source().begin.line),
                   static_cast<int>(node.source().begin.column)});
  }
}

// `text` with the number token at line:column replaced by `with`.
std::string replace_at(const std::string& text, int line, int column, const std::string& with) {
  std::size_t at = 0;
  for (int l = 1; l < line; ++l) at = text.find('\n', at) + 1;
  at += static_cast<std::size_t>(column - 1);
  std::size_t end = at;
  while (end < text.size() && std::string(" \t\r\n,]}#").find(text[end]) == std::string::npos) {
    ++end;
  }
  return text.substr(0, at) + with + text.substr(end);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The command line that reads a scenario of this kind, told apart by its tables; "" if none.
std::string command_for(const toml::table& root, const fs::path& file, const fs::path& token) {
  const std::string f = file.string();
  if (root.contains("server")) {  // plantsim; --duration ends it should it start
    return std::string(PLANTSIM_EXE) + " " + f + " --port 0 --control-port 0 --duration 0.01";
  }
  if (root.contains("loop") || root.contains("smoothing") || root.contains("meter")) {
    return std::string(BALLASTD_EXE) + " " + f + " --check --token-file " + token.string();
  }
  if (root.contains("market")) return std::string(BALLAST_EXE) + " market run " + f;
  if (root.contains("workload")) return std::string(BALLAST_EXE) + " transient --scenario " + f;
  if (root.contains("grid") && root["grid"].as_table() && root["grid"]["demand"]) {
    return std::string(BALLAST_EXE) + " dispatch " + f;
  }
  return "";
}

TEST(EveryNumber, NanInfAndHugeAreRefusedWithTheirLineInEveryExample) {
  // A copy of examples/ beside a link to data/, so that the scenarios' relative paths hold.
  const fs::path root =
      fs::temp_directory_path() / ("ballast_every_number_" + std::to_string(getpid()));
  const fs::path source = fs::path(BALLAST_SOURCE_DIR);
  fs::remove_all(root);
  fs::create_directories(root / "examples");
  fs::create_directory_symlink(source / "data", root / "data");
  for (const auto& e : fs::directory_iterator(source / "examples")) {
    fs::create_symlink(e.path(), root / "examples" / e.path().filename());
  }
  const fs::path token = root / "token";
  std::ofstream(token) << "an-example-token-of-at-least-thirty-two-characters\n";
  fs::permissions(token, fs::perms::owner_read | fs::perms::owner_write);

  int files = 0, cases = 0;
  for (const auto& e : fs::directory_iterator(source / "examples")) {
    if (e.path().extension() != ".toml") continue;
    ++files;
    const std::string text = slurp(e.path());
    const toml::table doc = toml::parse(text);
    std::vector<Number> numbers;
    std::set<std::string> seen;
    collect(doc, "", seen, numbers);
    const fs::path scratch = root / "examples" / ("case-" + e.path().filename().string());
    const std::string command = command_for(doc, scratch, token);
    if (command.empty()) {
      ADD_FAILURE() << e.path() << ": no reader in this test claims this format";
      continue;
    }
    EXPECT_FALSE(numbers.empty()) << e.path();
    for (const Number& n : numbers) {
      for (const std::string with : {"nan", "inf", "-inf", "1e300"}) {
        SCOPED_TRACE(e.path().filename().string() + " " + n.path + " = " + with);
        ++cases;
        std::ofstream(scratch, std::ios::trunc) << replace_at(text, n.line, n.column, with);
        const auto r = ballast::testing::run(command);
        EXPECT_EQ(r.exit_code, 2) << r.err;
        // file:line:column of the replaced number (or of the [seconds, MW] pair holding it).
        const std::regex at(
            std::regex_replace(scratch.filename().string(), std::regex(R"([.\-])"), R"(\$&)") +
            ":" + std::to_string(n.line) + ":[0-9]+: ");
        EXPECT_TRUE(std::regex_search(r.err, at)) << r.err;
      }
    }
    fs::remove(scratch);
  }
  fs::remove_all(root);
  EXPECT_GE(files, 10);  // every format: dispatch, market, transient, ballastd, plantsim
  EXPECT_GE(cases, 400);
}

}  // namespace
