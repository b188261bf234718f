"""Reading plans and hierarchies from files (TOML, JSON, YAML)."""

from urbangov.io._hierarchy_file import hierarchy_from_dict, load_hierarchy, shipped_hierarchy
from urbangov.io._plan_file import load_plan, loads_plan, plan_from_dict
from urbangov.io._structure import FORMATS

__all__ = [
    "FORMATS",
    "hierarchy_from_dict",
    "load_hierarchy",
    "load_plan",
    "loads_plan",
    "plan_from_dict",
    "shipped_hierarchy",
]
