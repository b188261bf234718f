"""Report formats: the contract between urbangov and the plugins that render."""

from urbangov.reporting._cells import spreadsheet_text, starts_like_a_formula
from urbangov.reporting._reporter import GroupBy, Language, Reporter, ReportOptions, group_key

__all__ = [
    "GroupBy",
    "Language",
    "ReportOptions",
    "Reporter",
    "group_key",
    "spreadsheet_text",
    "starts_like_a_formula",
]
