// The field table: text, typed and TOML values set a request's members; bad values say where.

#include "ballast/core/fields.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>

#include "ballast/core/fields_toml.h"

namespace ballast {
namespace {

struct Request {
  double power_mw = 5;
  std::optional<double> efficiency;
  int years = 20;
  bool verify = false;
  std::string grid = "ERCO";
  std::string file;
  std::vector<double> limits = {0.25, 0.5};
  std::vector<int> ages = {1, 10};

  static const FieldTable<Request>& fields() {
    static const FieldTable<Request> t = [] {
      FieldTable<Request> f;
      f.add({.name = "power_mw", .help = "power", .unit = FieldUnit::kMw, .min = 0},
            &Request::power_mw);
      f.add({.name = "efficiency",
             .help = "round trip",
             .unit = FieldUnit::kFraction,
             .min = 0,
             .max = 1,
             .min_exclusive = true},
            &Request::efficiency);
      f.add({.name = "years", .kind = FieldKind::kInteger, .min = 1, .max = 100}, &Request::years);
      f.add({.name = "verify", .kind = FieldKind::kFlag}, &Request::verify);
      f.add({.name = "grid",
             .kind = FieldKind::kChoice,
             .choices = {"ERCO|ERCOT", "PJM"},
             .old_names = {"region"}},
            &Request::grid);
      f.add({.name = "file", .kind = FieldKind::kText, .path = true}, &Request::file);
      f.add({.name = "limits",
             .kind = FieldKind::kNumbers,
             .unit = FieldUnit::kPercent,
             .min = 0,
             .max = 100,
             .max_exclusive = true},
            &Request::limits);
      f.add({.name = "ages", .kind = FieldKind::kNumbers, .min = 1, .whole = true}, &Request::ages);
      return f;
    }();
    return t;
  }
};

const FieldTable<Request>& table() { return Request::fields(); }

TEST(Fields, DefaultsComeFromTheRequestItself) {
  EXPECT_EQ(table().find("power_mw")->info.default_text, "5");
  EXPECT_EQ(table().find("limits")->info.default_text, "0.25,0.5");
  EXPECT_EQ(table().find("efficiency")->info.default_text, "");  // optional: no default
  EXPECT_EQ(table().find("verify")->info.default_text, "false");
}

TEST(Fields, TextWithUnitsIsConverted) {
  Request r;
  table().set(r, "power_mw", std::string("2GW"));
  EXPECT_DOUBLE_EQ(r.power_mw, 2000);
  table().set(r, "efficiency", std::string("85%"));
  EXPECT_DOUBLE_EQ(*r.efficiency, 0.85);
  table().set(r, "limits", std::string("0.5%,1"));
  EXPECT_EQ(r.limits, (std::vector<double>{0.5, 1}));
  table().set(r, "ages", std::string("1:5:2"));
  EXPECT_EQ(r.ages, (std::vector<int>{1, 3, 5}));
}

TEST(Fields, ChoicesAcceptAliasesAndAnyCase) {
  Request r;
  table().set(r, "grid", std::string("ercot"));
  EXPECT_EQ(r.grid, "ERCO");
  table().set(r, "grid", std::string("pjm"));
  EXPECT_EQ(r.grid, "PJM");
  EXPECT_THROW(table().set(r, "grid", std::string("CAISO")), InputError);
}

TEST(Fields, BoundsAndFinitenessAreChecked) {
  Request r;
  EXPECT_THROW(table().set(r, "power_mw", -1.0), InputError);
  EXPECT_THROW(table().set(r, "power_mw", std::nan("")), InputError);
  EXPECT_THROW(table().set(r, "power_mw", std::numeric_limits<double>::infinity()), InputError);
  EXPECT_THROW(table().set(r, "efficiency", 0.0), InputError);  // exclusive lower bound
  EXPECT_NO_THROW(table().set(r, "efficiency", 1.0));
  EXPECT_THROW(table().set(r, "limits", std::vector<double>{1, 100}), InputError);
  EXPECT_THROW(table().set(r, "years", 2.5), InputError);
  EXPECT_THROW(table().set(r, "ages", std::string("1,2.5")), InputError);
  EXPECT_THROW(table().set(r, "power_mw", std::string("nan")), InputError);
}

// Issue 13: a bound left open is closed by the unit's physical range (10 TW for a power), so
// 1e300 MW is refused where it is read; a whole number must fit its member.
TEST(Fields, OpenBoundsStopAtThePhysicalRange) {
  Request r;
  EXPECT_NO_THROW(table().set(r, "power_mw", limits::kPowerMw));
  EXPECT_EQ(r.power_mw, 1e7);
  EXPECT_THROW(table().set(r, "power_mw", 1e300), InputError);
  EXPECT_THROW(table().set(r, "power_mw", std::string("1e8")), InputError);
  EXPECT_THROW(table().set(r, "power_mw", std::string("20000TW")), InputError);
  EXPECT_EQ(r.power_mw, 1e7);  // a refused value leaves the member as it was
  try {
    table().set(r, "power_mw", 1e300, {"s.toml", 4, 7});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 4);
    EXPECT_NE(std::string(e.what()).find("beyond the physical range"), std::string::npos);
  }
  EXPECT_EQ(physical_limit(FieldUnit::kMw), 1e7);
  EXPECT_EQ(physical_limit(FieldUnit::kNone), 1e12);
}

struct Counts {
  int small = 0;
  std::uint64_t seed = 1;
  static const FieldTable<Counts>& fields() {
    static const FieldTable<Counts> t = [] {
      FieldTable<Counts> f;
      f.add({.name = "small", .kind = FieldKind::kInteger, .min = 0}, &Counts::small);
      f.add({.name = "seed", .kind = FieldKind::kInteger, .min = 0}, &Counts::seed);
      return f;
    }();
    return t;
  }
};

TEST(Fields, WholeNumbersMustFitTheirMember) {
  Counts c;
  EXPECT_NO_THROW(Counts::fields().set(c, "small", 2147483647.0));
  EXPECT_EQ(c.small, 2147483647);
  EXPECT_THROW(Counts::fields().set(c, "small", 2147483648.0), InputError);  // INT_MAX + 1
  EXPECT_NO_THROW(Counts::fields().set(c, "seed", 9007199254740992.0));      // 2^53
  EXPECT_EQ(c.seed, 9007199254740992u);
  EXPECT_THROW(Counts::fields().set(c, "seed", 1e300), InputError);
}

TEST(Fields, CheckRangeRefusesNonFiniteAndOutside) {
  EXPECT_NO_THROW(check_range(-14, -14, 14, {}, "utc_offset_h"));
  EXPECT_THROW(check_range(std::nan(""), -14, 14, {}, "x"), InputError);
  EXPECT_THROW(check_range(-INFINITY, -1e300, 1e300, {}, "x"), InputError);
  EXPECT_THROW(check_range(14.5, -14, 14, {}, "x"), InputError);
}

TEST(Fields, MessagesSayWhatAndWhere) {
  Request r;
  try {
    table().set(r, "power_mw", std::string("lots"), {"spec.toml", 3, 12}, "--power-mw");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "spec.toml:3:12: --power-mw 'lots': expected a power in MW, e.g. 5000 or 5GW");
  }
  try {
    table().set(r, "power_mv", 1.0);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'power_mw'?"), std::string::npos);
  }
}

TEST(Fields, SetTextTakesKeyEqualsValue) {
  Request r;
  table().set_text(r, "verify=true");
  EXPECT_TRUE(r.verify);
  table().set_text(r, "years=30");
  EXPECT_EQ(r.years, 30);
  EXPECT_THROW(table().set_text(r, "years"), InputError);
}

TEST(Fields, OldNamesStillWork) {
  bool old = false;
  EXPECT_EQ(table().find("region", &old)->info.name, "grid");
  EXPECT_TRUE(old);
}

TEST(Fields, FillUnsetCopiesOnlyWhatIsMissing) {
  Request into, from;
  from.efficiency = 0.9;
  into.power_mw = 7;
  from.power_mw = 9;
  table().fill_unset(into, from);
  EXPECT_DOUBLE_EQ(*into.efficiency, 0.9);
  EXPECT_DOUBLE_EQ(into.power_mw, 7);
}

TEST(Fields, QuoteInputEscapesAndTruncates) {
  EXPECT_EQ(quote_input("a\x1b[31mb"), "'a\\x1b[31mb'");
  const std::string long_text(1000, 'x');
  const std::string q = quote_input(long_text);
  EXPECT_LT(q.size(), 120u);
  EXPECT_NE(q.find("(1000 characters)"), std::string::npos);
}

TEST(Fields, TomlTablesSetFieldsWithLocations) {
  const auto dir = std::filesystem::temp_directory_path() / "ballast_fields_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "spec.toml";
  std::ofstream(path) << "power_mw = \"3GW\"\nverify = true\nlimits = [1, 5]\nfile = \"load.csv\"\n"
                         "[other]\nx = 1\n";
  const TomlReader reader(path.string());
  Request r;
  apply_toml(table(), r, reader.root(), reader, {"other"});
  EXPECT_DOUBLE_EQ(r.power_mw, 3000);
  EXPECT_TRUE(r.verify);
  EXPECT_EQ(r.limits, (std::vector<double>{1, 5}));
  EXPECT_EQ(r.file, (dir / "load.csv").string());  // relative to the TOML file

  std::ofstream(path) << "power_mw = 1\nyears = 500\n";
  const TomlReader bad(path.string());
  try {
    apply_toml(table(), r, bad.root(), bad);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 2);
    EXPECT_EQ(e.where().column, 9);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ballast
