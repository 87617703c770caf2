#pragma once
// A sweep plan for one study's request type: the spec's base keys and axis values checked
// through the request's FieldTable, every case built, and a case run in process.

#include <sys/stat.h>

#include <exception>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "ballast/core/fields_toml.h"
#include "ballast/sweep/plan.h"

namespace ballast::sweep {

template <class Request>
class StudyPlan final : public SweepPlan {
 public:
  explicit StudyPlan(SweepSpec spec) : SweepPlan(std::move(spec)) {
    const SweepSpec& s = this->spec();
    const TomlReader& reader = *s.reader;
    const auto& fields = Request::fields();
    apply_toml(fields, base_, reader.root(), reader, s.spec_keys);
    for (const auto& [key, node] : reader.root()) {
      const auto* f = fields.find(key.str());
      if (f != nullptr && f->info.path) {
        if (const auto v = f->current(base_)) check_file(*v, location(reader, node));
      }
    }
    for (const Axis& axis : s.axes) {
      const auto* f = fields.find(axis.field);
      if (f == nullptr) throw InputError(fields.unknown_message(axis.field), axis.where);
      std::vector<std::optional<FieldValue>> values;
      for (const AxisPoint& p : axis.points) {
        if (is_empty(p.value)) {  // "" or []: the key keeps its base value in this case
          values.emplace_back();
          continue;
        }
        FieldValue v = normalize(f->info, p.value, p.where, axis.field);
        if (f->info.path) {
          v = reader.resolve(std::get<std::string>(v));
          check_file(v, p.where);
        }
        values.push_back(std::move(v));
      }
      setters_.push_back(f);
      values_.push_back(std::move(values));
    }
    // Build every case's request once, before any runs: a combination the table refuses
    // stops the sweep here rather than in the middle.
    for (std::int64_t i = 0; i < case_count(); ++i) (void)request(i);
  }

  CaseOutcome run_case(std::int64_t index) const override {
    CaseOutcome out;
    try {
      out.result = to_json(run(request(index)));
    } catch (const InputError& e) {
      out = {2, e.what(), {}};
    } catch (const InfeasibleError& e) {
      out = {2, e.what(), {}};
    } catch (const std::exception& e) {
      out = {1, e.what(), {}};
    }
    return out;
  }

 private:
  Request request(std::int64_t index) const {
    Request r = base_;
    const SweepSpec& s = spec();
    const std::vector<const AxisPoint*> points = s.case_points(index);
    for (std::size_t k = 0; k < points.size(); ++k) {
      const auto at = static_cast<std::size_t>(points[k] - s.axes[k].points.data());
      if (const auto& v = values_[k][at]) setters_[k]->assign(r, *v);
    }
    return r;
  }

  static bool is_empty(const FieldValue& v) {
    return std::visit(
        [](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, double>) {
            return false;
          } else {
            return x.empty();
          }
        },
        v);
  }

  static void check_file(const FieldValue& v, const SourceLocation& where) {
    const std::string* path = std::get_if<std::string>(&v);
    struct stat st {};
    if (path != nullptr && !path->empty() && ::stat(path->c_str(), &st) != 0) {
      throw InputError("no such file: " + *path + "; give a path relative to the spec's folder",
                       where);
    }
  }

  Request base_{};
  std::vector<const typename FieldTable<Request>::Field*> setters_;
  /// Normal values, per axis and point; nullopt: the base value.
  std::vector<std::vector<std::optional<FieldValue>>> values_;
};

}  // namespace ballast::sweep
