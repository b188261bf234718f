"""The plan model: tasks, dependencies, constraints, deadlines."""

from urbangov.plan._model import (
    ConstraintType,
    Dependency,
    DependencyType,
    Language,
    Plan,
    Task,
    nfc,
)

__all__ = ["ConstraintType", "Dependency", "DependencyType", "Language", "Plan", "Task", "nfc"]
