#pragma once
/// @file Frequency traces: a deterministic, seeded synthetic grid frequency (mean-reverting
/// noise plus unit-trip events) and reading measured traces from CSV.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ballast::market {

/// A generating unit tripping off the system.
struct TripEvent {
  double time_s = 0;   ///< seconds after the trace's start
  double lost_mw = 0;  ///< generation lost, MW
};

/// Parameters of the synthetic frequency. Defaults: Taiwan's isolated 60 Hz system.
struct SyntheticFrequencyParams {
  double nominal_hz = 60;
  double step_s = 1;             ///< output step, s (0.1 or 1)
  double deviation_hz = 0.025;   ///< standard deviation of the noise around nominal, Hz
  double reversion_s = 60;       ///< correlation time of the noise, s
  std::uint64_t seed = 1;        ///< same seed, same trace
  double system_mw = 35000;      ///< online generation the trips are measured against, MW
  double inertia_s = 4;          ///< aggregate inertia constant H on system_mw, s
  double damping_pu = 1;         ///< load damping D, pu power per pu frequency
  double droop_pu = 0.05;        ///< governor droop R, pu frequency per pu power
  double governor_s = 6;         ///< governor-turbine lag, s
  double agc_s = 120;            ///< time constant of secondary control restoring frequency, s
  std::vector<TripEvent> trips;  ///< unit trips

  /// Throws InputError naming the first parameter out of range.
  void validate() const;
};

/// Streams the synthetic frequency one step at a time: an Ornstein-Uhlenbeck process (exactly
/// discretised) plus, after each trip, the response of an aggregate swing equation with
/// governor droop and secondary control (integrated at 0.1 s or finer).
class SyntheticFrequency {
 public:
  explicit SyntheticFrequency(SyntheticFrequencyParams params);
  /// Frequency at the current step, Hz; then advances one step.
  double next();
  const SyntheticFrequencyParams& params() const { return params_; }

 private:
  double standard_normal();
  void advance_events(double t_s);

  SyntheticFrequencyParams params_;
  std::mt19937_64 rng_;
  double decay_;  // OU retention per step
  double kick_;   // OU noise scale per step
  double noise_hz_ = 0;
  double spare_ = 0;  // the second normal of the last polar-method pair
  bool has_spare_ = false;
  std::int64_t step_ = 0;
  // Event response (per unit on system_mw and nominal_hz).
  double event_t_s_ = 0;
  double df_pu_ = 0, governor_pu_ = 0, agc_pu_ = 0, lost_pu_ = 0;
  std::size_t next_trip_ = 0;
  bool event_active_ = false;
};

/// Generates `count` steps of synthetic frequency, Hz.
std::vector<double> synthetic_frequency(const SyntheticFrequencyParams& params, std::size_t count);

/// A measured trace resampled to one value a second, as Taipower scores it.
struct FrequencyTrace {
  std::int64_t start_s = 0;  ///< UTC second of the first value
  int utc_offset_min = 0;    ///< offset written in the first timestamp (0 if none)
  double source_step_s = 1;  ///< step of the file (0.1 or 1 s, or more)
  std::vector<double> hz;    ///< one value per second: the sample at the whole second
};

/// Reads a frequency CSV: one header row, ISO-8601 timestamps (fractions of a second allowed)
/// in the first column, frequency in Hz in `column` (default: "frequency_hz", else the second
/// column). Rows at 0.1 s are reduced to the first sample of each second. Throws InputError
/// with file:line:column on any defect (unsorted, gaps, non-numeric, outside 55-65 Hz).
FrequencyTrace read_frequency_csv(const std::string& path, const std::string& column = "");

/// A signed series read from CSV (e.g. E-dReg shifting targets): the values and their step.
struct SignedSeries {
  std::int64_t start_s = 0;  ///< UTC second of the first value
  std::int64_t step_s = 0;   ///< regular step, s
  std::vector<double> values;
};

/// Reads a CSV with a timestamp column and one signed numeric column (`column`, default the
/// second); throws InputError with file:line:column on any defect or irregular step.
SignedSeries read_signed_csv(const std::string& path, const std::string& column);

}  // namespace ballast::market
