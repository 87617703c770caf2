#pragma once
// The commented scenario templates `ballast init` writes: each parses and runs as written (tests:
// tests/python/test_init.py) and says which keys to change.

#include <string_view>

namespace ballast::cli {

inline constexpr std::string_view kDispatchTemplate =
    R"(# A dispatch scenario (docs/dispatch.md). Run: ballast dispatch THIS_FILE --objective cost
# Data paths are relative to this file's folder. Replace demand.csv with your own hourly demand
# (time,demand_mw[,price_per_mwh]); add [[generator]], [[renewable]], [[storage]], [[new_load]].
name = "my dispatch"

[grid]
demand = "demand.csv"            # time column, then demand_mw

[[generator]]
name = "grid"
capacity_mw = 1000
cost_per_mwh = { file = "demand.csv", column = "price_per_mwh" }   # or a number

[[storage]]
name = "battery"
power_mw = 100
energy_mwh = 400
round_trip_efficiency = 0.85     # 0.85 or "85%"
initial_soc = 0.5
)";

inline constexpr std::string_view kDispatchDemand =
    "time,demand_mw,price_per_mwh\n"
    "2024-01-01T00:00Z,300,20\n2024-01-01T01:00Z,280,15\n2024-01-01T02:00Z,270,12\n"
    "2024-01-01T03:00Z,300,18\n2024-01-01T04:00Z,420,45\n2024-01-01T05:00Z,500,60\n"
    "2024-01-01T06:00Z,460,50\n2024-01-01T07:00Z,380,30\n";

inline constexpr std::string_view kMarketTemplate =
    R"(# A Taipower dReg / E-dReg scenario (docs/market.md).
# Run: ballast market run THIS_FILE --controller both     (or: ballast market size THIS_FILE)
# Paths (schedule, frequency files) are relative to this file's folder.

[market]
product = "edreg"                      # dreg or edreg
bid_mw = 10
controller = "managed"                 # managed, or naive (no SOC management)
capacity_price_ntd_per_mw_h = 220      # cap 600
loss_price_ntd_per_mwh = 3000
line_loss = 0.01                       # fraction, battery terminals to the meter

[battery]
power_mw = 10
energy_mwh = 25
round_trip_efficiency = 0.88
soc_min = 0.02
soc_max = 0.98
initial_soc = 0.25
inverter_lag_ms = 200

[bid]                                  # the SOC window declared with the bid, MWh
min_soc_mwh = 2.5
max_soc_mwh = 22.5

[schedule]                             # no file: Taipower's default-style day
# file = "my-schedule.csv"             # time,shift_mw (15-minute rows, + discharge)

[frequency]                            # synthetic; or file = "frequency.csv"
start = "2025-07-01T00:00:00+08:00"
duration_h = 2
deviation_hz = 0.03
seed = 7
system_mw = 35000
)";

inline constexpr std::string_view kTransientTemplate =
    R"(# A datacenter, its battery and the grid at millisecond steps (docs/datacenter.md).
# Run: ballast transient --scenario THIS_FILE      (--size finds the smallest battery)
name = "my site"
step_ms = 10
duration_s = 60

[workload]                     # synthetic training load; or trace = "power.csv" (relative here)
gpu = "H100"                   # H100, B200 or GB200
training_gpus = 32680
pue = 1.2
iteration_ms = 2000
compute_share = 0.75
comm_level = 0.4

[battery]
power_mw = 56
energy_mwh = 2
round_trip_efficiency = 0.85
soc_min = 0.1
soc_max = 0.9
inverter_lag_ms = 20

[control]
ramp_mw_per_min = 10           # what the site may change upstream
target_soc = 0.5
correction_time_s = 600

[grid]                         # or [island] for on-site turbines
frequency_hz = 60
base_mva = 5000
inertia_s = 5
damping = 1
droop = 0.05
governor_lag_s = 0.2
turbine_lag_s = 0.3
)";

inline constexpr std::string_view kSweepTemplate =
    R"(# Many studies at once (ballast sweep THIS_FILE --out DIR): one base request and the axes to
# vary. Keys are the study's option names with _ for - (docs/cli.md); each axis is a list or a
# range "start:stop:step"; every combination is one case.
study = "headroom"
grid = "ERCOT"
year = 2023
curtailment = [0.5, 1, 5]

[axes]
power_mw = "0:4000:1000"
energy_mwh = [4000, 8000]
)";

}  // namespace ballast::cli
