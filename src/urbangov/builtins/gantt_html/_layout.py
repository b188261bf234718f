"""What is drawn where: the tasks and lines of the chart, its time span and scale,
and the runs of days off."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Final, NamedTuple, TypeAlias

from urbangov.builtins.gantt_html._text import _DASH, _date
from urbangov.reporting import GroupBy, Language, group_key

if TYPE_CHECKING:
    from urbangov.hierarchy import Hierarchy
    from urbangov.plan import Plan, Task
    from urbangov.scheduling import Schedule
    from urbangov.tracking import TaskStatus

#: Height of one line of the chart and of the table, in CSS pixels.
ROW: Final = 24
_AXIS_H: Final = 44
_BAR_Y: Final = 5
_BAR_H: Final = 14
_DIAMOND: Final = 7  # half the diagonal of a milestone's diamond
_STUB: Final = 6  # how far a link leaves a bar before it turns
#: The chart's width when it can (a 1600-pixel screen less the table), and the
#: widest and narrowest day, in CSS pixels: a long plan scrolls sideways.
_FIT_WIDTH: Final = 980
_MAX_DAY: Final = 24.0
_MIN_DAY: Final = 1.0
#: From how many pixels a day the axis names every day, or every week's Monday.
_DAY_LABELS: Final = 14
_WEEK_LABELS: Final = 2.6
#: A status date further than this from the plan is named, not drawn.
_STATUS_REACH: Final = dt.timedelta(days=366)


class _Track(NamedTuple):
    """A task's tracking data, as the chart shows it."""

    #: The CSS class of its bar: done, done-late, in-time, at-risk, overdue, withdrawn.
    state: str
    #: The done part, 0 to 1.
    progress: float
    status: TaskStatus


class _Task(NamedTuple):
    pos: int
    id: str
    title: str
    lead: str | None
    #: The task's group when grouped by unit.
    unit: str | None
    duration: int
    start: dt.date
    finish: dt.date
    total_slack: int
    free_slack: int
    critical: bool
    milestone: bool
    deadline: dt.date | None
    #: (predecessor index, from its finish?, to this task's finish?, link type, lag)
    links: tuple[tuple[int, bool, bool, str, int], ...]
    #: Status and progress, when the report has tracking data.
    track: _Track | None = None
    #: Start and finish in the baseline, when one is given and has the task.
    baseline: tuple[dt.date, dt.date] | None = None
    #: How far below its cascaded task a task a cascade made is (1: a district's
    #: compilation, 2: a ward's work); for the plan's own tasks, how many tasks it is
    #: a part of (0 for most): the table indents it as much.
    depth: int = 0
    #: The cascaded task it was made for, if a cascade made it.
    cascade: str | None = None

    @property
    def late(self) -> bool:
        return self.deadline is not None and self.finish > self.deadline


class _Group(NamedTuple):
    number: int
    label: str
    members: tuple[int, ...]
    #: How far below the top of the hierarchy its unit is, when that is known.
    level: int | None = None
    #: Shown folded when the page opens (a cascade's units: one summary row).
    folded: bool = False
    #: The group this one is under (a plan's group under another): folded with it.
    up: int | None = None


class _Units:
    """Units named and rolled up with the plan's hierarchy as of a day: groups by unit
    say the unit's name, and with ``depth`` a unit deeper down joins its ancestor's."""

    def __init__(self, hierarchy: Hierarchy, day: dt.date, depth: int | None) -> None:
        self._hierarchy, self._day, self._depth = hierarchy, day, depth
        self._above: dict[str, list[str]] = {}

    def _chain(self, unit: str) -> list[str]:
        """``unit`` and its ancestors, top first."""
        if unit not in self._above:
            found = self._hierarchy.ancestors(unit, self._day)
            self._above[unit] = [u.id for u in reversed(found)] + [unit]
        return self._above[unit]

    def key(self, unit: str | None) -> str | None:
        if unit is None or unit not in self._hierarchy or self._depth is None:
            return unit
        return self._chain(unit)[: self._depth + 1][-1]

    def level(self, unit: str | None) -> int | None:
        if unit is None or unit not in self._hierarchy:
            return None
        return len(self._chain(unit)) - 1

    def name(self, unit: str) -> str:
        found = self._hierarchy.unit(unit).name_on(self._day) if unit in self._hierarchy else None
        return unit if found is None else f"{found} ({unit})"


#: A line of the chart: a group's header or a task (by its index).
_Line: TypeAlias = _Group | int


def _tasks(
    schedule: Schedule,
    tracks: Sequence[_Track] | None = None,
    baseline: Mapping[str, tuple[dt.date, dt.date]] | None = None,
) -> list[_Task]:
    """The chart's tasks; with ``tracks`` (one per task), a task is judged by its
    approved deadline (an extension's, when one was granted). A task a cascade made is
    named by its unit, and knows how deep under its cascaded task it is."""
    from urbangov.plan import cascaded_rows

    plan = schedule.plan
    made = {row: root for root, rows in cascaded_rows(plan).items() for row in rows}
    out = []
    for index, (row, task) in enumerate(zip(schedule, plan.tasks, strict=True)):
        links = tuple(
            (
                plan.position(dep.task),
                dep.type.value in ("FS", "FF"),
                dep.type.value in ("FF", "SF"),
                dep.type.value,
                dep.lag,
            )
            for dep in task.depends
        )
        track = None if tracks is None else tracks[index]
        deadline = task.deadline
        if track is not None and track.status.deadline_source.value == "extension":
            deadline = track.status.deadline
        title, depth = task.title, _parts_depth(plan, task)
        if index in made:
            title, depth = _unit_title(plan, task, made[index])
        out.append(
            _Task(
                index,
                task.id,
                title,
                task.lead,
                group_key(task, GroupBy.UNIT),
                task.duration,
                row.start,
                row.finish,
                row.total_slack,
                row.free_slack,
                row.critical,
                row.milestone,
                deadline,
                links,
                track,
                None if baseline is None else baseline.get(task.id),
                depth,
                made.get(index),
            )
        )
    return out


def _parts_depth(plan: Plan, task: Task) -> int:
    """How many tasks ``task`` is part of, one inside the other (groups apart)."""
    depth, above, seen = 0, task.part_of, set()
    while above is not None and not plan.is_group(above) and above not in seen:
        seen.add(above)
        depth, above = depth + 1, plan.task(above).part_of
    return depth


def _unit_title(plan: Plan, task: Task, root: str) -> tuple[str, int]:
    """The unit a cascade's task is for (its title is "<the task's title> (<unit>)"),
    and how many steps of ``part_of`` lead up to the cascaded task."""
    head = plan.task(root).title + " ("
    title = task.title
    if title.startswith(head) and title.endswith(")"):
        title = title[len(head) : -1]
    depth, above = 1, task.part_of
    while above is not None and above != root:
        depth, above = depth + 1, plan.task(above).part_of
    return title, depth


def _lines(
    tasks: Sequence[_Task],
    group_by: GroupBy | None,
    text: dict[str, str],
    units: _Units | None = None,
    plan: Plan | None = None,
) -> list[_Line]:
    """The chart's lines: the tasks in plan order (under the plan's groups, when it has
    some), or groups in order of first use (per unit named, and rolled up, by
    ``units`` when given)."""
    if group_by is None:
        return _cascade_lines(tasks, text, plan)
    members: dict[str | None, list[int]] = {}
    for task in tasks:
        key = task.lead if group_by is GroupBy.LEAD else task.unit
        if units is not None and group_by is GroupBy.UNIT:
            key = units.key(key)
        members.setdefault(key, []).append(task.pos)
    if None in members:  # tasks without a lead come last
        members[None] = members.pop(None)
    lines: list[_Line] = []
    for number, (key, found) in enumerate(members.items()):
        level = None
        if group_by is GroupBy.LEAD:
            label = text["no_lead"] if key is None else text["lead"].format(lead=key)
        elif key is None:
            label = text["no_unit"]
        elif units is None:
            label = text["unit"].format(unit=key)
        else:
            label, level = text["unit"].format(unit=units.name(key)), units.level(key)
        lines.append(_Group(number, label, tuple(found), level))
        lines.extend(found)
    return lines


def _cascade_lines(
    tasks: Sequence[_Task], text: dict[str, str], plan: Plan | None = None
) -> list[_Line]:
    """The tasks in plan order; when cascades made tasks for units, the plan's own tasks
    first, then each cascade as one group, folded, its units under it (each district
    followed by its wards). A plan with groups shows its own tasks under them
    (:func:`_plan_groups`)."""
    plain = [task.pos for task in tasks if task.cascade is None]
    if len(plain) == len(tasks) and (plan is None or not plan.groups):
        return list(range(len(tasks)))
    lines: list[_Line] = []
    if plan is not None and plan.groups:
        lines = _plan_groups(plan, plain, text)
    else:
        lines = [_Group(0, text["plan_tasks"], tuple(plain)), *plain]
    if len(plain) == len(tasks):
        return lines
    by_id = {task.id: task for task in tasks}
    cascades: dict[str, list[int]] = {}
    for task in tasks:
        if task.cascade is not None:
            cascades.setdefault(task.cascade, []).append(task.pos)
    first = 1 + max((line.number for line in lines if isinstance(line, _Group)), default=0)
    for number, (root, members) in enumerate(cascades.items(), first):
        members.sort(key=lambda pos: tasks[pos].id)  # a district, then its wards
        parent = by_id[root]
        label = text["cascade"].format(task=f"{parent.id} {parent.title}", units=len(members))
        lines.append(_Group(number, label, tuple(members), folded=True))
        lines.extend(members)
    return lines


def _plan_groups(plan: Plan, plain: Sequence[int], text: dict[str, str]) -> list[_Line]:
    """The plan's own tasks under its groups: the tasks under no group first (under a
    header of their own), then each group, its tasks, then the groups under it, in the
    plan's outline order. A group counts and spans every task under it at any depth,
    and folds with the group it is under; one with no task under it is left out."""
    from urbangov.plan import outline

    n = len(plan.tasks)
    shown = set(plain)
    direct: dict[int, list[int]] = {}  # group slot (-1: none) -> its own tasks
    subgroups: dict[int, list[int]] = {}
    level: dict[int, int] = {}
    stack: list[int] = []
    for slot, depth in outline(plan):
        del stack[depth - 1 :]
        above = stack[-1] if stack else -1
        if slot >= n:
            subgroups.setdefault(above, []).append(slot)
            level[slot] = depth - 1
            stack.append(slot)
        elif slot in shown:
            direct.setdefault(above, []).append(slot)

    def under(slot: int) -> list[int]:
        found = list(direct.get(slot, []))
        for sub in subgroups.get(slot, []):
            found.extend(under(sub))
        return found

    lines: list[_Line] = []
    number = 0
    if direct.get(-1):
        lines += [_Group(0, text["plan_tasks"], tuple(direct[-1])), *direct[-1]]
        number = 1

    def add(slot: int, up: int | None) -> None:
        nonlocal number
        members = under(slot)
        if not members:
            return
        mine = number
        number += 1
        title = plan.groups[slot - n].title
        lines.append(_Group(mine, title, tuple(sorted(members)), level[slot], up=up))
        lines.extend(direct.get(slot, []))
        for sub in subgroups.get(slot, []):
            add(sub, mine)

    for top in subgroups.get(-1, []):
        add(top, None)
    return lines


def _time_span(
    schedule: Schedule, tasks: Sequence[_Task], as_of: dt.date | None
) -> tuple[dt.date, dt.date, dt.date | None]:
    """First and last day of the chart (whole weeks), and the status date to draw."""
    low, high = schedule.start, schedule.finish
    for task in tasks:
        if task.deadline is not None:
            low, high = min(low, task.deadline), max(high, task.deadline)
        if task.baseline is not None:
            low, high = min(low, task.baseline[0]), max(high, task.baseline[1])
    status = None
    if as_of is not None and low - _STATUS_REACH <= as_of <= high + _STATUS_REACH:
        status = as_of
        low, high = min(low, as_of), max(high, as_of)
    first = low - dt.timedelta(days=3)
    first -= dt.timedelta(days=first.weekday())
    last = high + dt.timedelta(days=3)
    last += dt.timedelta(days=6 - last.weekday())
    return first, last, status


def _pixels_per_day(first: dt.date, last: dt.date) -> float:
    days = (last - first).days + 1
    ppd = min(max(_FIT_WIDTH / days, _MIN_DAY), _MAX_DAY)
    return int(ppd * 100) / 100  # short coordinates, and the same on every machine


class _Scale(NamedTuple):
    first: dt.date
    last: dt.date
    ppd: float

    @property
    def width(self) -> int:
        return math.ceil(((self.last - self.first).days + 1) * self.ppd)

    def x(self, day: dt.date) -> float:
        """The left edge of ``day``."""
        return round((day.toordinal() - self.first.toordinal()) * self.ppd, 1)

    def left(self, task: _Task) -> float:
        """Where links to or from the task's start meet it."""
        if task.milestone:
            return self.x(task.start) + self.ppd / 2 - _DIAMOND
        return self.x(task.start)

    def right(self, task: _Task) -> float:
        """Where links to or from the task's finish meet it."""
        if task.milestone:
            return self.x(task.start) + self.ppd / 2 + _DIAMOND
        return self.x(task.finish) + self.ppd

    def span(self, first: dt.date, last: dt.date) -> float:
        """The width of the days from ``first`` to ``last``, both included."""
        return self.x(last) + self.ppd - self.x(first)


class _DaysOff(NamedTuple):
    first: dt.date
    last: dt.date
    kind: str  # "weekend" or "holiday"
    title: str


def _days_off(
    schedule: Schedule, first: dt.date, last: dt.date, lang: Language, text: dict[str, str]
) -> Iterator[_DaysOff]:
    """Runs of consecutive non-working days of one kind, each with its tooltip."""
    calendar = schedule.plan.calendar
    names: dict[dt.date, str] = {}
    for year in range(first.year, last.year + 1):
        names.update(calendar.public_holidays_in(year, language=lang.value))
    run: list[tuple[dt.date, str]] = []
    run_kind = ""
    day = first
    one = dt.timedelta(days=1)
    while day <= last + one:
        kind = ""
        name = ""
        if day <= last and not calendar.is_working_day(day):
            if day in names:
                kind, name = "holiday", names[day]
            elif day in calendar.holidays:
                kind, name = "holiday", text["plan_day_off"]
            elif day.weekday() in calendar.weekend:
                kind = "weekend"
            else:
                kind, name = "holiday", text["day_off"]
        if run and kind != run_kind:
            yield _run(run, run_kind, lang, text)
            run = []
        if kind:
            run.append((day, name))
        run_kind = kind
        day += one


def _run(
    days: list[tuple[dt.date, str]], kind: str, lang: Language, text: dict[str, str]
) -> _DaysOff:
    start, end = days[0][0], days[-1][0]
    if kind == "weekend":
        span = (
            _date(start, lang) if start == end else f"{_date(start, lang)}{_DASH}{_date(end, lang)}"
        )
        title = f"{text['weekend']}: {span}"
    else:
        title = "\n".join(f"{_date(day, lang)}: {name}" for day, name in days)
    return _DaysOff(start, end, kind, title)
