"""Schedule risk: Monte Carlo simulation of a plan's durations on the scheduling
engine, and how likely each finish and deadline is."""

from __future__ import annotations

from urbangov.risk._history import History, learn, learned_estimates
from urbangov.risk._simulate import Correlated, Estimate, RiskResult, TaskRisk, simulate

__all__ = [
    "Correlated",
    "Estimate",
    "History",
    "RiskResult",
    "TaskRisk",
    "learn",
    "learned_estimates",
    "simulate",
]
