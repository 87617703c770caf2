#pragma once
/// @file The LP solver's request fields, declared once for every study that solves an LP
/// (dispatch, expand): the same names, choices, bounds and help in each command.

#include "ballast/core/fields.h"

namespace ballast::lp {

/// "lp_method": auto, dual, primal or barrier (lp::parse_method). `auto_means` says what auto
/// picks in this study.
FieldInfo lp_method_field(const std::string& auto_means);

/// "time_limit_s": a wall-clock limit for the study's LPs together, s.
FieldInfo time_limit_field();

}  // namespace ballast::lp
