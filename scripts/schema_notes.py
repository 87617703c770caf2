"""What real runs cannot tell scripts/json_schema.py about a study's --json output, reviewed by
hand against each renderer (issue 14): the values a string may take, the numbers that may be
null, the keys a run may leave out and the shape of keys no run here prints.

A path names a node: keys joined by ".", "[]" for the items of an array; "**." in front matches
the path's end at any depth. A note's keys replace the drafted node's, except:
  "$nullable": True  adds "null" to the node's type (the node must exist in some run or be given);
  "$optional": True  drops the key from its object's required list (and adds it if no run has it).
"""

from __future__ import annotations

NULLABLE = {"$nullable": True}
NUMBER_OR_NULL = {"type": ["null", "number"]}

# The economics a wear report carries when a battery's price is given (aging/wear_report.cpp).
ECONOMICS = {
    "type": "object",
    "properties": {
        "currency": {"type": "string"},
        "capex": {"type": "number"},
        "pv_cost": {"type": "number"},
        "pv_revenue": {"type": "number"},
        "npv": {"type": "number"},
        "lcos_per_mwh": {"type": ["null", "number"]},
        "cost_per_new_mwh": {"type": ["null", "number"]},
        "replacements": {"type": "integer"},
        # The cash flows year by year (the report's table), undiscounted.
        "years": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "year": {"type": "integer"},
                    "capacity_end_pct": {"type": "number"},
                    "discharged_mwh": {"type": "number"},
                    "cost": {"type": "number"},
                    "revenue": {"type": "number"},
                    "replaced": {"type": "boolean"},
                },
                "required": ["year", "capacity_end_pct", "discharged_mwh", "cost", "revenue",
                             "replaced"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["currency", "capex", "pv_cost", "pv_revenue", "npv", "lcos_per_mwh",
                 "cost_per_new_mwh", "replacements", "years"],
    "additionalProperties": False,
}

# Every study: the shared pieces (plan/plan_json.cpp, aging/wear_report.cpp).
COMMON = {
    "**.load.partial_years": {"enum": ["drop", "weight", "keep"]},
    "**.load.notes": {"items": {"type": "string"}},
    "**.storage.soc_start": {"enum": ["full", "empty", "cyclic"]},
    # Unlimited power is written as null (JSON has no infinity).
    "**.storage.discharge_power_mw": NUMBER_OR_NULL,
    "**.storage.charge_power_mw": NUMBER_OR_NULL,
    # Wear (every "note" is a wear report's): no end of life within the projection is null;
    # the note says how a short trace was scaled up, null when it was not.
    "**.end_of_life_years": NUMBER_OR_NULL,
    "**.note": {"type": ["null", "string"]},
    "**.economics": {**ECONOMICS, "$optional": True},
}

# The battery-only figures of a transient run, null in the run without a battery.
BATTERY_ONLY = ["soc_min_frac", "soc_max_frac", "charged_mwh", "discharged_mwh", "throughput_mwh",
                "equivalent_full_cycles", "battery_losses_mwh", "battery_short_steps"]
NO_BATTERY = {"type": "null", "description": "no battery in this run"}

NOTES: dict[str, dict[str, dict]] = {
    "headroom": {
        "method": {"enum": ["duke", "pooled"]},
        # Only with storage: its cycles (0 when it never cycles).
        "results[].storage_cycles_per_year": {"$optional": True},
    },
    "size": {
        "new_load_mw": NUMBER_OR_NULL,
        "curtailment_limit_pct": NUMBER_OR_NULL,
    },
    "steady": {
        # The point that reaches the target multiplier; null when none does.
        "at_target": {"$nullable": True},
    },
    "dispatch": {
        "objective": {"enum": ["cost", "peak", "flat", "max_new_load"]},
        # Only when --time-limit-s (or an iteration limit) stopped an LP.
        "solver.limit_note": {"type": "string", "$optional": True},
    },
    "transient": {
        **{f"without_battery.{k}": NO_BATTERY for k in BATTERY_ONLY},
        # No ramp limit without a battery's controller; no frequency without an upstream model.
        "without_battery.ramp_limit_mw_per_s": NO_BATTERY,
        "**.frequency_nadir_hz": NUMBER_OR_NULL,
        "**.frequency_zenith_hz": NUMBER_OR_NULL,
        "**.max_rocof_hz_per_s": NUMBER_OR_NULL,
        "sizing.energy_set_by": {"enum": ["discharge", "charge"]},
        # A grid's keys or an island's (a series without a scenario has "none": model only).
        "upstream.model": {"enum": ["grid", "island", "none"]},
        "upstream.frequency_hz": {"$optional": True},
        "upstream.inertia_s": {"$optional": True},
    },
    "market_run": {
        "runs[].product": {"enum": ["dreg", "edreg", "sreg"]},
        "runs[].controller": {"enum": ["naive", "managed"]},
    },
    "market_curve": {
        "product": {"enum": ["dreg", "edreg", "sreg"]},
    },
    "market_size": {
        "rows[].bid_problem": {"type": ["null", "string"]},
        "best_bid_mw": NUMBER_OR_NULL,
    },
    "frequency": {
        "out": {"type": ["null", "string"]},
    },
    "aging": {},
    "expand": {
        "variants[].variant": {"enum": ["both", "storage only", "generators only"]},
        "variants[].build[].type": {"enum": ["storage", "generator", "renewable"]},
        # Only with --aging and a store built; only when the case sets a fuel price.
        "aging": {"$optional": True},
        "fuel_price_per_mmbtu": {"$optional": True},
    },
    "workload": {},
    "market_bid": {},
}
