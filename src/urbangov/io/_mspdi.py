"""MS Project XML (MSPDI) plan files, read: what MS Project, ProjectLibre, GanttProject
and MPXJ exchange.

The file is untrusted: it is parsed by libxml2 (``lxml``) with entity expansion,
DTD loading and the network turned off, and a document that declares a DTD at all is
refused (so no entity can be declared). Its own calendar governs its schedule (its working
week and its exceptions, as days off and extra working days). Task ids are the MSPDI
``UID``; the project summary task (UID 0) is left out, and summary tasks are not
scheduled rows but :class:`~urbangov.plan.Group` objects, names kept, that the tasks
under them (by ``OutlineLevel``, in file order) are ``part_of``. A link to or from a
summary task holds for every task under it where that means the same (a successor of a
summary waits for all of them, FS and FF; a summary's predecessor holds back each of
them, FS and SS); the other two kinds each way are left out with a warning.
A task's (or summary's) lead is the name of the first resource assigned to it.
Durations and lags must be whole working days of the file's ``MinutesPerDay``:
anything else is an error that lists every task it concerns (``round_durations``
rounds instead), never a silent change. Elapsed (calendar) durations and lags are an
error too (``round_durations`` reads each as as many working days, and warns). What
urbangov does not model (a manually scheduled or recurring task, a levelling delay, a
cost, a lag in percent, such a summary link) is a warning that names the tasks.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from urbangov.calendar import WorkCalendar
from urbangov.errors import PlanError, PlanFileError
from urbangov.plan import ConstraintType, DependencyType, Group, Plan, TaskTable

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

    from urbangov.hierarchy import Hierarchy

__all__ = ["load_mspdi", "loads_mspdi", "looks_like_mspdi"]

_NS: Final = "{http://schemas.microsoft.com/project}"
#: MSPDI's ConstraintType codes.
_CONSTRAINTS: Final = {
    0: ConstraintType.ASAP,
    1: ConstraintType.ALAP,
    2: ConstraintType.MSO,
    3: ConstraintType.MFO,
    4: ConstraintType.SNET,
    5: ConstraintType.SNLT,
    6: ConstraintType.FNET,
    7: ConstraintType.FNLT,
}
#: MSPDI's PredecessorLink Type codes.
_LINKS: Final = {
    0: DependencyType.FF,
    1: DependencyType.FS,
    2: DependencyType.SF,
    3: DependencyType.SS,
}
#: LagFormat codes that are a share of the predecessor's duration, not time.
_PERCENT_LAGS: Final = frozenset({19, 20, 51, 52, 53})
#: DurationFormat and LagFormat codes of elapsed (calendar) time: em, eh, ed, ew, emo,
#: and their estimated forms; their minutes are of 24-hour days.
_ELAPSED: Final = frozenset({4, 6, 8, 10, 12, 36, 38, 40, 42, 44})
_ELAPSED_DAY: Final = 24 * 60
#: What lxml appends to a libxml2 message (the location is given on its own).
_WHERE: Final = re.compile(r",? line \d+, column \d+$")
_DURATION: Final = re.compile(
    r"-?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?"
    r"(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?"
)


def looks_like_mspdi(head: bytes) -> bool:
    """Whether a file's first bytes are an MS Project XML file."""
    return b"<Project" in head and b"schemas.microsoft.com/project" in head


def load_mspdi(
    path: str | Path, hierarchy: Hierarchy | None = None, *, round_durations: bool = False
) -> Plan:
    """The plan in an MS Project XML file (see the module)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PlanFileError("no such file", path=str(path)) from None
    except OSError as exc:
        raise PlanFileError(f"cannot read: {exc}", path=str(path)) from None
    return loads_mspdi(data, source=str(path), name=path.stem, round_durations=round_durations)


def loads_mspdi(
    data: bytes, *, source: str | None = None, name: str = "mspdi", round_durations: bool = False
) -> Plan:
    """The plan in the bytes of an MS Project XML file."""
    root = _parse(data, source)
    if root.tag != f"{_NS}Project":
        raise PlanFileError(
            f"not an MS Project XML file (its root is <{root.tag.split('}')[-1]}>)", path=source
        )
    per_day = _int(_text(root, "MinutesPerDay"), 480) or 480
    start = _date(_text(root, "StartDate"), source, "Project.StartDate")
    if start is None:
        raise PlanFileError("the project has no StartDate", path=source, location="Project")
    calendar = _calendar(root, source)
    reader = _Tasks(per_day, round_durations, source)
    for element in root.iterfind(f"{_NS}Tasks/{_NS}Task"):
        reader.add(element)
    leads = _leads(root)
    table = reader.table(leads)
    title = _text(root, "Title") or _text(root, "Name") or name
    groups = [attrs.evolve(g, lead=leads.get(g.id)) for g in reader.groups]
    try:
        return Plan(name, title, start, tasks=table, calendar=calendar, groups=groups)
    except PlanError as exc:  # a summary's UID taken by a task too, ...
        raise PlanFileError(str(exc), path=source, location="Tasks") from None


def _leads(root: Element) -> dict[str, str]:
    """Each task's lead: the name of the first resource assigned to it, in the order of
    the file's assignments (MS Project lists them as the Resource Names column does)."""
    names = {
        uid: name
        for resource in root.iterfind(f"{_NS}Resources/{_NS}Resource")
        if (uid := _text(resource, "UID")) and (name := _text(resource, "Name"))
    }
    leads: dict[str, str] = {}
    for assignment in root.iterfind(f"{_NS}Assignments/{_NS}Assignment"):
        task, resource = _text(assignment, "TaskUID"), _text(assignment, "ResourceUID")
        if task and resource in names and task not in leads:
            leads[task] = names[resource]
    return leads


def _parse(data: bytes, source: str | None) -> Element:
    """The document's root, parsed by libxml2 (lxml) with entities left unexpanded,
    no DTD loaded and no network; a document that declares a DTD at all is refused."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        message = _WHERE.sub("", exc.msg or "not well-formed")
        raise PlanFileError(
            f"invalid XML: {message}", path=source, location=f"line {line}, column {column}"
        ) from None
    info = root.getroottree().docinfo
    declared = getattr(info, "doctype", "")  # not in lxml-stubs
    if declared or info.internalDTD is not None or info.externalDTD is not None:
        raise PlanFileError(
            "refused: the XML declares a DTD (a DTD, entities or external references "
            "are never read)",
            path=source,
        )
    return root


#: The children of a ``Task`` and of a ``PredecessorLink`` that are read, by full tag.
_READ: Final = {
    f"{_NS}{tag}": tag
    for tag in (
        "UID",
        "IsNull",
        "Summary",
        "OutlineLevel",
        "Manual",
        "Recurring",
        "DurationFormat",
        "LevelingDelay",
        "Cost",
        "FixedCost",
        "Notes",
        "Name",
        "Duration",
        "Milestone",
        "ConstraintType",
        "ConstraintDate",
        "Deadline",
        "PredecessorLink",
        "PredecessorUID",
        "Type",
        "LinkLag",
        "LagFormat",
    )
}


def _fields(element: Element) -> tuple[dict[str, str], list[Element]]:
    """The text of ``element``'s children that are read, by local name (the first of
    each), and its ``PredecessorLink`` children: one pass over the children, where
    asking for each field by name would search them all again."""
    fields: dict[str, str] = {}
    links: list[Element] = []
    read = _READ.get
    for child in element:
        tag = read(child.tag)
        if tag is None or tag in fields:
            continue
        if tag == "PredecessorLink":
            links.append(child)
        else:
            fields[tag] = (child.text or "").strip()
    return fields, links


def _text(element: Element, tag: str) -> str | None:
    found = element.find(f"{_NS}{tag}")
    return None if found is None or found.text is None else found.text.strip()


@functools.lru_cache(maxsize=4096)
def _int(text: str | None, default: int) -> int:
    return default if text is None or not text.lstrip("-").isdigit() else int(text)


@functools.lru_cache(maxsize=4096)
def _day(text: str | None) -> dt.date | None:
    """The date part of an MSPDI date-time (``2021-01-04T08:00:00``); ``ValueError``
    when it is not one. Cached: a plan's tasks share few dates."""
    if not text:
        return None
    return dt.date.fromisoformat(text[:10])


def _date(text: str | None, source: str | None, where: str) -> dt.date | None:
    """:func:`_day`, or a located error that quotes the text."""
    try:
        return _day(text)
    except ValueError:
        raise PlanFileError(f"not a date: {text!r}", path=source, location=where) from None


def _amount(text: str | None) -> float:
    """A cost field's value (0 when absent or not a number)."""
    try:
        return float(text or 0)
    except ValueError:
        return 0.0


@functools.lru_cache(maxsize=4096)
def _minutes(text: str) -> float | None:
    """An MSPDI duration (``PT24H0M0S``) in minutes."""
    match = _DURATION.fullmatch(text)
    if match is None:
        return None
    years, months, days, hours, minutes, seconds = (float(g or 0) for g in match.groups())
    if years or months:
        return None  # not a span of working time
    total = days * 24 * 60 + hours * 60 + minutes + seconds / 60
    return -total if text.startswith("-") else total


def _calendar(root: Element, source: str | None) -> WorkCalendar:
    """The project's calendar: its working week, days off and extra working days."""
    wanted = _text(root, "CalendarUID")
    calendars = list(root.iterfind(f"{_NS}Calendars/{_NS}Calendar"))
    chosen = next((c for c in calendars if _text(c, "UID") == wanted), None)
    if chosen is None:
        chosen = next((c for c in calendars if _text(c, "IsBaseCalendar") == "1"), None)
    if chosen is None:
        return WorkCalendar(name="mspdi")
    weekend: set[int] = set()
    off: set[dt.date] = set()
    on: set[dt.date] = set()
    for day in chosen.iterfind(f"{_NS}WeekDays/{_NS}WeekDay"):
        kind = _int(_text(day, "DayType"), -1)
        working = _text(day, "DayWorking") == "1"
        if 1 <= kind <= 7 and not working:
            weekend.add((kind + 5) % 7)  # MSPDI: 1 Sunday .. 7 Saturday; Python: 0 Monday
        elif kind == 0:  # an exception in the older form
            (on if working else off).update(_period(day, source))
    for exception in chosen.iterfind(f"{_NS}Exceptions/{_NS}Exception"):
        working = _text(exception, "DayWorking") == "1"
        (on if working else off).update(_period(exception, source))
    name = _text(chosen, "Name") or "mspdi"
    try:
        return WorkCalendar(name=name, weekend=weekend, holidays=off - on, working_days=on)
    except ValueError as exc:
        raise PlanFileError(f"calendar {name!r}: {exc}", path=source) from None


def _period(element: Element, source: str | None) -> Iterator[dt.date]:
    period = element.find(f"{_NS}TimePeriod")
    if period is None:
        return
    where = f"a calendar exception (line {element.sourceline})"
    first = _date(_text(period, "FromDate"), source, where)
    last = _date(_text(period, "ToDate"), source, where)
    if first is None or last is None:
        return
    while first <= last:
        yield first
        first += dt.timedelta(days=1)


@attrs.define
class _Open:
    """A summary task read, waiting to see whether a task is under it."""

    level: int
    uid: str
    fields: dict[str, str]
    links: list[Element]
    order: int
    used: bool = False


class _Tasks:
    """The file's tasks, read into columns; every problem collected, then raised once."""

    def __init__(self, per_day: int, round_durations: bool, source: str | None) -> None:
        self.per_day, self.round, self.source = per_day, round_durations, source
        self.columns: dict[str, list[Any]] = {
            key: []
            for key in (
                "ids",
                "titles",
                "durations",
                "constraints",
                "constraint_dates",
                "deadlines",
                "part_of",
                "notes",
            )
        }
        self.links: list[tuple[str, str, DependencyType, int]] = []
        self.groups: list[Group] = []
        #: Where each group stands among them in file order, by UID (its keys: the
        #: summaries that became groups).
        self.order: dict[str, int] = {}
        #: Each task's (and summary's) parent summary, by UID.
        self.parent: dict[str, str | None] = {}
        #: The summaries above the next task.
        self.outline: list[_Open] = []
        self.uneven: list[str] = []
        self.elapsed: list[str] = []
        self.unsupported: list[str] = []
        self.not_dates: list[str] = []

    def add(self, task: Element) -> None:
        fields, links = _fields(task)
        get = fields.get
        uid = get("UID") or ""
        if uid == "0" or get("IsNull") == "1":
            return
        level = _int(get("OutlineLevel"), 1)
        self._close(level)
        outline = self.outline
        parent = self.parent[uid] = outline[-1].uid if outline else None
        if outline:
            outline[-1].used = True
        if get("Summary") == "1":
            outline.append(_Open(level, uid, fields, links, len(self.parent)))
            return
        self._task(uid, fields, links, parent)

    def _close(self, level: int) -> None:
        """Close the summaries at ``level`` and below: a group each, or, with nothing
        under it, a task (MS Project makes such a summary an ordinary task)."""
        outline = self.outline
        while outline and outline[-1].level >= level:
            done = outline.pop()
            if not done.used:
                self._task(done.uid, done.fields, done.links, self.parent[done.uid])
                continue
            self._summary_dates(done.uid, done.fields.get)
            title = done.fields.get("Name") or f"UID {done.uid}"
            self.groups.append(Group(done.uid, title, part_of=self.parent[done.uid]))
            self.order[done.uid] = done.order
            for link in done.links:
                self._link(done.uid, _fields(link)[0])

    def _task(
        self, uid: str, fields: dict[str, str], links: list[Element], parent: str | None
    ) -> None:
        get = fields.get
        self._unmodelled(uid, get)
        shown = get("Duration") or "PT0H0M0S"
        if _int(get("DurationFormat"), 7) in _ELAPSED:
            days = self._elapsed(f"UID {uid} ({shown}, elapsed)", _minutes(shown))
        else:
            days = self._days(uid, _minutes(shown), shown)
        kind = _CONSTRAINTS.get(_int(get("ConstraintType"), 0), ConstraintType.ASAP)
        columns = self.columns
        columns["ids"].append(uid)
        columns["titles"].append(get("Name") or f"UID {uid}")
        columns["durations"].append(0 if get("Milestone") == "1" and not days else days)
        columns["constraints"].append(kind)
        dated = self._date(uid, "ConstraintDate", get("ConstraintDate")) if kind.dated else None
        columns["constraint_dates"].append(dated)
        columns["deadlines"].append(self._date(uid, "Deadline", get("Deadline")))
        columns["part_of"].append(parent)
        columns["notes"].append(get("Notes") or None)
        for link in links:
            self._link(uid, _fields(link)[0])

    def _unmodelled(self, uid: str, get: Callable[[str], str | None]) -> None:
        """What a task has that urbangov does not model, for the warning."""
        if get("Manual") == "1":
            self.unsupported.append(f"UID {uid} is manually scheduled (scheduled automatically)")
        if get("Recurring") == "1":
            self.unsupported.append(f"UID {uid} is recurring (its occurrences are read)")
        if _int(get("LevelingDelay"), 0):
            self.unsupported.append(f"UID {uid} has a levelling delay (not applied)")
        if any(_amount(get(field)) for field in ("Cost", "FixedCost")):
            self.unsupported.append(f"UID {uid} has a cost (not read)")

    def _summary_dates(self, uid: str, get: Callable[[str], str | None]) -> None:
        """A summary's own constraint and deadline: named, not applied (MPXJ's
        scheduler does not apply them to the tasks under it either)."""
        kind = _CONSTRAINTS.get(_int(get("ConstraintType"), 0), ConstraintType.ASAP)
        if kind is not ConstraintType.ASAP:
            self.unsupported.append(f"summary UID {uid} has a {kind} constraint (not applied)")
        if get("Deadline"):
            self.unsupported.append(f"summary UID {uid} has a deadline (not applied)")
        self._unmodelled(uid, get)

    def _elapsed(self, what: str, minutes: float | None) -> int:
        """Elapsed time, listed for the error; as many working days when rounding."""
        self.elapsed.append(what)
        return 0 if minutes is None else round(minutes / _ELAPSED_DAY)

    def _date(self, uid: str, field: str, text: str | None) -> dt.date | None:
        try:
            return _day(text)
        except ValueError:
            self.not_dates.append(f"UID {uid} {field} {text!r}")
            return None

    def _days(self, uid: str, minutes: float | None, shown: str | None) -> int:
        if minutes is None:
            self.uneven.append(f"UID {uid} ({shown})")
            return 0
        days = minutes / self.per_day
        if days != int(days) and not self.round:
            self.uneven.append(f"UID {uid} ({shown})")
        return round(days)

    def _link(self, uid: str, link: dict[str, str]) -> None:
        predecessor = link.get("PredecessorUID") or ""
        kind = _LINKS.get(_int(link.get("Type"), 1), DependencyType.FS)
        tenths = _int(link.get("LinkLag"), 0)
        lag_format = _int(link.get("LagFormat"), 7)
        if lag_format in _PERCENT_LAGS:
            self.unsupported.append(f"UID {uid}: the lag in percent from UID {predecessor} (none)")
            tenths = 0
        if lag_format in _ELAPSED:
            days = self._elapsed(
                f"UID {uid}: the lag from UID {predecessor} ({tenths / 10:g} min, elapsed)",
                tenths / 10,
            )
            self.links.append((predecessor, uid, kind, days))
            return
        lag = tenths / 10 / self.per_day
        if lag != int(lag) and not self.round:
            self.uneven.append(f"UID {uid}: the lag from UID {predecessor} ({tenths / 10:g} min)")
        self.links.append((predecessor, uid, kind, round(lag)))

    def _summary_links(self) -> tuple[list[tuple[str, str, DependencyType, int]], list[str]]:
        """The links, those from or to a summary task made links of every task under
        it where that means the same; what cannot be, named."""
        under: dict[str, list[str]] = {}
        for task_id in self.columns["ids"]:
            up = self.parent[task_id]
            while up is not None:
                under.setdefault(up, []).append(task_id)
                up = self.parent[up]
        kept: list[tuple[str, str, DependencyType, int]] = []
        left_out: list[str] = []
        spread_from = (DependencyType.FS, DependencyType.FF)  # after the last of them
        spread_to = (DependencyType.FS, DependencyType.SS)  # each of them after
        for before, after, kind, lag in self.links:
            if after in under.get(before, ()) or before in under.get(after, ()):
                left_out.append(
                    f"the link between summary UID {before if before in under else after} "
                    "and a task under it (left out: MS Project refuses it)"
                )
                continue
            froms, tos = [before], [after]
            if before in under:  # a summary: what is under it
                froms = under[before] if kind in spread_from else []
            if after in under:
                tos = under[after] if kind in spread_to else []
            pairs = [(f, t) for f in froms for t in tos if f != t]
            if not pairs:
                left_out.append(f"the {kind} link from UID {before} to UID {after} (left out)")
            kept.extend((f, t, kind, lag) for f, t in pairs)
        return kept, left_out

    def table(self, leads: dict[str, str]) -> TaskTable:
        self._close(0)
        self.groups.sort(key=lambda group: self.order[group.id])
        if self.not_dates:
            raise PlanFileError(
                "not a date: " + ", ".join(self.not_dates), path=self.source, location="Tasks"
            )
        if self.elapsed and not self.round:
            raise PlanFileError(
                "elapsed (calendar) time cannot be counted in working days "
                "(--round-durations, or round_durations=True, reads each as as many "
                "working days): " + ", ".join(self.elapsed),
                path=self.source,
            )
        if self.elapsed:
            self.unsupported.extend(f"{e} read as working days" for e in self.elapsed)
        if self.uneven:
            raise PlanFileError(
                "durations and lags must be whole working days of "
                f"{self.per_day} minutes (--round-durations, or round_durations=True, "
                "rounds them): " + ", ".join(self.uneven),
                path=self.source,
            )
        self.links, left_out = self._summary_links()
        notes = [*self.unsupported, *left_out]
        if notes:
            warnings.warn(
                f"{self.source or 'MS Project XML'}: not modelled by urbangov: " + "; ".join(notes),
                UserWarning,
                stacklevel=4,
            )
        try:
            ids = self.columns["ids"]
            columns = self.columns
            return TaskTable.of(
                **{k: v for k, v in columns.items() if k not in ("part_of", "notes")},
                part_of=columns["part_of"] if any(columns["part_of"]) else None,
                notes=columns["notes"] if any(columns["notes"]) else None,
                groups=self.order,  # by UID: the summaries that became groups
                leads=[leads.get(uid) for uid in ids] if leads else None,
                link_from=[f for f, _, _, _ in self.links],
                link_to=[t for _, t, _, _ in self.links],
                link_type=[k for _, _, k, _ in self.links],
                link_lag=[g for _, _, _, g in self.links],
            )
        except PlanFileError:
            raise
        except ValueError as exc:
            raise PlanFileError(str(exc), path=self.source) from None
