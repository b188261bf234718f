"""The status report as Markdown (GitHub-flavoured tables), for wikis and e-mail."""

from __future__ import annotations

import re

from urbangov.builtins.status_report._document import Document, Section, Table

__all__ = ["write_markdown"]

# What would turn text into markup or break a table cell; an underscore inside a word
# (people_committee) stays plain text in CommonMark.
_SPECIAL = re.compile(r"([\\`*\[\]<>|#]|(?<!\w)_|_(?!\w))")


def _md(text: str) -> str:
    """``text`` on one line, its Markdown characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def write_markdown(doc: Document) -> str:
    """The whole report: title, facts, then each section with its tables."""
    lines = [f"# {_md(doc.title)}", ""]
    lines += [f"- **{_md(label)}:** {_md(value)}" for label, value in doc.facts]
    lines.append("")
    for section in doc.sections:
        lines += _section(section)
    lines += [f"*{_md(doc.footnote)}*", ""]
    return "\n".join(lines)


def _section(section: Section) -> list[str]:
    lines = [f"{'#' * section.level} {_md(section.heading)}", ""]
    if section.note:
        lines += [f"*{_md(section.note)}*", ""]
    for table in section.tables:
        lines += [*_table(table), ""]
    if not section.tables and section.empty:
        lines += [_md(section.empty), ""]
    return lines


def _table(table: Table) -> list[str]:
    """A pipe table; the totals row in bold, numbers aligned right."""
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.header))]
    rows = [list(row) for row in table.rows]
    out = [_row(table.header), _row(align, escape=False)]
    out += [_row(row) for row in rows]
    if table.total is not None:
        out.append(_row([f"**{_md(cell)}**" if cell else "" for cell in table.total], escape=False))
    return out


def _row(cells: list[str] | tuple[str, ...], *, escape: bool = True) -> str:
    shown = [_md(cell) if escape else cell for cell in cells]
    return "| " + " | ".join(shown) + " |"
