"""The status report as one self-contained, printable, accessible HTML page.

Nothing is fetched: the style is inline and there is no script. Tables are real
tables, with a caption, column headers (``scope="col"``) and row headers
(``scope="row"``), so that screen readers announce each number with its row and
column; status words are written out, colour only repeats them. Printed, each table
keeps its header on every page and rows do not split.
"""

from __future__ import annotations

from html import escape
from typing import Final

from urbangov.builtins.status_report._charts import district_chart, progress_chart
from urbangov.builtins.status_report._document import Chart, Document, Section, Table
from urbangov.builtins.status_report._labels import LABELS
from urbangov.reporting import Language

__all__ = ["write_html"]

_STYLE: Final = """
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b;
  margin: 2rem auto; max-width: 80rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .75rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: .25rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #eef1f5; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td.date { white-space: nowrap; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
tfoot th, tfoot td, tr.total th, tr.total td { font-weight: 700; background: #f6f6f6; }
tr.overdue th, tr.overdue td { background: #fde8e8; }
tr.at_risk th, tr.at_risk td { background: #fff4d6; }
tr.done_on_time th, tr.done_on_time td { background: #e7f5ea; }
.note, .empty { color: #444; font-style: italic; }
figure.chart { margin: .5rem 0 1rem; overflow-x: auto; }
svg.chart { font: 12px system-ui, "Segoe UI", Roboto, Arial, sans-serif; }
svg.chart .head { font-weight: 600; }
details { margin: 0 0 1rem; }
footer { margin-top: 2rem; color: #444; font-size: .9rem; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr, caption { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  tr th, tr td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def write_html(doc: Document) -> str:
    """The whole page: a header with the facts, a section per part, a footer."""
    facts = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in doc.facts)
    body = "".join(_section(section, doc.lang) for section in doc.sections)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{doc.lang.value}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<header>\n<h1>{escape(doc.title)}</h1>\n<dl class="facts">{facts}</dl>\n</header>\n'
        f"<main>\n{body}</main>\n<footer><p>{escape(doc.footnote)}</p></footer>\n"
        "</body>\n</html>\n"
    )


_NUMBERS: Final = {Language.VI: "Số liệu của biểu đồ", Language.EN: "The numbers"}


def _chart(chart: Chart, lang: Language) -> str:
    labels = LABELS[lang]
    if chart.kind == "districts":
        return district_chart(chart.districts, labels, lang)
    return progress_chart(chart.progress, labels, lang)


def _section(section: Section, lang: Language) -> str:
    tag = f"h{section.level}"
    heading = f'<{tag} id="{section.id}">{escape(section.heading)}</{tag}>\n'
    parts = [f'<section aria-labelledby="{section.id}">\n', heading]
    if section.note:
        parts.append(f'<p class="note">{escape(section.note)}</p>\n')
    parts += [f'<figure class="chart">{_chart(chart, lang)}</figure>\n' for chart in section.charts]
    if section.charts:  # the numbers behind the charts, one click away
        parts.append("<details><summary>" + escape(_NUMBERS[lang]) + "</summary>\n")
    parts += [_table(table, table.caption == section.heading) for table in section.tables]
    if section.charts:
        parts.append("</details>\n")
    if not section.tables and section.empty:
        parts.append(f'<p class="empty">{escape(section.empty)}</p>\n')
    parts.append("</section>\n")
    return "".join(parts)


def _table(table: Table, hidden_caption: bool) -> str:
    """A table; its caption is there for screen readers even when the heading says it."""
    head = "".join(
        f'<th scope="col"{_num(table, i)}>{escape(cell)}</th>'
        for i, cell in enumerate(table.header)
    )
    rows = [
        _row(table, row, table.kinds[n] if n < len(table.kinds) else "")
        for n, row in enumerate(table.rows)
    ]
    hidden = ' class="visually-hidden"' if hidden_caption else ""
    foot = f"<tfoot>{_row(table, table.total, '')}</tfoot>" if table.total is not None else ""
    return (
        f"<table>\n<caption{hidden}>{escape(table.caption)}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n{foot}</table>\n"
    )


def _row(table: Table, cells: tuple[str, ...], kind: str) -> str:
    """A row whose first cell is its header."""
    first, *rest = cells
    shown = "".join(f"<td{_num(table, i)}>{escape(cell)}</td>" for i, cell in enumerate(rest, 1))
    css = f' class="{kind}"' if kind else ""
    return f'<tr{css}><th scope="row"{_num(table, 0)}>{escape(first)}</th>{shown}</tr>\n'


def _num(table: Table, column: int) -> str:
    """The class of a column's cells: numbers align right, dates stay on one line."""
    if column in table.numeric:
        return ' class="num"'
    return ' class="date"' if column in table.dates else ""
