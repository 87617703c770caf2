#pragma once
// The candidates and the new load as an extension of the dispatch LP. Private to expand.

#include <string>
#include <vector>

#include "ballast/dispatch/extension.h"
#include "ballast/expand/case.h"

namespace ballast::expand {

class CandidatesLp : public dispatch::LpExtension {
 public:
  explicit CandidatesLp(const ExpansionCase& c);

  std::vector<std::vector<lp::Term>> add_to(lp::Model& model, bool names) override;
  std::string describe_row(int row) const override;

  // Variable indices, valid after add_to. Per storage candidate: power, energy, and per period
  // net power (> 0 discharge) and stored energy; per generator or renewable: capacity and
  // output per period; the new load's curtailment per period (-1: firm).
  struct Store {
    int power = -1, energy = -1;
    std::vector<int> net, stored;
  };
  struct Plant {
    int capacity = -1;
    std::vector<int> output;
  };
  const std::vector<Store>& storage() const { return storage_; }
  const std::vector<Plant>& generators() const { return generators_; }
  const std::vector<Plant>& renewables() const { return renewables_; }
  const std::vector<int>& curtailed() const { return curtailed_; }

 private:
  enum class Family {
    kStoragePower,
    kStorageEnergy,
    kStorageWindow,
    kStorageEnd,
    kDuration,
    kGeneratorCapacity,
    kRamp,
    kRenewable,
    kAllowance,
    kLink
  };
  struct Tag {
    Family family;
    std::string asset;
    int period;
  };
  int row(lp::Model& m, double lb, double ub, const std::vector<lp::Term>& terms, Family f,
          const std::string& asset, int period, const char* name);
  void add_storage(lp::Model& m, std::vector<std::vector<lp::Term>>& balance);
  void add_generators(lp::Model& m, std::vector<std::vector<lp::Term>>& balance);
  void add_renewables(lp::Model& m, std::vector<std::vector<lp::Term>>& balance);
  void add_load(lp::Model& m, std::vector<std::vector<lp::Term>>& balance);
  std::string name(const char* what, const std::string& asset, int period) const;
  std::vector<int> chained(lp::Model& m, int capacity, const std::string& asset, const char* what);

  const ExpansionCase& c_;
  bool names_ = false;
  double dt_h_ = 1;
  std::size_t n_ = 0;
  int first_row_ = 0;
  std::vector<Tag> tags_;
  std::vector<Store> storage_;
  std::vector<Plant> generators_, renewables_;
  std::vector<int> curtailed_;
};

}  // namespace ballast::expand
