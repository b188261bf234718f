"""Reading plans, hierarchies, organisations and progress from files (TOML, JSON,
YAML, CSV).

Each reader loads on first use, so reading a hierarchy does not import the scheduler.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from urbangov._lazy import lazy_names

if TYPE_CHECKING:
    from urbangov.io._hierarchy_file import (
        hierarchy_from_dict,
        hierarchy_named,
        load_hierarchy,
        pack_hierarchy,
        shipped_hierarchy,
    )
    from urbangov.io._organisation_file import load_organisation, organisation_from_dict
    from urbangov.io._plan_file import (
        hierarchy_of,
        load_plan,
        loads_plan,
        organisation_of,
        plan_from_dict,
    )
    from urbangov.io._progress_file import (
        CSV_COLUMNS,
        load_progress,
        loads_progress,
        progress_from_dict,
    )
    from urbangov.io._readers import PlanReader, reader_for
    from urbangov.io._risk_file import (
        load_correlated,
        load_estimates,
        load_events,
        loads_correlated,
        loads_estimates,
        loads_events,
        ratio_estimates,
    )
    from urbangov.io._structure import FORMATS

_WHERE = {
    "PlanReader": "_readers",
    "reader_for": "_readers",
    "CSV_COLUMNS": "_progress_file",
    "FORMATS": "_structure",
    "hierarchy_from_dict": "_hierarchy_file",
    "hierarchy_of": "_plan_file",
    "hierarchy_named": "_hierarchy_file",
    "load_correlated": "_risk_file",
    "load_estimates": "_risk_file",
    "loads_correlated": "_risk_file",
    "loads_estimates": "_risk_file",
    "load_events": "_risk_file",
    "loads_events": "_risk_file",
    "ratio_estimates": "_risk_file",
    "load_hierarchy": "_hierarchy_file",
    "pack_hierarchy": "_hierarchy_file",
    "load_organisation": "_organisation_file",
    "load_plan": "_plan_file",
    "load_progress": "_progress_file",
    "loads_plan": "_plan_file",
    "loads_progress": "_progress_file",
    "organisation_from_dict": "_organisation_file",
    "organisation_of": "_plan_file",
    "plan_from_dict": "_plan_file",
    "progress_from_dict": "_progress_file",
    "shipped_hierarchy": "_hierarchy_file",
}

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "PlanReader",
    "hierarchy_from_dict",
    "hierarchy_named",
    "hierarchy_of",
    "load_correlated",
    "load_estimates",
    "load_events",
    "load_hierarchy",
    "load_organisation",
    "load_plan",
    "load_progress",
    "loads_correlated",
    "loads_estimates",
    "loads_events",
    "loads_plan",
    "loads_progress",
    "organisation_from_dict",
    "organisation_of",
    "pack_hierarchy",
    "plan_from_dict",
    "progress_from_dict",
    "ratio_estimates",
    "reader_for",
    "shipped_hierarchy",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, __all__, relative=True)
