"""The plan model: tasks, dependencies, constraints, deadlines."""

from urbangov.plan._cascade import LEVELS, Cascade, cascaded_rows
from urbangov.plan._model import (
    MAX_DAYS,
    ConstraintType,
    Dependency,
    DependencyType,
    Language,
    Plan,
    Task,
    nfc,
)

__all__ = [
    "LEVELS",
    "MAX_DAYS",
    "Cascade",
    "ConstraintType",
    "Dependency",
    "DependencyType",
    "Language",
    "Plan",
    "Task",
    "cascaded_rows",
    "nfc",
]
