// Every example in the README and docs/*.md that shows a shell session ("$ command" lines in a
// fenced block, each followed by what it prints) is run here and its output compared, so the
// documentation cannot drift from the program. A line "..." in the expected output stands for
// any number of lines. Each block runs in its own empty folder with the repository's examples/
// and data/ linked in, with the built ballast, ballastd and plantsim first on the PATH; stdout and
// stderr are compared together, as a terminal shows them.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Command {
  std::string line;                   // without the "$ "
  std::vector<std::string> expected;  // what it prints
};

struct Example {
  std::string file;  // relative to the repository
  int line = 0;      // of the block's first command
  std::vector<Command> commands;
};

// gtest prints a parameter with this (the default is a byte dump).
void PrintTo(const Example& e, std::ostream* os) { *os << e.file << ":" << e.line; }

std::string rstrip(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
  return s;
}

std::vector<Example> read_examples(const fs::path& root, const std::string& file) {
  std::ifstream in(root / file);
  std::vector<Example> out;
  std::string line;
  int n = 0;
  bool in_block = false;
  Example block;
  while (std::getline(in, line)) {
    ++n;
    line = rstrip(line);
    if (line.rfind("```", 0) == 0) {
      if (in_block && !block.commands.empty()) out.push_back(block);
      in_block = !in_block;
      block = {file, 0, {}};
      continue;
    }
    if (!in_block) continue;
    if (line.rfind("$ ", 0) == 0) {
      if (block.commands.empty()) block.line = n;
      block.commands.push_back({line.substr(2), {}});
    } else if (!block.commands.empty()) {
      block.commands.back().expected.push_back(line);
    }
  }
  return out;
}

std::vector<Example> all_examples() {
  const fs::path root = BALLAST_SOURCE_DIR;
  std::vector<std::string> files = {"README.md"};
  for (const auto& e : fs::directory_iterator(root / "docs")) {
    if (e.path().extension() == ".md") files.push_back("docs/" + e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<Example> out;
  for (const std::string& f : files) {
    for (Example& e : read_examples(root, f)) out.push_back(std::move(e));
  }
  return out;
}

// Whether `actual` matches `expected`, where a line "..." matches any run of lines.
bool matches(const std::vector<std::string>& expected, std::size_t i,
             const std::vector<std::string>& actual, std::size_t j) {
  if (i == expected.size()) return j == actual.size();
  if (expected[i] == "...") {
    for (std::size_t k = j; k <= actual.size(); ++k) {
      if (matches(expected, i + 1, actual, k)) return true;
    }
    return false;
  }
  return j < actual.size() && expected[i] == actual[j] && matches(expected, i + 1, actual, j + 1);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(rstrip(line));
  // A block's expected output never ends in blank lines; neither does the comparison.
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::string run(const std::string& command, const fs::path& dir) {
  const std::string path = std::string(BALLAST_BIN_DIRS) + ":" + std::getenv("PATH");
  const std::string script = "cd '" + dir.string() + "' && PATH='" + path + "' && " + command;
  FILE* pipe = popen(("sh -c '" +
                      [&] {
                        std::string quoted;
                        for (char c : script)
                          quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
                        return quoted;
                      }() +
                      "' 2>&1")
                         .c_str(),
                     "r");
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  pclose(pipe);
  return out;
}

class DocExample : public ::testing::TestWithParam<Example> {};

TEST_P(DocExample, PrintsWhatTheDocumentationShows) {
  const Example& e = GetParam();
  const fs::path root = BALLAST_SOURCE_DIR;
  const fs::path dir = fs::temp_directory_path() /
                       ("ballast_doc_" + std::to_string(getpid()) + "_" + std::to_string(e.line));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* linked : {"examples", "data"})
    fs::create_directory_symlink(root / linked, dir / linked);
  for (const Command& c : e.commands) {
    std::vector<std::string> expected = c.expected;
    while (!expected.empty() && expected.back().empty()) expected.pop_back();
    const std::string out = run(c.line, dir);
    EXPECT_TRUE(matches(expected, 0, lines_of(out), 0)) << e.file << ":" << e.line << ": $ "
                                                        << c.line
                                                        << "\n--- the documentation shows:\n"
                                                        <<
        [&] {
          std::string s;
          for (const std::string& l : expected) s += l + "\n";
          return s;
        }() << "--- the program printed:\n" << out;
  }
  fs::remove_all(dir);
}

std::string name_of(const ::testing::TestParamInfo<Example>& info) {
  std::string name = info.param.file + "_" + std::to_string(info.param.line);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Docs, DocExample, ::testing::ValuesIn(all_examples()), name_of);

}  // namespace
