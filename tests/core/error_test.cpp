// Tests src/core/error.cpp: locations and the exception tree.

#include "ballast/core/error.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <type_traits>

namespace ballast {
namespace {

TEST(SourceLocationToString, FileLineColumn) {
  EXPECT_EQ(to_string(SourceLocation{"a.csv", 3, 7}), "a.csv:3:7");
}

TEST(SourceLocationToString, FileLine) {
  EXPECT_EQ(to_string(SourceLocation{"a.csv", 3, 0}), "a.csv:3");
}

TEST(SourceLocationToString, FileOnly) {
  EXPECT_EQ(to_string(SourceLocation{"a.csv", 0, 0}), "a.csv");
}

TEST(SourceLocationToString, ColumnWithoutLineIsLeftOut) {
  EXPECT_EQ(to_string(SourceLocation{"a.csv", 0, 7}), "a.csv");
}

TEST(SourceLocationToString, Unknown) { EXPECT_EQ(to_string(SourceLocation{}), ""); }

TEST(InputError, WhatStartsWithTheLocation) {
  EXPECT_STREQ(InputError("bad value", {"a.csv", 3, 7}).what(), "a.csv:3:7: bad value");
}

TEST(InputError, WhatWithoutLocationIsTheReason) {
  EXPECT_STREQ(InputError("bad value").what(), "bad value");
}

TEST(InputError, ReasonLeavesOutTheLocation) {
  EXPECT_EQ(InputError("bad value", {"a.csv", 3, 7}).reason(), "bad value");
}

TEST(InputError, KeepsTheLocation) {
  const InputError e("bad value", {"a.csv", 3, 7});
  EXPECT_EQ(e.where().line, 3);
}

TEST(InputError, IsAnError) { EXPECT_TRUE((std::is_base_of_v<Error, InputError>)); }

TEST(InfeasibleError, IsAnError) { EXPECT_TRUE((std::is_base_of_v<Error, InfeasibleError>)); }

TEST(InternalError, IsAnError) { EXPECT_TRUE((std::is_base_of_v<Error, InternalError>)); }

TEST(InternalError, IsNotAnInputError) {
  EXPECT_FALSE((std::is_base_of_v<InputError, InternalError>));
}

TEST(Error, IsARuntimeError) { EXPECT_TRUE((std::is_base_of_v<std::runtime_error, Error>)); }

TEST(InputError, IsCaughtAsError) { EXPECT_THROW(throw InputError("x", {"f", 1, 1}), Error); }

}  // namespace
}  // namespace ballast
