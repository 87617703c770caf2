#!/usr/bin/env python3
"""A hand-written control loop: a battery hides an AI training site's power swings from the grid.

A synthetic 50 MW training site (32,000 H100 GPUs in lockstep, a checkpoint every 10 minutes)
swings between full power and its communication level every two seconds, and drops for each
checkpoint. The grid is asked for a slow average of the site (a first-order filter written
below), changing by at most 0.5 MW/s; a 40 MW / 5 MWh battery covers the difference, and a slow
SOC keeper nudges the grid target so the battery returns to half charge. Every step is written
out, so this is the place to start for a controller of your own.

    python examples/python/control_loop.py --out out/control_loop.png

Writes a PNG chart (site and grid power, battery power, state of charge) and prints a summary.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import ballast
from ballast.control import RampLimiter, SocKeeper


RAMP_MW_PER_S = 0.5  # what the grid connection allows


def simulate(minutes: float, step_ms: int) -> tuple[pd.DataFrame, ballast.Storage, ballast.aging.Wear]:
    """Steps the site, the controllers and the battery; returns one row per step, the battery
    at the end and the wear of its SOC trace."""
    site = ballast.workload.synthetic_site(
        training_gpus=32_000, pue=1.2, step_ms=step_ms, duration_s=60 * minutes,
        checkpoint_every_s=600, checkpoint_s=30, seed=7, start="2025-06-01T14:00:00Z",
    )
    dt_s = step_ms / 1000
    unit = ballast.Storage.with_round_trip(
        power_mw=40, energy_mwh=5, round_trip_efficiency=0.9, dt_s=dt_s, soc=0.5
    )
    # The site was running before this window: start the grid at its mean over one iteration.
    start_mw = float(site.iloc[: int(2000 / step_ms)].mean())
    limiter = RampLimiter(ramp_mw_per_s=RAMP_MW_PER_S, dt_s=dt_s, initial_mw=start_mw)
    keeper = SocKeeper(energy_mwh=5, target_soc=0.5, dead_band=0.05, correction_time_s=900,
                       max_correction_mw=2)
    wear = ballast.aging.WearMeter(ballast.aging.AgingModel.xu2018(), dt_s=dt_s)

    n = len(site)
    grid_mw, battery_mw, soc = np.empty(n), np.empty(n), np.empty(n)
    alpha = dt_s / (60.0 + dt_s)  # the site's average over about a minute
    average_mw = start_mw
    for i, site_mw in enumerate(site.to_numpy()):
        # The grid follows the site's average plus the SOC correction (> 0 draws more, to
        # charge), within its ramp limit; the battery is asked for what the grid does not give.
        average_mw += alpha * (site_mw - average_mw)
        target = average_mw + keeper.correction_mw(unit.stored_mwh)
        grid_plan = limiter.step(target)
        battery_mw[i] = unit.step(site_mw - grid_plan)
        grid_mw[i] = site_mw - battery_mw[i]  # what the grid sees if the battery fell short
        soc[i] = unit.soc
        wear.push(soc[i], 25.0)
    frame = pd.DataFrame(
        {"site_mw": site.to_numpy(), "grid_mw": grid_mw, "battery_mw": battery_mw, "soc": soc},
        index=site.index,
    )
    return frame, unit, wear.finish()


def summarise(
    frame: pd.DataFrame, unit: ballast.Storage, wear: ballast.aging.Wear
) -> dict[str, float]:
    """The numbers the chart shows, as a dict."""
    dt_s = unit.dt_s

    def per_s(s: pd.Series) -> float:
        return float(np.abs(np.diff(s.to_numpy())).max() / dt_s)

    return {
        "max_site_ramp_mw_per_s": per_s(frame["site_mw"]),
        "max_grid_ramp_mw_per_s": per_s(frame["grid_mw"]),
        "soc_min": float(frame["soc"].min()),
        "soc_max": float(frame["soc"].max()),
        "throughput_mwh": unit.throughput_mwh,
        "equivalent_full_cycles": wear.equivalent_full_cycles,
    }


def chart(frame: pd.DataFrame, out: Path) -> None:
    """Three panels: site and grid power, battery power, state of charge."""
    minutes = (frame.index - frame.index[0]).total_seconds() / 60
    fig, ax = plt.subplots(3, 1, figsize=(10, 7), sharex=True, layout="constrained")
    ax[0].plot(minutes, frame["site_mw"], lw=0.4, alpha=0.5, label="training site")
    ax[0].plot(minutes, frame["grid_mw"], lw=1.5, color="black",
               label=f"grid ({RAMP_MW_PER_S} MW/s ramp limit)")
    ax[0].set_ylabel("MW")
    ax[0].legend(loc="lower right")
    ax[1].plot(minutes, frame["battery_mw"], lw=0.6, color="tab:green")
    ax[1].set_ylabel("battery MW\n(> 0 discharge)")
    ax[2].plot(minutes, 100 * frame["soc"], color="tab:purple")
    ax[2].set_ylabel("SOC %")
    ax[2].set_xlabel(f"minutes after {frame.index[0]:%Y-%m-%d %H:%M %Z}")
    fig.suptitle("A 40 MW / 5 MWh battery hides a 50 MW training site's swings from the grid")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out/control_loop.png"), help="PNG to write")
    parser.add_argument("--minutes", type=float, default=30, help="simulated minutes")
    parser.add_argument("--step-ms", type=int, default=100, help="control step, ms")
    args = parser.parse_args(argv)
    frame, unit, wear = simulate(args.minutes, args.step_ms)
    summary = summarise(frame, unit, wear)
    chart(frame, args.out)
    print(f"wrote {args.out}")
    print(f"site ramps up to {summary['max_site_ramp_mw_per_s']:.1f} MW/s; "
          f"the grid sees at most {summary['max_grid_ramp_mw_per_s']:.2f} MW/s")
    print(f"battery SOC {100 * summary['soc_min']:.1f} .. {100 * summary['soc_max']:.1f} %, "
          f"throughput {summary['throughput_mwh']:.2f} MWh "
          f"({summary['equivalent_full_cycles']:.2f} equivalent full cycles)")
    return summary


if __name__ == "__main__":
    main(sys.argv[1:])
