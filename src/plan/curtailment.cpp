#include "ballast/plan/curtailment.h"

#include <algorithm>
#include <limits>

#include "ballast/core/error.h"

namespace ballast::plan {

std::vector<double> curtailment_without_storage(const Grid& grid, double new_load_mw) {
  std::vector<double> c(grid.size());
  const std::vector<double>& load = grid.load.values;
  for (std::size_t i = 0; i < c.size(); ++i) {
    c[i] = std::max(0.0, load[i] + new_load_mw - grid.capacity_mw[i]);
  }
  return c;
}

double curtailment_rate(const Grid& grid, const std::vector<double>& curtailed_mw,
                        double new_load_mw) {
  if (new_load_mw <= 0) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < curtailed_mw.size(); ++i) sum += grid.weight[i] * curtailed_mw[i];
  return sum / new_load_mw;
}

double headroom_without_storage(const Grid& grid, double limit) {
  if (!(limit >= 0 && limit < 1)) throw InputError("a curtailment limit must be in [0, 100) %");
  struct Slack {
    double mw;
    double weight;
  };
  std::vector<Slack> slack;
  slack.reserve(grid.size());
  double a = 0;  // sum of weights of steps already curtailed at D (slack < D)
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const double s = grid.capacity_mw[i] - grid.load.values[i];
    if (s <= 0) {
      a += grid.weight[i];  // no room at all: any D > 0 is curtailed fully here
    } else {
      slack.push_back({s, grid.weight[i]});
    }
  }
  if (a > limit) return 0;
  std::sort(slack.begin(), slack.end(), [](const Slack& x, const Slack& y) { return x.mw < y.mw; });
  double b = 0;  // sum of weight * slack over the same steps
  // On (s_{k-1}, s_k] the rate is a - b / D, increasing; solve a - b / D = limit there.
  for (const Slack& s : slack) {
    if (a > limit) {
      const double d = b / (a - limit);
      if (d <= s.mw) return d;
    }
    a += s.weight;
    b += s.weight * s.mw;
  }
  return a > limit ? b / (a - limit) : std::numeric_limits<double>::infinity();
}

}  // namespace ballast::plan
