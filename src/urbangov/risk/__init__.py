"""Schedule risk: Monte Carlo simulation of a plan's durations on the scheduling
engine, and how likely each finish and deadline is."""

from __future__ import annotations

from urbangov.risk._events import CascadeRisk, EventRisk, RiskEvent
from urbangov.risk._history import History, KindOf, learn, learned_estimates, unit_kinds
from urbangov.risk._simulate import Correlated, Estimate, RiskResult, TaskRisk, simulate

__all__ = [
    "CascadeRisk",
    "Correlated",
    "Estimate",
    "EventRisk",
    "History",
    "KindOf",
    "RiskEvent",
    "RiskResult",
    "TaskRisk",
    "learn",
    "learned_estimates",
    "simulate",
    "unit_kinds",
]
