"""Meetings and their agendas as Markdown, in the plan's language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from urbangov.meetings._agenda import Agenda, AgendaItem, Section
from urbangov.plan import Language

if TYPE_CHECKING:
    from urbangov.plan import Plan
    from urbangov.plan._programme import Programme

__all__ = ["render_markdown"]

_LABELS = {
    Language.VI: {
        "heading": "Chương trình họp",
        "none": "Không có phiên họp nào từ {start} đến {end}.",
        "organ": "Cơ quan họp",
        "place": "Địa điểm",
        "moved": "Dời từ ngày {date} (ngày nghỉ)",
        "merged": "Gộp cả phiên họp ngày {dates}",
        "window": "Xem xét công việc đến trước phiên họp ngày {date}",
        "last": "Phiên họp cuối của chương trình",
        "empty": "Không có công việc cần xem xét.",
        "deadline": "hạn",
        "finish": "dự kiến hoàn thành",
        "dates": "từ {start} đến {finish}",
        "weekdays": "Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ Nhật",
        "chance": "khả năng đúng hạn {chance}",
        "more": "… và {n} nhiệm vụ khác",
        Section.OVERDUE: "Quá hạn",
        Section.DEADLINE_MISSED: "Dự kiến trễ hạn",
        Section.AT_RISK: "Có nguy cơ chậm",
        Section.EXTENSION_REQUESTED: "Đề nghị gia hạn",
        Section.DUE: "Đến hạn trước phiên họp sau",
        Section.CRITICAL: "Thuộc đường găng",
    },
    Language.EN: {
        "heading": "Meetings",
        "none": "No meeting from {start} to {end}.",
        "organ": "Organ",
        "place": "Place",
        "moved": "Moved from {date} (a non-working day)",
        "merged": "Also stands for the meeting of {dates}",
        "window": "Reviews the work up to the next meeting on {date}",
        "last": "The programme's last meeting",
        "empty": "Nothing to review.",
        "deadline": "deadline",
        "finish": "scheduled finish",
        "dates": "{start} to {finish}",
        "weekdays": "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
        "chance": "on time {chance}",
        "more": "… and {n} more",
        Section.OVERDUE: "Overdue",
        Section.DEADLINE_MISSED: "Deadline missed by the schedule",
        Section.AT_RISK: "At risk",
        Section.EXTENSION_REQUESTED: "Extension requested",
        Section.DUE: "Due before the next meeting",
        Section.CRITICAL: "On the critical path",
    },
}

# Characters that would make a title into emphasis, a link, HTML or a table cell; an
# underscore inside a word (people_committee) is plain text in CommonMark.
_SPECIAL = re.compile(r"([\\`*\[\]<>|#]|(?<!\w)_|_(?!\w))")


def md(text: str) -> str:
    """``text`` on one line, with Markdown's special characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(
    plan: Plan,
    agendas: Sequence[Agenda],
    start: dt.date,
    end: dt.date,
    *,
    lang: Language | str | None = None,
    programmes: Iterable[Programme] | None = None,
) -> str:
    """One section per meeting, in order, with its agenda; ``lang`` defaults to the plan's,
    and ``programmes`` (the meetings' programmes) to the plan's."""
    language = Language(lang or plan.lang)
    labels = {**_LABELS[language], "decimal": "," if language is Language.VI else "."}
    by_id = {p.id: p for p in (plan.meetings if programmes is None else programmes)}
    lines = [f"# {labels['heading']}: {md(plan.title or plan.id)}", ""]
    if not agendas:
        lines += [labels["none"].format(start=start, end=end), ""]
    for agenda in agendas:
        lines += _meeting(by_id[agenda.occurrence.programme], agenda, labels)
    return "\n".join(lines)


def _meeting(programme: Programme, agenda: Agenda, labels: dict[str, str]) -> list[str]:
    when = agenda.occurrence
    weekday = labels["weekdays"].split("|")[when.date.weekday()]
    hours = f"{when.start:%H:%M}\N{EN DASH}{when.end:%H:%M}"
    lines = [f"## {when.date} ({weekday}) {hours}: {md(programme.title)}", ""]
    lines.append(f"- {labels['organ']}: {md(programme.organ)}")
    if programme.place:
        lines.append(f"- {labels['place']}: {md(programme.place)}")
    if when.moved:
        lines.append(f"- {labels['moved'].format(date=when.nominal)}")
    if when.merged:
        dates = ", ".join(day.isoformat() for day in when.merged)
        lines.append(f"- {labels['merged'].format(dates=dates)}")
    if agenda.until is not None:
        lines.append(f"- {labels['window'].format(date=agenda.until)}")
    else:
        lines.append(f"- {labels['last']}")
    lines.append("")
    if not agenda.items:
        lines += [labels["empty"], ""]
    for section, items in agenda.sections:
        lines += [f"### {labels[section]}", ""]
        lines += [f"- {_item(item, labels)}" for item in items]
        if section in agenda.omitted:
            lines.append(f"- {labels['more'].format(n=agenda.omitted[section])}")
        lines.append("")
    return lines


def _item(item: AgendaItem, labels: dict[str, str]) -> str:
    """``**id** title (lead): dates``, the dates that matter for the item's section."""
    text = f"**{md(item.task_id)}** {md(item.title)}"
    if item.lead:
        text += f" ({md(item.lead)})"
    facts = []
    if item.section is Section.CRITICAL and item.start and item.finish:
        if item.start == item.finish:
            facts.append(str(item.start))
        else:
            facts.append(labels["dates"].format(start=item.start, finish=item.finish))
    else:
        if item.deadline:
            facts.append(f"{labels['deadline']} {item.deadline}")
        if item.finish and (item.deadline is None or item.finish > item.deadline):
            facts.append(f"{labels['finish']} {item.finish}")
    if item.note:
        facts.append(md(item.note))
    if item.on_time is not None:
        chance = f"{100 * item.on_time:.1f}%".replace(".", labels["decimal"])
        facts.append(labels["chance"].format(chance=chance))
    return f"{text}: {'; '.join(facts)}" if facts else text
