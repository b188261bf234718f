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

__all__ = [
    "AdministrativeUnit",
    "ChangeEvent",
    "Dated",
    "EventKind",
    "EventUnit",
    "Hierarchy",
    "HierarchyDiff",
    "LegalBasis",
    "UnitCode",
    "UnitKind",
    "search_form",
]
