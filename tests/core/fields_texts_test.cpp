// Lists of names as request fields (FieldKind::kTexts): from text, from TOML, from a list.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ballast/core/fields.h"
#include "ballast/core/fields_toml.h"

namespace ballast {
namespace {

struct Names {
  std::vector<std::string> drop;
  static const FieldTable<Names>& fields() {
    static const FieldTable<Names> t = [] {
      FieldTable<Names> f;
      f.add({.name = "drop", .kind = FieldKind::kTexts}, &Names::drop);
      return f;
    }();
    return t;
  }
};

using List = std::vector<std::string>;

TEST(FieldTexts, TextSplitsAtCommasAndTrims) {
  Names n;
  Names::fields().set_text(n, "drop=battery, pumped hydro");
  EXPECT_EQ(n.drop, (List{"battery", "pumped hydro"}));
}

TEST(FieldTexts, AListKeepsEachNameWhole) {
  Names n;
  Names::fields().set(n, "drop", List{"a,b", "c"});
  EXPECT_EQ(n.drop, (List{"a,b", "c"}));
  EXPECT_EQ(to_text(FieldValue(n.drop)), "a,b,c");
}

TEST(FieldTexts, EmptyListIsUnsetAndHasNoDefaultText) {
  EXPECT_EQ(Names::fields().fields()[0].info.default_text, "");
  Names into, from;
  from.drop = {"x"};
  Names::fields().fill_unset(into, from);
  EXPECT_EQ(into.drop, (List{"x"}));
}

TEST(FieldTexts, EmptyNamesAndNumbersListsAreErrors) {
  Names n;
  EXPECT_THROW(Names::fields().set_text(n, "drop=a,,b"), InputError);
  EXPECT_THROW(Names::fields().set(n, "drop", std::vector<double>{1, 2}), InputError);
  EXPECT_THROW(Names::fields().set(n, "drop", true), InputError);
}

TEST(FieldTexts, FromATomlArrayOfStrings) {
  const auto path = std::filesystem::path(::testing::TempDir()) / "field_texts.toml";
  std::ofstream(path) << "drop = [\"battery\", \"pumped hydro\"]\n";
  const TomlReader rd(path.string());
  Names n;
  apply_toml(Names::fields(), n, rd.root(), rd);
  EXPECT_EQ(n.drop, (List{"battery", "pumped hydro"}));
  std::ofstream(path) << "drop = [\"battery\", 2]\n";
  const TomlReader mixed(path.string());
  try {
    apply_toml(Names::fields(), n, mixed.root(), mixed);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 1);
    EXPECT_NE(std::string(e.what()).find("list of names"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ballast
