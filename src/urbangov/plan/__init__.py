"""The plan model: tasks, dependencies, constraints, deadlines."""

from urbangov.plan._cascade import LEVELS, Cascade, cascaded_rows
from urbangov.plan._model import (
    MAX_DAYS,
    ConstraintType,
    Dependency,
    DependencyType,
    Group,
    Language,
    Plan,
    Task,
    nfc,
)
from urbangov.plan._outline import OutlineLine, outline, outline_parents, parts_first
from urbangov.plan._table import TaskTable

__all__ = [
    "LEVELS",
    "MAX_DAYS",
    "Cascade",
    "ConstraintType",
    "Dependency",
    "DependencyType",
    "Group",
    "Language",
    "OutlineLine",
    "Plan",
    "Task",
    "TaskTable",
    "cascaded_rows",
    "nfc",
    "outline",
    "outline_parents",
    "parts_first",
]
