// Tests src/core/atomic_file.cpp: whole files or none.

#include "ballast/core/atomic_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

// The streaming writer: pieces appended in order, the file appears only on commit().
TEST_F(AtomicFile, WriterJoinsThePiecesInOrder) {
  AtomicFileWriter w(path("out.csv"));
  w.write("a,b\n");
  w.write("1,2\n");
  w.commit();
  EXPECT_EQ(read(path("out.csv")), "a,b\n1,2\n");
}

TEST_F(AtomicFile, WriterShowsNothingUnderTheNameBeforeCommit) {
  AtomicFileWriter w(path("out.csv"));
  w.write("x");
  EXPECT_FALSE(fs::exists(path("out.csv")));
}

TEST_F(AtomicFile, WriterDroppedWithoutCommitLeavesNothing) {
  { AtomicFileWriter(path("out.csv")).write("half"); }
  EXPECT_THAT(listing(), IsEmpty());
}

TEST_F(AtomicFile, WriterDroppedWithoutCommitKeepsTheOldFile) {
  std::ofstream(path("out.csv")) << "old";
  { AtomicFileWriter(path("out.csv")).write("half"); }
  EXPECT_EQ(read(path("out.csv")), "old");
}

TEST_F(AtomicFile, WriterCommittedTwiceThrows) {
  AtomicFileWriter w(path("out.csv"));
  w.commit();
  EXPECT_THROW(w.commit(), InputError);
}

}  // namespace
}  // namespace ballast
