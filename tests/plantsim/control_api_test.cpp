#include "plantsim/control_api.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include "live_plant.h"

namespace ballast::plantsim {
namespace {

using testing::LivePlant;

struct LiveApi {
  LivePlant plant;
  ControlApi api{"127.0.0.1", 0, plant.runner, plant.faults, plant.server};
  LiveApi() { api.start(); }
};

TEST(ControlApi, StateIsThePlantsTruth) {
  LiveApi live;
  httplib::Client http("127.0.0.1", live.api.port());
  const auto res = http.Get("/state");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j.at("site_mw").get<double>(), 50);
  EXPECT_NEAR(j.at("upstream_mw").get<double>(), 50, 1e-9);
  EXPECT_NEAR(j.at("soc").get<double>(), 0.5, 1e-9);
  EXPECT_EQ(j.at("frequency_hz").get<double>(), 60);
  EXPECT_TRUE(j.at("faults").empty());
  for (const char* key : {"time_s", "battery_mw", "setpoint_mw", "requests", "clients"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
}

TEST(ControlApi, PostFaultSwitchesIt) {
  LiveApi live;
  httplib::Client http("127.0.0.1", live.api.port());
  auto res =
      http.Post("/fault", R"({"fault": "slow", "on": true, "delay_ms": 150})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(live.plant.faults.get().slow);
  EXPECT_EQ(live.plant.faults.get().delay_ms, 150);
  res = http.Get("/faults");
  ASSERT_TRUE(res);
  EXPECT_EQ(nlohmann::json::parse(res->body).at("faults"), nlohmann::json::array({"slow"}));
  res = http.Post("/fault", R"({"fault": "clear"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_FALSE(live.plant.faults.get().slow);
}

TEST(ControlApi, BadFaultIs400) {
  LiveApi live;
  httplib::Client http("127.0.0.1", live.api.port());
  auto res = http.Post("/fault", R"({"fault": "explode"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  res = http.Post("/fault", "not json", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
}

}  // namespace
}  // namespace ballast::plantsim
