// Cross-checks ballast's reading of the system tzdata (src/core/tz_rules.cpp, through
// TimeZone) against glibc's, an independent reader of the same TZif files: the offset and the
// daylight-saving flag every two hours of 2020-2040 and every 13 hours of 1970-2200 (past the
// files' own transitions, where each footer's POSIX rule takes over), at both sides of every
// transition, and what local clock readings of 2015-2040 mean (one instant, none, two): every
// quarter hour within three hours of each transition, every 7 hours elsewhere.
// The zones cover the rule forms in use: northern and southern hemisphere, a negative DST
// (Dublin's winter), transition times past 24:00 (Jerusalem) and before 00:00 (Nuuk), a
// 45-minute offset (Chatham), and none at all (Taipei).

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <set>
#include <string>

#include "ballast/core/calendar.h"
#include "ballast/core/time_zone.h"

namespace ballast {
namespace {

const char* const kZones[] = {"America/Chicago", "Europe/Dublin",  "Australia/Sydney",
                              "America/Nuuk",    "Asia/Jerusalem", "America/Santiago",
                              "Pacific/Chatham", "Asia/Taipei",    "America/New_York"};

// glibc's answer for TZ=<zone>.
class Glibc {
 public:
  explicit Glibc(const std::string& zone) {
    setenv("TZ", zone.c_str(), 1);
    tzset();
  }
  ~Glibc() {
    unsetenv("TZ");
    tzset();
  }
  std::tm at(std::int64_t utc_s) const {
    const std::time_t t = static_cast<std::time_t>(utc_s);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
  }
  int offset_min(std::int64_t utc_s) const { return static_cast<int>(at(utc_s).tm_gmtoff / 60); }
};

std::int64_t year_start(int year) { return days_from_civil(year, 1, 1) * 86400; }

void expect_same(const TimeZone& z, const Glibc& g, std::int64_t t, const char* zone) {
  const std::tm tm = g.at(t);
  ASSERT_EQ(z.offset_min(t), tm.tm_gmtoff / 60) << zone << " at " << t;
  ASSERT_EQ(z.is_dst(t), tm.tm_isdst > 0) << zone << " at " << t;
}

TEST(TzGlibc, OffsetsAndDstFlagsAgree) {
  for (const char* zone : kZones) {
    const TimeZone z = TimeZone::named(zone);
    const Glibc g(zone);
    for (std::int64_t t = year_start(2020); t < year_start(2041); t += 2 * 3600) {
      expect_same(z, g, t, zone);
    }
    for (std::int64_t t = year_start(1970); t < year_start(2200); t += 13 * 3600) {
      expect_same(z, g, t, zone);
    }
  }
}

TEST(TzGlibc, EveryTransitionIsAtTheSameSecond) {
  for (const char* zone : kZones) {
    const TimeZone z = TimeZone::named(zone);
    const Glibc g(zone);
    const auto spans = z.spans(year_start(1970), year_start(2100));
    for (std::size_t k = 1; k < spans.size(); ++k) {
      const std::int64_t t = spans[k].from_s;
      EXPECT_NE(g.offset_min(t - 1), g.offset_min(t)) << zone << ": no change at " << t;
      expect_same(z, g, t - 1, zone);
      expect_same(z, g, t, zone);
    }
    // Between transitions glibc sees one offset too (sampled every 11 hours).
    for (const TimeZone::OffsetSpan& s : spans) {
      for (std::int64_t t = s.from_s; t < s.to_s; t += 11 * 3600) {
        ASSERT_EQ(g.offset_min(t), s.offset_min) << zone << " at " << t;
      }
    }
  }
}

TEST(TzGlibc, LocalReadingsResolveToTheInstantsGlibcMapsOntoThem) {
  for (const char* zone : kZones) {
    const TimeZone z = TimeZone::named(zone);
    const Glibc g(zone);
    int skipped = 0, repeated = 0;
    std::set<std::int64_t> readings;
    for (std::int64_t local = year_start(2015); local < year_start(2041); local += 7 * 3600) {
      readings.insert(local);
    }
    for (const TimeZone::OffsetSpan& s : z.spans(year_start(2015), year_start(2041))) {
      const std::int64_t at = s.from_s + std::int64_t{s.offset_min} * 60;  // local, after it
      for (std::int64_t d = -3 * 3600; d <= 3 * 3600; d += 900) readings.insert(at + d);
    }
    for (const std::int64_t local : readings) {
      // Brute force: the offsets glibc gives two days either side and at the reading (offsets
      // change at most once in four days); an instant u = local - offset counts where glibc
      // gives u that offset.
      const std::set<int> offsets = {g.offset_min(local - 2 * 86400) * 60, g.offset_min(local) * 60,
                                     g.offset_min(local + 2 * 86400) * 60};
      std::set<std::int64_t> instants;
      for (const int o : offsets) {
        if (g.offset_min(local - o) * 60 == o) instants.insert(local - o);
      }
      const TimeZone::LocalResolution r = z.resolve(local);
      if (instants.size() == 1) {
        ASSERT_EQ(r.kind, TimeZone::LocalKind::kUnique) << zone << " local " << local;
        ASSERT_EQ(r.first_utc_s, *instants.begin()) << zone << " local " << local;
      } else if (instants.size() == 2) {
        ++repeated;
        ASSERT_EQ(r.kind, TimeZone::LocalKind::kRepeated) << zone << " local " << local;
        ASSERT_EQ(r.first_utc_s, *instants.begin()) << zone << " local " << local;
        ASSERT_EQ(r.second_utc_s, *instants.rbegin()) << zone << " local " << local;
      } else {
        ++skipped;
        ASSERT_EQ(instants.size(), 0u) << zone;
        ASSERT_EQ(r.kind, TimeZone::LocalKind::kSkipped) << zone << " local " << local;
        // before the transition: the offset of a day earlier; after it: of a day later
        EXPECT_EQ(r.first_utc_s, local - g.offset_min(local - 86400) * 60) << zone;
        EXPECT_EQ(r.second_utc_s, local - g.offset_min(local + 86400) * 60) << zone;
        EXPECT_GT(r.transition_utc_s, r.second_utc_s) << zone;
        EXPECT_LE(r.transition_utc_s, r.first_utc_s) << zone;
      }
    }
    if (std::string(zone) == "Asia/Taipei") {
      EXPECT_EQ(skipped + repeated, 0);
    } else {
      // two transitions a year, 26 years: each skips and repeats an hour (Chatham's and every
      // other zone's step is at least 30 minutes, so each gives at least one reading here)
      EXPECT_GE(skipped, 20) << zone;
      EXPECT_GE(repeated, 20) << zone;
    }
  }
}

}  // namespace
}  // namespace ballast
