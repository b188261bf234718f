"""Who does what: cascades down the hierarchy and checks that every task is assigned."""

from urbangov.assignment._cascade import LEVEL_OF_KIND, expand_cascades
from urbangov.assignment._check import (
    AssignmentProblem,
    ProblemKind,
    accountable_for,
    check_assignments,
)
from urbangov.assignment._subtree import tasks_under
from urbangov.plan import cascaded_rows

__all__ = [
    "LEVEL_OF_KIND",
    "AssignmentProblem",
    "ProblemKind",
    "accountable_for",
    "cascaded_rows",
    "check_assignments",
    "expand_cascades",
    "tasks_under",
]
