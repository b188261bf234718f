"""The administrative hierarchy through time: units, their changes, as-of queries."""

from urbangov.hierarchy._hierarchy import Hierarchy, HierarchyDiff
from urbangov.hierarchy._model import (
    AdministrativeUnit,
    ChangeEvent,
    Dated,
    EventKind,
    EventUnit,
    LegalBasis,
    UnitCode,
    UnitKind,
    search_form,
)
from urbangov.hierarchy._organs import VIETNAM_ORGAN_RULES, OrganKind, OrganRule, organs_on

__all__ = [
    "VIETNAM_ORGAN_RULES",
    "AdministrativeUnit",
    "ChangeEvent",
    "Dated",
    "EventKind",
    "EventUnit",
    "Hierarchy",
    "HierarchyDiff",
    "LegalBasis",
    "OrganKind",
    "OrganRule",
    "UnitCode",
    "UnitKind",
    "organs_on",
    "search_form",
]
