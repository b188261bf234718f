"""What tracking data adds to the chart: each bar's status colour, done part and
baseline, the status in tooltips, the counts in the header and in each group."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

from urbangov.builtins.gantt_html._layout import _BAR_H, _BAR_Y, _DIAMOND, _Task, _Track
from urbangov.builtins.gantt_html._text import _DASH, _date, _esc, _n
from urbangov.errors import ReportError
from urbangov.reporting import Language

if TYPE_CHECKING:
    from urbangov.scheduling import Schedule
    from urbangov.tracking import Baseline, StatusReport, TaskStatus

#: A status (:class:`urbangov.tracking.Status`) as the CSS class of a bar.
_STATE_OF: Final = {
    "done_on_time": "done",
    "done_late": "done-late",
    "in_time": "in-time",
    "overdue": "overdue",
    "withdrawn": "withdrawn",
}
#: The bar states, most urgent first (a group shows its most urgent); ``at-risk`` is a
#: task within its deadline whose forecast finish passes it.
STATES: Final = ("overdue", "at-risk", "done-late", "in-time", "done", "withdrawn")
#: The states a group header counts, for the reader to look at.
_FLAGGED: Final = ("overdue", "at-risk", "done-late")


def tracks(schedule: Schedule, status: StatusReport) -> list[_Track]:
    """One :class:`_Track` per task of ``schedule``, from ``status`` (of the same plan)."""
    if status.plan.id != schedule.plan.id or len(status) != len(schedule):
        raise ReportError(
            f"the status report is of plan {status.plan.id!r} ({len(status)} tasks), "
            f"not of {schedule.plan.id!r} ({len(schedule)} tasks)"
        )
    return [_Track(_state(task), task.progress / 100, task) for task in status]


def _state(task: TaskStatus) -> str:
    return "at-risk" if task.at_risk else _STATE_OF[task.status.value]


def baseline_spans(baseline: Baseline) -> dict[str, tuple[dt.date, dt.date]]:
    return {task_id: (kept.start, kept.finish) for task_id, kept in baseline.tasks.items()}


def track_tip(
    task: _Task,
    lang: Language,
    text: dict[str, str],
    between: Callable[[dt.date, dt.date], int],
    baseline: bool,
) -> list[str]:
    """The tooltip's lines on status, progress and baseline (``between`` counts
    working days; ``baseline``: whether a baseline was given)."""
    lines = []
    if task.track is not None:
        lines.extend(_status_tip(task.track.status, lang, text))
    if baseline:
        lines.append(_baseline_tip(task, lang, text, between))
    return lines


def _status_tip(status: TaskStatus, lang: Language, text: dict[str, str]) -> list[str]:
    official = text["s_" + _STATE_OF[status.status.value]]
    if status.days_late:
        official = text["days_late"].format(status=official, n=status.days_late)
    lines = [text["status"].format(status=official)]
    if status.at_risk:
        lines.append(text["at_risk_tip"].format(finish=_date(status.forecast_finish, lang)))
    lines.append(text["progress"].format(n=status.progress))
    if status.actual_start is not None:
        lines.append(text["actual_start"].format(day=_date(status.actual_start, lang)))
    if status.actual_finish is not None:
        lines.append(text["actual_finish"].format(day=_date(status.actual_finish, lang)))
    if status.extensions and status.original_deadline is not None:
        day, original = _date(status.deadline, lang), _date(status.original_deadline, lang)
        lines.append(text["extended"].format(day=day, original=original))
    return lines


def _baseline_tip(
    task: _Task, lang: Language, text: dict[str, str], between: Callable[[dt.date, dt.date], int]
) -> str:
    if task.baseline is None:
        return text["not_in_baseline"]
    start, finish = task.baseline
    moved = between(finish, task.finish)
    return text["baseline_tip"].format(
        start=_date(start, lang), finish=_date(finish, lang), dash=_DASH, n=f"{moved:+d}"
    )


def milestone_baseline(x: float) -> str:
    """A small hollow diamond under a milestone's line, at its baseline day."""
    half = _DIAMOND / 2
    return (
        f'<path class="baseline-milestone" d="M{_n(x)} {_BAR_Y + _BAR_H - 4}l{_n(half)} {_n(half)}'
        f'-{_n(half)} {_n(half)}-{_n(half)}-{_n(half)}z"/>'
    )


# -- groups, header, legend ------------------------------------------------------------


class GroupStatus:
    """What a group's tasks add up to: counts per state, the most urgent, progress."""

    def __init__(self, tasks: Sequence[_Task]) -> None:
        tracked = [task for task in tasks if task.track is not None]
        self.counts = Counter(task.track.state for task in tracked if task.track is not None)
        self.state = next((state for state in STATES if self.counts[state]), "")
        weight = sum(task.duration for task in tracked)
        done = sum(task.duration * task.track.progress for task in tracked if task.track)
        self.progress = round(100 * done / weight) if weight else None

    def tip(self, text: dict[str, str]) -> list[str]:
        lines = [] if self.progress is None else [text["progress"].format(n=self.progress)]
        lines.extend(f"{text['s_' + s]}: {self.counts[s]}" for s in STATES if self.counts[s])
        return lines

    def badges(self, text: dict[str, str]) -> str:
        """The table header's badges: the progress, and how many tasks need a look."""
        out = [] if self.progress is None else [f'<span class="pct">{self.progress}%</span>']
        out.extend(
            f'<span class="flag {s}" title="{_esc(text["s_" + s])}">{self.counts[s]}</span>'
            for s in _FLAGGED
            if self.counts[s]
        )
        return "".join(out)


def tracked_meta(status: StatusReport, text: dict[str, str]) -> str:
    counts = status.counts()
    line = text["tracked_count"].format(
        done=counts["done_on_time"],
        late=counts["done_late"],
        in_time=counts["in_time"],
        risk=counts["at_risk"],
        overdue=counts["overdue"],
    )
    if counts["withdrawn"]:
        line += text["withdrawn_count"].format(n=counts["withdrawn"])
    return line


def baseline_meta(baseline: Baseline, lang: Language, text: dict[str, str]) -> str:
    return text["baseline_meta"].format(name=baseline.name, day=_date(baseline.saved_on, lang))


def legend_items(status: bool, baseline: bool) -> list[tuple[str, str]]:
    """The legend's swatches and text keys for the states, the done part, the baseline."""
    items = []
    if status:
        items.append(
            (
                '<rect class="bar in-time critical" x="2" y="3" width="24" height="10" rx="2"/>',
                "legend_critical_tracked",
            )
        )
        items.extend(
            (f'<rect class="bar {state}" x="1" y="3" width="26" height="10" rx="2"/>', "s_" + state)
            for state in STATES
        )
        items.append(
            (
                '<rect class="bar in-time" x="1" y="3" width="26" height="10" rx="2"/>'
                '<rect class="progress" x="1" y="6" width="15" height="4"/>',
                "legend_progress",
            )
        )
    if baseline:
        items.append(
            (
                '<rect class="baseline" x="5" y="10" width="22" height="5"/>'
                '<rect class="bar in-time" x="1" y="1" width="20" height="10" rx="2"/>',
                "legend_baseline",
            )
        )
    return items


#: The colours of the states: Okabe and Ito's palette, told apart with any colour
#: vision; at risk is dashed, overdue outlined and withdrawn hatched, so that the shape
#: says it too (and the tooltip in words).
TRACKED_CSS: Final = """
:root{--done:#009e73;--done-late:#cc79a7;--in-time:#0072b2;--at-risk:#e69f00;
--overdue:#d55e00;--withdrawn:#bdbdbd}
.bar{stroke:#1d2733;stroke-opacity:.55}
.bar.done{fill:var(--done)}.bar.done-late{fill:var(--done-late)}
.bar.in-time{fill:var(--in-time)}.bar.at-risk{fill:var(--at-risk);stroke-dasharray:3 2;
stroke-opacity:1}.bar.overdue{fill:var(--overdue);stroke-opacity:1}
.bar.withdrawn{fill:url(#withdrawn);stroke:#757575;stroke-dasharray:2 2}
.bar.critical{stroke:#1d2733;stroke-width:2;stroke-opacity:1}
.milestone.done{fill:var(--done)}.milestone.done-late{fill:var(--done-late)}
.milestone.in-time{fill:var(--in-time)}.milestone.at-risk{fill:var(--at-risk)}
.milestone.overdue{fill:var(--overdue)}.milestone.withdrawn{fill:var(--withdrawn)}
.milestone.critical{stroke:#1d2733;stroke-width:2}
.progress{fill:#1d2733;opacity:.7}
.baseline{fill:#6b7785}
.baseline-milestone{fill:none;stroke:#6b7785;stroke-width:1.5}
.summary.done{fill:var(--done)}.summary.done-late{fill:var(--done-late)}
.summary.at-risk{fill:var(--at-risk)}.summary.overdue{fill:var(--overdue)}
.group-head .pct{color:var(--muted);font-weight:400;font-variant-numeric:tabular-nums}
.flag{border-radius:8px;padding:0 6px;line-height:16px;align-self:center;font-size:11px;
color:#000}.flag.overdue{background:var(--overdue);color:#fff}
.flag.at-risk{background:var(--at-risk)}.flag.done-late{background:var(--done-late)}
"""

#: The hatching of a withdrawn task's bar (in the chart's ``<defs>``).
WITHDRAWN_PATTERN: Final = (
    '<pattern id="withdrawn" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#e0e0e0"/>'
    '<rect width="2" height="6" fill="#9e9e9e"/></pattern>'
)

#: ``#collapsed=N`` folds the groups of units N levels or more below the top (``#collapsed``
#: folds them all): a cascaded plan opens on the top unit's tasks, the rest summed up.
FOLD_BY_LEVEL_JS: Final = """  var deeper = /^#collapsed=(\\d+)$/.exec(location.hash);
  if (deeper) {
    Array.prototype.forEach.call(groups, function (box) {
      var level = box.getAttribute("data-level");
      if (level !== null && +level >= +deeper[1]) set(box, true);
    });
    layout();
  }
"""
