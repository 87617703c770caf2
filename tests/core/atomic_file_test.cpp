// Tests src/core/atomic_file.cpp: whole files or none.

#include "ballast/core/atomic_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ballast/core/error.h"

namespace ballast {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::StartsWith;

// A fresh empty directory per test, removed afterwards.
class AtomicFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) / (std::string("ballast_atomic_") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  static std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  fs::path dir_;
};

TEST_F(AtomicFile, WritesTheContent) {
  write_file_atomically(path("out.txt"), "hello\n");
  EXPECT_EQ(read(path("out.txt")), "hello\n");
}

TEST_F(AtomicFile, WritesEmptyContent) {
  write_file_atomically(path("out.txt"), "");
  EXPECT_EQ(fs::file_size(path("out.txt")), 0u);
}

TEST_F(AtomicFile, WritesBinaryContent) {
  const std::string bytes("a\0b\r\n\xff", 6);
  write_file_atomically(path("out.bin"), bytes);
  EXPECT_EQ(read(path("out.bin")), bytes);
}

TEST_F(AtomicFile, LeavesOnlyTheFileBehind) {
  write_file_atomically(path("out.txt"), "x");
  EXPECT_THAT(listing(), ElementsAre("out.txt"));
}

TEST_F(AtomicFile, ReplacesALongerFileWhole) {
  std::ofstream(path("out.txt")) << std::string(10000, 'z');
  write_file_atomically(path("out.txt"), "ab");
  EXPECT_EQ(read(path("out.txt")), "ab");
}

TEST_F(AtomicFile, MissingDirectoryThrowsInputError) {
  EXPECT_THROW(write_file_atomically(path("missing/out.txt"), "x"), InputError);
}

TEST_F(AtomicFile, MissingDirectoryErrorNamesThePath) {
  try {
    write_file_atomically(path("missing/out.txt"), "x");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), StartsWith(path("missing/out.txt") + ": cannot write the output file"));
  }
}

TEST_F(AtomicFile, MissingDirectoryLeavesNothingBehind) {
  EXPECT_THROW(write_file_atomically(path("missing/out.txt"), "x"), InputError);
  EXPECT_THAT(listing(), IsEmpty());
}

// The temporary file can be written but not renamed over a directory: it must be removed.
TEST_F(AtomicFile, FailedRenameThrowsInputError) {
  fs::create_directory(path("taken"));
  EXPECT_THROW(write_file_atomically(path("taken"), "x"), InputError);
}

TEST_F(AtomicFile, FailedRenameLeavesNoTemporaryFile) {
  fs::create_directory(path("taken"));
  EXPECT_THROW(write_file_atomically(path("taken"), "x"), InputError);
  EXPECT_THAT(listing(), ElementsAre("taken"));
}

TEST_F(AtomicFile, FailedRenameKeepsWhatWasThere) {
  fs::create_directory(path("taken"));
  EXPECT_THROW(write_file_atomically(path("taken"), "x"), InputError);
  EXPECT_TRUE(fs::is_directory(path("taken")));
}

// The streaming writer: pieces go to a temporary file; the target appears only on commit().
TEST_F(AtomicFile, StreamedPiecesAppearWholeOnCommit) {
  AtomicFileWriter out(path("rows.csv"));
  out.write("a,b\n");
  std::fprintf(out.stream(), "%d,%.3f\n", 7, 0.5);
  EXPECT_FALSE(fs::exists(path("rows.csv")));
  EXPECT_EQ(listing().size(), 1u);  // the temporary file only
  out.commit();
  EXPECT_EQ(read(path("rows.csv")), "a,b\n7,0.500\n");
  EXPECT_THAT(listing(), ElementsAre("rows.csv"));
}

TEST_F(AtomicFile, StreamWithoutCommitLeavesTheOldFileAndNoTemporary) {
  std::ofstream(path("rows.csv")) << "old";
  {
    AtomicFileWriter out(path("rows.csv"));
    out.write("new, half written");
  }
  EXPECT_EQ(read(path("rows.csv")), "old");
  EXPECT_THAT(listing(), ElementsAre("rows.csv"));
}

TEST_F(AtomicFile, TwoStreamsToOnePathDoNotShareATemporaryFile) {
  AtomicFileWriter a(path("out.txt"));
  AtomicFileWriter b(path("out.txt"));
  a.write("first");
  b.write("second");
  EXPECT_EQ(listing().size(), 2u);
  a.commit();
  b.commit();
  EXPECT_EQ(read(path("out.txt")), "second");
  EXPECT_THAT(listing(), ElementsAre("out.txt"));
}

TEST_F(AtomicFile, StreamToAMissingDirectoryThrowsAtOpen) {
  try {
    AtomicFileWriter out(path("missing/rows.csv"));
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), StartsWith(path("missing/rows.csv") + ": cannot write the output file"));
  }
  EXPECT_THAT(listing(), IsEmpty());
}

TEST_F(AtomicFile, StreamWhoseRenameFailsThrowsAndCleansUp) {
  fs::create_directory(path("taken"));
  AtomicFileWriter out(path("taken"));
  out.write("x");
  EXPECT_THROW(out.commit(), InputError);
  EXPECT_THAT(listing(), ElementsAre("taken"));
}

// A file another writer fills (an LP library's MPS writer): it appears only on commit.
TEST_F(AtomicFile, TemporaryBesideAppearsOnlyOnCommit) {
  {
    TemporaryBeside t(path("model.mps"));
    std::ofstream(t.temporary()) << "NAME x";
    EXPECT_EQ(listing().size(), 1u);
  }  // no commit: as after an error
  EXPECT_THAT(listing(), IsEmpty());
  TemporaryBeside t(path("model.mps"));
  std::ofstream(t.temporary()) << "NAME y";
  t.commit();
  EXPECT_EQ(read(path("model.mps")), "NAME y");
  EXPECT_THAT(listing(), ElementsAre("model.mps"));
}

}  // namespace
}  // namespace ballast
