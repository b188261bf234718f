"""Who does what: cascades down the hierarchy, checks that every task is assigned, and
plans carried across reforms to the units that carry on."""

from urbangov.assignment._cascade import LEVEL_OF_KIND, expand_cascades
from urbangov.assignment._check import (
    AssignmentProblem,
    ProblemKind,
    accountable_for,
    check_assignments,
)
from urbangov.assignment._rehome import DecisionReason, Rehoming, TaskMove, rehome
from urbangov.assignment._subtree import tasks_under
from urbangov.plan import cascaded_rows

__all__ = [
    "LEVEL_OF_KIND",
    "AssignmentProblem",
    "DecisionReason",
    "ProblemKind",
    "Rehoming",
    "TaskMove",
    "accountable_for",
    "cascaded_rows",
    "check_assignments",
    "expand_cascades",
    "rehome",
    "tasks_under",
]
