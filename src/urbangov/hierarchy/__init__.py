"""The administrative hierarchy through time: units, their changes, as-of queries, and
who governs them: organs, posts, people, appointments and delegations."""

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
from urbangov.hierarchy._organisation import Organisation
from urbangov.hierarchy._organs import (
    VIETNAM_ORGAN_RULES,
    OrganKind,
    OrganRule,
    OrganRuleSet,
    organs_on,
)
from urbangov.hierarchy._posts import (
    Accountable,
    Appointment,
    Authority,
    Competence,
    Contacts,
    Delegation,
    DelegationKind,
    Organ,
    Person,
    Post,
    PostRole,
    covers,
    derived_organ_id,
)
from urbangov.hierarchy._source import HierarchySource
from urbangov.hierarchy._succession import Succession, SuccessionKind

__all__ = [
    "VIETNAM_ORGAN_RULES",
    "Accountable",
    "AdministrativeUnit",
    "Appointment",
    "Authority",
    "ChangeEvent",
    "Competence",
    "Contacts",
    "Dated",
    "Delegation",
    "DelegationKind",
    "EventKind",
    "EventUnit",
    "Hierarchy",
    "HierarchyDiff",
    "HierarchySource",
    "LegalBasis",
    "Organ",
    "OrganKind",
    "OrganRule",
    "OrganRuleSet",
    "Organisation",
    "Person",
    "Post",
    "PostRole",
    "Succession",
    "SuccessionKind",
    "UnitCode",
    "UnitKind",
    "covers",
    "derived_organ_id",
    "organs_on",
    "search_form",
]
