// A deterministic stand-in for a libFuzzer run of csv_fuzz.cpp, built with every compiler:
// mutates the seed corpus with a fixed-seed generator and feeds each mutant to the fuzz
// target. Only ballast::InputError may be thrown inside the target (it catches those);
// anything escaping it is a bug in the reader.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace ballast {
namespace {

std::vector<std::string> read_corpus() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(BALLAST_TEST_DIR "/corpus")) {
    paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());  // directory order is not portable
  std::vector<std::string> corpus;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return corpus;
}

// Byte- and line-level mutations in the spirit of libFuzzer's, driven by mt19937_64 (whose
// output the standard fixes) and plain modular arithmetic, so runs repeat on every platform.
class Mutator {
 public:
  Mutator(std::vector<std::string> corpus, std::uint64_t seed)
      : corpus_(std::move(corpus)), rng_(seed) {}

  std::string next() {
    // A quarter of the time keep walking from the last mutant to reach deeper states.
    std::string s = below(4) == 0 && !last_.empty() ? last_ : corpus_[below(corpus_.size())];
    const std::size_t rounds = 1 + below(3);
    for (std::size_t i = 0; i < rounds; ++i) mutate(s);
    if (s.size() > 4096) s.resize(4096);
    last_ = s;
    return s;
  }

 private:
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

  char interesting() {
    static constexpr std::string_view kBytes = "0123456789-:T Z+.,\n\r\"e\t\xef\xbb\xbf";
    return below(8) == 0 ? static_cast<char>(below(256)) : kBytes[below(kBytes.size())];
  }

  // [begin, end) of the lines of s (a line includes its '\n').
  static std::vector<std::pair<std::size_t, std::size_t>> lines(const std::string& s) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t begin = 0;
    while (begin < s.size()) {
      const std::size_t nl = s.find('\n', begin);
      const std::size_t end = nl == std::string::npos ? s.size() : nl + 1;
      out.emplace_back(begin, end);
      begin = end;
    }
    return out;
  }

  std::string random_line(const std::string& s) {
    const auto ls = lines(s);
    if (ls.empty()) return "\n";
    const auto [b, e] = ls[below(ls.size())];
    return s.substr(b, e - b);
  }

  void mutate(std::string& s) {
    const auto ls = lines(s);
    switch (below(12)) {
      case 0:  // flip one bit
        if (!s.empty()) s[below(s.size())] ^= static_cast<char>(1u << below(8));
        break;
      case 1:  // overwrite a byte
        if (!s.empty()) s[below(s.size())] = interesting();
        break;
      case 2:  // insert bytes
        s.insert(below(s.size() + 1), 1 + below(3), interesting());
        break;
      case 3:  // delete a short range
        if (!s.empty()) {
          const std::size_t at = below(s.size());
          s.erase(at, 1 + below(8));
        }
        break;
      case 4:  // change a digit into another digit: well-formed but different times and values
        for (int tries = 0; tries < 8 && !s.empty(); ++tries) {
          const std::size_t at = below(s.size());
          if (s[at] >= '0' && s[at] <= '9') {
            s[at] = static_cast<char>('0' + below(10));
            break;
          }
        }
        break;
      case 5:  // duplicate a line
        if (!ls.empty()) {
          const auto [b, e] = ls[below(ls.size())];
          s.insert(b, s.substr(b, e - b));
        }
        break;
      case 6:  // delete a line
        if (!ls.empty()) {
          const auto [b, e] = ls[below(ls.size())];
          s.erase(b, e - b);
        }
        break;
      case 7:  // swap two lines
        if (ls.size() >= 2) {
          const auto a = ls[below(ls.size())];
          const auto b = ls[below(ls.size())];
          if (a.first < b.first) {
            const std::string la = s.substr(a.first, a.second - a.first);
            const std::string lb = s.substr(b.first, b.second - b.first);
            s.replace(b.first, lb.size(), la);
            s.replace(a.first, la.size(), lb);
          }
        }
        break;
      case 8:  // splice in a line from another seed
        s.insert(ls.empty() ? 0 : ls[below(ls.size())].first,
                 random_line(corpus_[below(corpus_.size())]));
        break;
      case 9:  // truncate
        s.resize(below(s.size() + 1));
        break;
      case 10:  // copy a range elsewhere
        if (!s.empty()) {
          const std::size_t from = below(s.size());
          const std::string chunk = s.substr(from, 1 + below(16));
          s.insert(below(s.size() + 1), chunk);
        }
        break;
      default:  // append a copy of the last line with one digit changed (extends the series)
        if (!ls.empty()) {
          std::string line = s.substr(ls.back().first);
          if (line.empty() || line.back() != '\n') line = "\n" + line;
          const std::size_t digit = line.find_last_of("0123456789", line.find(','));
          if (digit != std::string::npos) line[digit] = static_cast<char>('0' + below(10));
          s += line;
        }
        break;
    }
  }

  std::vector<std::string> corpus_;
  std::mt19937_64 rng_;
  std::string last_;
};

int feed(const std::string& input) {
  return LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string printable(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '\n') {
      out += "\\n\n";
    } else if (c >= 0x20 && c < 0x7f) {
      out += c;
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      const auto u = static_cast<unsigned char>(c);
      out += std::string("\\x") + kHex[u >> 4] + kHex[u & 15];
    }
  }
  return out;
}

TEST(CsvFuzzSmoke, CorpusHasSeeds) { EXPECT_GE(read_corpus().size(), 5u); }

TEST(CsvFuzzSmoke, EverySeedIsAcceptedByTheTarget) {
  for (const std::string& seed : read_corpus()) EXPECT_NO_THROW(feed(seed)) << printable(seed);
}

// Seeds are valid files (with --fill linear and the column the file needs), so mutants start
// from inputs that reach every stage of the reader.
TEST(CsvFuzzSmoke, EverySeedParses) {
  for (const std::string& seed : read_corpus()) {
    CsvReadOptions options;
    options.fill = FillMode::kLinear;
    if (seed.find(",coal_mw,b") != std::string::npos) options.column = "coal_mw";
    try {
      parse_time_series_csv(seed, "seed.csv", options);
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what() << "\n" << printable(seed);
    }
  }
}

TEST(CsvFuzzSmoke, OnlyInputErrorIsThrownFor300000Mutants) {
  Mutator mutator(read_corpus(), 20240601);
  for (int i = 0; i < 300'000; ++i) {
    const std::string input = mutator.next();
    try {
      feed(input);
    } catch (const std::exception& e) {
      FAIL() << "mutant " << i << " threw " << e.what() << "\n" << printable(input);
    } catch (...) {
      FAIL() << "mutant " << i << " threw a non-std exception\n" << printable(input);
    }
  }
}

// The mutants must not all be rejected early: a fair share still reads as a series (with
// --fill linear and one of the seeds' value columns).
TEST(CsvFuzzSmoke, OneMutantInFifteenStillParses) {
  Mutator mutator(read_corpus(), 20240601);
  int parsed = 0;
  for (int i = 0; i < 20'000; ++i) {
    const std::string input = mutator.next();
    for (const char* column : {"", "b", "coal_mw"}) {
      CsvReadOptions options;
      options.column = column;
      options.fill = FillMode::kLinear;
      try {
        parse_time_series_csv(input, "fuzz.csv", options);
        ++parsed;
        break;
      } catch (const InputError&) {
      }
    }
  }
  EXPECT_GT(parsed, 20'000 / 15);
}

}  // namespace
}  // namespace ballast
