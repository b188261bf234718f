"""The status report as headings and tables of text, in one language.

The Markdown and HTML writers only lay these out, so both formats print the same
words and numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import final

import attrs

from urbangov.builtins.status_report._content import StatusContent, TaskLine
from urbangov.builtins.status_report._glance import DistrictBar, ProgressPoint
from urbangov.builtins.status_report._labels import COLUMNS, LABELS, day, percent
from urbangov.reporting import Language
from urbangov.tracking import GroupKey, Statistics, StatisticsRow

__all__ = ["Chart", "Document", "Section", "Table", "document"]


def _strings(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(values)


def _rows(values: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in values)


@final
@attrs.frozen
class Table:
    """A table whose first column names its rows (a header cell in HTML)."""

    caption: str
    header: tuple[str, ...] = attrs.field(converter=_strings)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)
    #: Columns of numbers, aligned right.
    numeric: frozenset[int] = frozenset()
    #: A last row of totals, apart from the body.
    total: tuple[str, ...] | None = None
    #: Per row, a word for styling it (a status such as ``overdue``), or "".
    kinds: tuple[str, ...] = ()
    #: Columns of dates, kept on one line.
    dates: frozenset[int] = frozenset()


@final
@attrs.frozen
class Chart:
    """A picture of numbers a table of the same section also gives: ``districts``
    (on-time rate and overdue count per district) or ``progress`` (over time)."""

    kind: str
    districts: tuple[DistrictBar, ...] = ()
    progress: tuple[ProgressPoint, ...] = ()


@final
@attrs.frozen
class Section:
    """A heading with a line of explanation, tables, or the word for "none"."""

    id: str
    heading: str
    tables: tuple[Table, ...] = ()
    note: str = ""
    empty: str = ""
    level: int = 2
    #: Drawn above the tables by formats that draw (HTML); the tables say the same.
    charts: tuple[Chart, ...] = ()


@final
@attrs.frozen
class Document:
    title: str
    lang: Language
    #: Label and value pairs under the title: plan, date, period, forecast.
    facts: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    footnote: str


def document(content: StatusContent, lang: Language) -> Document:
    """Lay ``content`` out as a city report in ``lang``."""
    text = LABELS[lang]
    period = content.period
    when = (
        text["period_span"].format(
            label=period.label, start=day(period.start, lang), end=day(period.end, lang)
        )
        if period is not None
        else text["no_period"]
    )
    facts = (
        (text["plan"], f"{content.title} ({content.plan_id})"),
        (text["as_of"], day(content.as_of, lang)),
        (text["period"], when),
        (text["forecast"], day(content.forecast_finish, lang)),
    )
    sections = [
        Section("summary", text["summary"], (_summary(content.overall, lang),)),
        *_glance(content, lang),
        *(_statistics(table, content, lang) for table in content.tables),
        _tasks("overdue", text["overdue_tasks"], content.overdue, text["days_late"], content, lang),
        _tasks("at-risk", text["at_risk_tasks"], content.at_risk, text["days_risk"], content, lang),
        _tasks(
            "upcoming", text["upcoming_tasks"], content.upcoming, text["days_left"], content, lang
        ),
        _tasks("critical", text["critical_tasks"], content.critical, text["slack"], content, lang),
        Section("extensions", text["extensions"]),
        _granted(content, lang),
        _pending(content, lang),
    ]
    return Document(
        f"{text['heading']}: {content.title}", lang, facts, tuple(sections), text["footnote"]
    )


def _glance(content: StatusContent, lang: Language) -> list[Section]:
    """The districts and the progress over time, as charts with their numbers."""
    text = LABELS[lang]
    tables, charts = [], []
    if content.districts:
        charts.append(Chart("districts", districts=content.districts))
        tables.append(
            Table(
                text["districts_chart"],
                [text["district"], text["on_time_rate"], text["overdue"], text["count"]],
                [
                    [bar.name, percent(bar.on_time_rate, lang), str(bar.overdue), str(bar.total)]
                    for bar in content.districts
                ],
                numeric=frozenset({1, 2, 3}),
            )
        )
    if len(content.progress) > 1:
        charts.append(Chart("progress", progress=content.progress))
        tables.append(
            Table(
                text["progress_chart"],
                [text["day"], text["planned"], text["reported"]],
                [
                    [day(p.day, lang), percent(p.planned, lang), percent(p.actual, lang)]
                    for p in content.progress
                ],
                numeric=frozenset({1, 2}),
                dates=frozenset({0}),
            )
        )
    if not charts:
        return []
    return [Section("glance", text["glance"], tuple(tables), charts=tuple(charts))]


def _summary(row: StatisticsRow, lang: Language) -> Table:
    """The plan's counts in the official taxonomy, each with its share of the total
    (withdrawn tasks are counted apart, so they have no share)."""
    text = LABELS[lang]
    total = row.total

    def line(column: str) -> list[str]:
        n = getattr(row, column)
        share = percent(n / total, lang) if total and column != "withdrawn" else ""
        return [text[column], str(n), share]

    rows = [[text["total"], str(total), ""], *(line(c) for c in COLUMNS)]
    rows.append([text["on_time_rate"], "", percent(row.on_time_rate, lang)])
    return Table(
        text["summary"],
        [text["summary"], text["count"], text["share"]],
        rows,
        numeric=frozenset({1, 2}),
        kinds=("total", *COLUMNS, ""),
    )


def _statistics(table: Statistics, content: StatusContent, lang: Language) -> Section:
    """One row per lead agency, unit or group, and the plan's row."""
    text = LABELS[lang]
    by = table.by

    def cells(row: StatisticsRow, label: str) -> list[str]:
        counts = [str(row.total), *(str(getattr(row, c)) for c in COLUMNS)]
        return [label, *counts, percent(row.on_time_rate, lang)]

    none = text[f"no_{by.value}"]
    rows = [cells(row, _row_label(row, content, none)) for row in table.rows]
    note = text["rolled_leads"] if by is GroupKey.LEAD and content.rolled else ""
    if by is GroupKey.UNIT and table.rows and any(r.name for r in table.rows):
        depth = content.depth
        note = text["depth"].format(depth=depth) if depth is not None else text["rolled_up"]
    header = [text[f"by_{by.value}_column"], text["count"], *(text[c] for c in COLUMNS)]
    return Section(
        f"by-{by.value}",
        text[f"by_{by.value}"],
        (
            Table(
                text[f"by_{by.value}"],
                [*header, text["on_time_rate"]],
                rows,
                numeric=frozenset(range(1, len(header) + 1)),
                total=tuple(cells(table.overall, text["all"])),
            ),
        ),
        note=note,
    )


def _row_label(row: StatisticsRow, content: StatusContent, none: str) -> str:
    if row.key is None:
        return none
    name = content.names.get(row.key, row.key)
    return name if name == row.key else f"{name} ({row.key})"


def _tasks(
    section: str,
    heading: str,
    lines: Sequence[TaskLine],
    late: str,
    content: StatusContent,
    lang: Language,
) -> Section:
    """Tasks that need attention, most late first, with who answers for them (and,
    for late and at-risk ones, what set their forecast)."""
    text = LABELS[lang]
    explained = any(line.cause is not None for line in lines)
    header = [
        text["number"],
        text["task"],
        text["lead"],
        text["accountable"],
        text["deadline"],
        late,
        text["progress"],
        text["forecast_finish"],
        *([text["cause"]] if explained else []),
    ]
    rows = [
        [
            str(i),
            f"{line.title} ({line.task})",
            content.name(line.lead) or text["none"],
            line.accountable or "",
            day(line.deadline, lang),
            str(line.days_late),
            f"{line.progress}%",
            day(line.forecast_finish, lang),
            *([_cause(line, lang)] if explained else []),
        ]
        for i, line in enumerate(lines, 1)
    ]
    table = Table(heading, header, rows, numeric=frozenset({0, 5, 6}), dates=frozenset({4, 7}))
    note = text["as_of_note"] if content.period is not None else ""
    return Section(section, heading, (table,) if rows else (), note=note, empty=text["nothing"])


def _cause(line: TaskLine, lang: Language) -> str:
    """What set a late task's forecast, in one line (``urbangov explain`` says more)."""
    if line.cause is None:
        return ""
    cause = line.cause
    return LABELS[lang][f"cause.{cause.kind.value}"].format(
        task=cause.task, day=day(cause.day, lang), constraint=cause.constraint or ""
    )


def _granted(content: StatusContent, lang: Language) -> Section:
    text = LABELS[lang]
    lines = content.extended
    header = [
        text["number"],
        text["task"],
        text["lead"],
        text["original_deadline"],
        text["new_deadline"],
        text["times"],
        text["progress"],
    ]
    rows = [
        [
            str(i),
            f"{line.title} ({line.task})",
            content.name(line.lead) or text["none"],
            day(line.original_deadline, lang),
            day(line.deadline, lang),
            str(line.extensions),
            f"{line.progress}%",
        ]
        for i, line in enumerate(lines, 1)
    ]
    table = Table(
        text["granted"], header, rows, numeric=frozenset({0, 5, 6}), dates=frozenset({3, 4})
    )
    tables = (table,) if rows else ()
    return Section("extensions-granted", text["granted"], tables, empty=text["nothing"], level=3)


def _pending(content: StatusContent, lang: Language) -> Section:
    text = LABELS[lang]
    header = [
        text["number"],
        text["task"],
        text["lead"],
        text["deadline"],
        text["requested_deadline"],
        text["requested_on"],
        text["reason"],
    ]
    rows = [
        [
            str(i),
            f"{line.title} ({line.task})",
            content.name(line.lead) or text["none"],
            day(line.deadline, lang),
            day(line.new_deadline, lang),
            day(line.requested_on, lang),
            line.reason or "",
        ]
        for i, line in enumerate(content.pending, 1)
    ]
    table = Table(text["pending"], header, rows, numeric=frozenset({0}), dates=frozenset({3, 4, 5}))
    tables = (table,) if rows else ()
    return Section("extensions-pending", text["pending"], tables, empty=text["nothing"], level=3)
