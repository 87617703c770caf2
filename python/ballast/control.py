"""Controllers as plain deterministic objects: measurements in, set-points out.

The same C++ objects run in ballastd's real-time loop, the market simulator and the dynamics
simulator, so a loop written in Python with them behaves as those do.

- :class:`RampLimiter` follows a target within a ramp limit (MW/s).
- :class:`SocKeeper` returns a slow correction that brings SOC back to a target.
- :class:`PeakShaver` discharges above a site import threshold and recharges below it.
- :class:`RegulationController` is Taipower dReg / E-dReg: band, shifting schedule, SOC steering.
"""

from __future__ import annotations

from . import _core

__all__ = ["RampLimiter", "SocKeeper", "PeakShaver", "RegulationController", "RegulationStep"]

RampLimiter = _core.control.RampLimiter
SocKeeper = _core.control.SocKeeper
PeakShaver = _core.control.PeakShaver
RegulationController = _core.control.RegulationController
RegulationStep = _core.control.RegulationStep
