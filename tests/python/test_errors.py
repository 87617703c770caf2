"""ballast.errors: the exception tree and how C++ errors arrive in Python."""

from __future__ import annotations

import pickle

import pytest

import ballast


def test_tree_mirrors_cpp():
    assert issubclass(ballast.InputError, ballast.Error)
    assert issubclass(ballast.InfeasibleError, ballast.Error)
    assert issubclass(ballast.InternalError, ballast.Error)
    assert issubclass(ballast.InputError, ValueError)
    assert issubclass(ballast.InternalError, RuntimeError)


def test_input_error_formats_location_like_the_cli():
    e = ballast.InputError("bad number", file="a.csv", line=3, column=7)
    assert str(e) == "a.csv:3:7: bad number"
    assert (e.file, e.line, e.column, e.reason) == ("a.csv", 3, 7, "bad number")
    assert str(ballast.InputError("no file")) == "no file"
    assert ballast.InputError("x", file="f.csv", line=2).location == "f.csv:2"


def test_input_error_pickles_with_its_location():
    e = pickle.loads(pickle.dumps(ballast.InputError("bad", file="f.csv", line=2, column=5)))
    assert (e.reason, e.file, e.line, e.column) == ("bad", "f.csv", 2, 5)


def test_cpp_input_error_keeps_file_line_column(tmp_path):
    table = tmp_path / "life.csv"
    table.write_text("dod_pct,cycles,capacity_pct\n20,20000,80\n50,lots,80\n")
    with pytest.raises(ballast.InputError) as info:
        ballast.aging.AgingModel.read_cycle_table(str(table))
    e = info.value
    assert e.file == str(table)
    assert e.line == 3
    assert e.column == 4  # "lots" starts after "50,"
    assert "three numbers" in e.reason
    assert str(e).startswith(f"{table}:3:4: ")


def test_cpp_input_error_without_a_file_names_the_parameter():
    with pytest.raises(ballast.InputError, match="charge efficiency must be in"):
        ballast.StorageParams(energy_mwh=10, charge_efficiency=1.5)


def test_error_in_a_parameter_is_catchable_as_value_error():
    with pytest.raises(ValueError):
        ballast.control.RampLimiter(ramp_mw_per_s=0, dt_s=1)
