"""Reading plans from files (TOML, JSON, YAML)."""

from urbangov.io._plan_file import FORMATS, load_plan, loads_plan, plan_from_dict

__all__ = ["FORMATS", "load_plan", "loads_plan", "plan_from_dict"]
