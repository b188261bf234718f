"""Schedule a batch of small projects with MPXJ's ``MicrosoftScheduler`` (test oracle).

Run as a subprocess (a JVM can only be started once per Python process)::

    python tests/oracle/mpxj_runner.py < cases.json > results.json

stdin: a JSON list of cases; stdout: a JSON list of results, one per case, same order.
Anything the JVM prints (Log4j status lines, ...) goes to stderr.

Case (day granularity; 8-hour days 08:00-12:00, 13:00-17:00)::

    {"start": "2021-01-04",              # project start, 08:00
     "weekend": [5, 6],                  # Python weekday numbers that are non-working (Mon=0)
     "holidays": ["2021-02-10"],         # extra non-working dates (calendar exceptions)
     "working_days": ["2021-05-08"],     # extra working dates (8 h, calendar exceptions)
     "tasks": [{"id": "t1", "duration": 10,          # working days, 0 = milestone
                "constraint": "ASAP",                # ASAP ALAP SNET SNLT FNET FNLT MSO MFO
                "constraint_date": null,             # start constraints 08:00, finish ones 17:00
                "deadline": null,                    # 17:00
                "preds": [["t0", "FS", 0], ["t2", "SS", -2]]}]}   # lag in working days

``{"read_mspdi": PATH, "start": DAY}`` reads the project from an MSPDI file instead (MPXJ's
``MSPDIReader``) and schedules it from ``start``; its tasks are keyed by UID.

``"write_mspdi": PATH`` (optional) also writes the scheduled project there as MSPDI (MS
Project XML), with MPXJ's ``MSPDIWriter``.

``{"check_mspdi": PATH}`` checks a file against Microsoft's MSPDI schema as MPXJ's JAXB
classes carry it (generated from ``mspdi_pj12.xsd``): every element one the schema
defines for its parent, in the schema's order (its sequences), only lists repeated,
required elements present, and every value one JAXB's unmarshaller accepts. Result:
``{"problems": ["Project/Tasks/Task[3]/Foo: not in the schema", ...], "error": None}``.

Progress (all optional; see tests/oracle/PROGRESS-RULES.md for what MPXJ does with it)::

    {"status_date": "2021-01-15",        # ProjectProperties.StatusDate, 17:00. Stored only:
                                         # MicrosoftScheduler never reads it.
     "tasks": [{"id": "t1", "duration": 10,
                "actual_start": "2021-01-04",    # 08:00
                "actual_finish": "2021-01-15",   # 17:00 (a milestone: same as its actual start
                                                 # when on the same date); needs actual_start
                "actual_duration": 4,            # working days
                "remaining_duration": 6,         # working days
                "percent_complete": 40}]}        # 0-100

    Any date may also be given as "YYYY-MM-DDTHH:MM" to pick the time. Without progress fields a
    task gets Duration = duration, ActualDuration = 0, RemainingDuration = duration and no
    PercentComplete (as before). With any of them, MS Project's consistent triple is derived:
    a finished task (actual_finish) has actual = actual_duration or the calendar work from
    actual start to actual finish (0 for a milestone), remaining = remaining_duration or 0;
    otherwise actual/remaining are taken as given, the missing one being duration minus the
    other (never below 0), or from percent_complete (actual = duration * pc / 100), or
    actual 0. Duration is then set to actual + remaining, and PercentComplete to
    percent_complete, else 100 for a finished task, else floor(100 * actual / Duration)
    (0 for a zero Duration). The milestone flag stays "duration == 0".

Result::

    {"tasks": {"t1": {"start": "2021-01-04T08:00", "finish": ..., "early_start": ...,
                      "early_finish": ..., "late_start": ..., "late_finish": ...,
                      "total_slack": 0.0, "free_slack": 0.0, "critical": true,
                      "start_slack": 0.0, "finish_slack": 0.0,
                      "actual_start": null, "actual_finish": null,
                      "duration": 10.0, "actual_duration": 0.0, "remaining_duration": 10.0,
                      "percent_complete": null}},
     "project_finish": "2021-01-15T17:00",
     "error": null}

or ``{"tasks": null, "project_finish": null, "error": "<java class>: <message>"}`` when MPXJ
raises (a Java exception with no message gives ``"org.mpxj.cpm.CycleException: null"``).
Invalid input is reported the same way with the Python exception class name.

``actual_*``, ``remaining_duration`` and ``percent_complete`` are read back as MPXJ holds them;
``duration`` is read back after scheduling (MicrosoftScheduler rewrites it only for tasks with
resource assignments, which the runner never makes). ``start_slack``/``finish_slack`` come
from the slack calculator like the total slack.

The project is built through MPXJ's Java API (no MSPDI round trip): one base calendar
"Standard" (the project's default calendar) with the case's working week and exceptions;
per task Duration/ActualDuration/RemainingDuration in days, the milestone flag for zero
durations, auto-scheduled mode, constraint type/date, deadline, ActualStart/ActualFinish/
PercentComplete when given, and predecessor relations with the lag as a Duration in (working)
days. The status date goes to ProjectProperties. Slack and the critical flag are read after
scheduling; they are computed lazily by the project's slack calculator, which by default is
``org.mpxj.cpm.MicrosoftSlackCalculator``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from typing import Any

import jpype
import mpxj  # noqa: F401  -- puts MPXJ's bundled jars on the JVM class path

CONSTRAINTS = {
    "ASAP": "AS_SOON_AS_POSSIBLE",
    "ALAP": "AS_LATE_AS_POSSIBLE",
    "SNET": "START_NO_EARLIER_THAN",
    "SNLT": "START_NO_LATER_THAN",
    "FNET": "FINISH_NO_EARLIER_THAN",
    "FNLT": "FINISH_NO_LATER_THAN",
    "MSO": "MUST_START_ON",
    "MFO": "MUST_FINISH_ON",
}
START_CONSTRAINTS = frozenset({"SNET", "SNLT", "MSO"})
LINK_TYPES = {
    "FS": "FINISH_START",
    "SS": "START_START",
    "FF": "FINISH_FINISH",
    "SF": "START_FINISH",
}
DATE_FIELDS = ("start", "finish", "early_start", "early_finish", "late_start", "late_finish")


class _Java:
    """Handles to the Java classes, resolved once the JVM runs."""

    def __init__(self) -> None:
        self.LocalDate: Any = jpype.JClass("java.time.LocalDate")
        self.LocalDateTime: Any = jpype.JClass("java.time.LocalDateTime")
        self.LocalTime: Any = jpype.JClass("java.time.LocalTime")
        self.DayOfWeek: Any = jpype.JClass("java.time.DayOfWeek")
        self.ProjectFile: Any = jpype.JClass("org.mpxj.ProjectFile")
        self.Duration: Any = jpype.JClass("org.mpxj.Duration")
        self.TimeUnit: Any = jpype.JClass("org.mpxj.TimeUnit")
        self.LocalTimeRange: Any = jpype.JClass("org.mpxj.LocalTimeRange")
        self.ConstraintType: Any = jpype.JClass("org.mpxj.ConstraintType")
        self.RelationType: Any = jpype.JClass("org.mpxj.RelationType")
        self.RelationBuilder: Any = jpype.JClass("org.mpxj.Relation$Builder")
        self.TaskMode: Any = jpype.JClass("org.mpxj.TaskMode")
        self.MicrosoftScheduler: Any = jpype.JClass("org.mpxj.cpm.MicrosoftScheduler")
        self.morning: Any = self.LocalTimeRange(self.LocalTime.of(8, 0), self.LocalTime.of(12, 0))
        self.afternoon: Any = self.LocalTimeRange(
            self.LocalTime.of(13, 0), self.LocalTime.of(17, 0)
        )

    def date(self, iso: str) -> Any:
        d = dt.date.fromisoformat(iso)
        return self.LocalDate.of(d.year, d.month, d.day)

    def at(self, iso: str, hour: int) -> Any:
        d = dt.date.fromisoformat(iso)
        return self.LocalDateTime.of(d.year, d.month, d.day, hour, 0)

    def days(self, value: float) -> Any:
        return self.Duration.getInstance(float(value), self.TimeUnit.DAYS)

    def stamp(self, text: str, hour: int) -> Any:
        """'YYYY-MM-DD' at ``hour``:00, or an explicit 'YYYY-MM-DDTHH:MM'."""
        if "T" not in text:
            return self.at(text, hour)
        when = dt.datetime.fromisoformat(text)
        return self.LocalDateTime.of(when.year, when.month, when.day, when.hour, when.minute)


def _iso(value: Any) -> str | None:
    """Java LocalDateTime -> 'YYYY-MM-DDTHH:MM' (minute precision)."""
    if value is None:
        return None
    return str(value.toString())[:16]


def _days(j: _Java, project: Any, value: Any) -> float | None:
    """MPXJ Duration -> float working days (8 h = 1 d)."""
    if value is None:
        return None
    if value.getUnits() != j.TimeUnit.DAYS:
        value = value.convertUnits(j.TimeUnit.DAYS, project.getProjectProperties())
    return round(float(value.getDuration()), 6) + 0.0  # + 0.0 turns -0.0 into 0.0


PROGRESS_FIELDS = (
    "actual_start",
    "actual_finish",
    "actual_duration",
    "remaining_duration",
    "percent_complete",
)


def _optional(spec: dict[str, Any], key: str) -> float | None:
    value = spec.get(key)
    return None if value is None else float(value)


def _set_durations(j: _Java, calendar: Any, task: Any, spec: dict[str, Any]) -> None:
    """Duration, ActualDuration, RemainingDuration (and progress) of one task."""
    task_id = str(spec["id"])
    duration = float(spec.get("duration", 0))
    if not any(spec.get(name) is not None for name in PROGRESS_FIELDS):
        task.setDuration(j.days(duration))
        task.setActualDuration(j.days(0))
        task.setRemainingDuration(j.days(duration))
        return
    actual_start = spec.get("actual_start")
    actual_finish = spec.get("actual_finish")
    actual = _optional(spec, "actual_duration")
    remaining = _optional(spec, "remaining_duration")
    percent = _optional(spec, "percent_complete")
    start_at: Any = None
    finish_at: Any = None
    if actual_start is not None:
        start_at = j.stamp(str(actual_start), 8)
        task.setActualStart(start_at)
    if actual_finish is not None:
        if start_at is None:
            raise ValueError(f"task {task_id!r}: actual_finish needs actual_start")
        same_day = str(actual_finish)[:10] == str(actual_start)[:10]
        if duration == 0 and same_day and "T" not in str(actual_finish):
            finish_at = start_at  # a milestone finishes where it starts
        else:
            finish_at = j.stamp(str(actual_finish), 17)
        task.setActualFinish(finish_at)
        if actual is None:
            work = calendar.getWork(start_at, finish_at, j.TimeUnit.DAYS)
            actual = 0.0 if duration == 0 else float(work.getDuration())
        if remaining is None:
            remaining = 0.0
    elif actual is None and remaining is None:
        actual = 0.0 if percent is None else duration * percent / 100.0
    if actual is None:
        actual = max(duration - (remaining or 0.0), 0.0)
    if remaining is None:
        remaining = max(duration - actual, 0.0)
    total = actual + remaining
    task.setDuration(j.days(total))
    task.setActualDuration(j.days(actual))
    task.setRemainingDuration(j.days(remaining))
    if percent is None and finish_at is not None:
        percent = 100.0
    elif percent is None:
        percent = float(int(100.0 * actual / total)) if total > 0 else 0.0
    task.setPercentageComplete(jpype.JDouble(percent))


def _number(value: Any) -> float | None:
    """Java Number -> float."""
    if value is None:
        return None
    return round(float(value.doubleValue()), 6) + 0.0


def _build(j: _Java, case: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    project = j.ProjectFile()
    calendar = project.addDefaultBaseCalendar()
    project.setDefaultCalendar(calendar)
    weekend = {int(d) for d in case.get("weekend", [5, 6])}
    for python_weekday in range(7):
        day = j.DayOfWeek.of(python_weekday + 1)  # java: MONDAY=1 .. SUNDAY=7
        working = python_weekday not in weekend
        calendar.setWorkingDay(day, working)
        hours = calendar.addCalendarHours(day)  # replaces the day's hours
        if working:
            hours.add(j.morning)
            hours.add(j.afternoon)
    for iso in case.get("holidays", []) or []:
        calendar.addCalendarException(j.date(iso), j.date(iso))
    for iso in case.get("working_days", []) or []:
        exception = calendar.addCalendarException(j.date(iso), j.date(iso))
        exception.add(j.morning)
        exception.add(j.afternoon)

    properties = project.getProjectProperties()
    properties.setStartDate(j.at(case["start"], 8))
    if case.get("status_date"):
        properties.setStatusDate(j.stamp(str(case["status_date"]), 17))

    tasks: dict[str, Any] = {}
    for spec in case["tasks"]:
        task_id = str(spec["id"])
        if task_id in tasks:
            raise ValueError(f"duplicate task id {task_id!r}")
        duration = spec.get("duration", 0)
        task = project.addTask()
        task.setName(task_id)
        task.setTaskMode(j.TaskMode.AUTO_SCHEDULED)
        _set_durations(j, calendar, task, spec)
        task.setMilestone(duration == 0)
        code = str(spec.get("constraint") or "ASAP").upper()
        task.setConstraintType(j.ConstraintType.valueOf(CONSTRAINTS[code]))
        constraint_date = spec.get("constraint_date")
        if constraint_date:
            hour = 8 if code in START_CONSTRAINTS else 17
            task.setConstraintDate(j.at(constraint_date, hour))
        elif code not in ("ASAP", "ALAP"):
            raise ValueError(f"task {task_id!r}: constraint {code} needs a constraint_date")
        if spec.get("deadline"):
            task.setDeadline(j.at(spec["deadline"], 17))
        tasks[task_id] = task

    for spec in case["tasks"]:
        successor = tasks[str(spec["id"])]
        for pred_id, link, lag in spec.get("preds", []) or []:
            builder = (
                j.RelationBuilder()
                .predecessorTask(tasks[str(pred_id)])
                .type(j.RelationType.valueOf(LINK_TYPES[str(link).upper()]))
                .lag(j.days(lag))
            )
            successor.addPredecessor(builder)
    return project, tasks


def _read(case: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """A project MPXJ reads from an MSPDI file, its tasks by UID (the summary left out)."""
    project = jpype.JClass("org.mpxj.mspdi.MSPDIReader")().read(str(case["read_mspdi"]))
    tasks = {
        str(task.getUniqueID()): task
        for task in project.getTasks()
        if int(task.getUniqueID()) != 0 and not bool(task.getSummary())
    }
    return project, tasks


class _Schema:
    """One JAXB class of MPXJ's MSPDI schema: its elements in order, by XML name."""

    def __init__(self, cls: Any) -> None:
        xml_type = jpype.JClass("jakarta.xml.bind.annotation.XmlType")
        xml_element = jpype.JClass("jakarta.xml.bind.annotation.XmlElement")
        order = [str(name) for name in cls.getAnnotation(xml_type.class_).propOrder()]
        by_field: dict[str, tuple[str, Any, bool, bool]] = {}
        for field in cls.getDeclaredFields():
            annotation = field.getAnnotation(xml_element.class_)
            if annotation is None:
                continue
            many = str(field.getType().getName()) == "java.util.List"
            kind = field.getGenericType().getActualTypeArguments()[0] if many else field.getType()
            by_field[str(field.getName())] = (
                str(annotation.name()),
                kind,
                many,
                bool(annotation.required()),
            )
        self.elements = [by_field[name] for name in order if name in by_field]
        self.position = {name: n for n, (name, _, _, _) in enumerate(self.elements)}

    @classmethod
    def of(cls, java_class: Any) -> _Schema:
        key = str(java_class.getTypeName())
        if key not in _SCHEMAS:
            _SCHEMAS[key] = _Schema(java_class)
        return _SCHEMAS[key]


_SCHEMAS: dict[str, _Schema] = {}


def _check_element(element: Any, java_class: Any, path: str, problems: list[str]) -> None:
    schema = _Schema.of(java_class)
    last, seen = -1, set[str]()
    for child in element:
        name = child.tag.rpartition("}")[2]
        where = f"{path}/{name}"
        if name not in schema.position:
            problems.append(f"{where}: not in the schema here")
            continue
        n = schema.position[name]
        _, kind, many, _ = schema.elements[n]
        if n < last:
            problems.append(
                f"{where}: out of the schema's order (after {schema.elements[last][0]})"
            )
        if name in seen and not many:
            problems.append(f"{where}: repeated")
        last, seen = max(last, n), seen | {name}
        if str(kind.getTypeName()).startswith("org.mpxj.mspdi.schema."):
            _check_element(child, kind, where, problems)
    for name, _, _, required in schema.elements:
        if required and name not in seen:
            problems.append(f"{path}: {name} is required")


def _check(path: str) -> dict[str, Any]:
    from lxml import etree

    root = etree.parse(path).getroot()
    problems: list[str] = []
    project = jpype.JClass("org.mpxj.mspdi.schema.Project")
    _check_element(root, project.class_, "Project", problems)

    @jpype.JImplements("jakarta.xml.bind.ValidationEventHandler")
    class Collect:
        @jpype.JOverride  # type: ignore[untyped-decorator]
        def handleEvent(self, event: Any) -> bool:  # noqa: N802 (Java's name)
            problems.append(f"JAXB: {event.getMessage()}")
            return True

    context = jpype.JClass("jakarta.xml.bind.JAXBContext").newInstance(
        "org.mpxj.mspdi.schema", project.class_.getClassLoader()
    )
    unmarshaller = context.createUnmarshaller()
    unmarshaller.setEventHandler(Collect())
    unmarshaller.unmarshal(jpype.JClass("java.io.File")(path))
    return {"problems": list(dict.fromkeys(problems))[:50], "error": None}


def _run_case(j: _Java, case: dict[str, Any]) -> dict[str, Any]:
    if case.get("check_mspdi"):
        return _check(str(case["check_mspdi"]))
    project, tasks = _read(case) if case.get("read_mspdi") else _build(j, case)
    j.MicrosoftScheduler().schedule(project, j.at(case["start"], 8))
    out: dict[str, dict[str, Any]] = {}
    for task_id, task in tasks.items():
        out[task_id] = {
            "start": _iso(task.getStart()),
            "finish": _iso(task.getFinish()),
            "early_start": _iso(task.getEarlyStart()),
            "early_finish": _iso(task.getEarlyFinish()),
            "late_start": _iso(task.getLateStart()),
            "late_finish": _iso(task.getLateFinish()),
            "total_slack": _days(j, project, task.getTotalSlack()),
            "free_slack": _days(j, project, task.getFreeSlack()),
            "critical": bool(task.getCritical()),
            "start_slack": _days(j, project, task.getStartSlack()),
            "finish_slack": _days(j, project, task.getFinishSlack()),
            "actual_start": _iso(task.getActualStart()),
            "actual_finish": _iso(task.getActualFinish()),
            "duration": _days(j, project, task.getDuration()),
            "actual_duration": _days(j, project, task.getActualDuration()),
            "remaining_duration": _days(j, project, task.getRemainingDuration()),
            "percent_complete": _number(task.getPercentageComplete()),
        }
    finish = _iso(project.getProjectProperties().getFinishDate())
    if case.get("write_mspdi"):  # the scheduled project as MS Project XML, for urbangov's reader
        jpype.JClass("org.mpxj.mspdi.MSPDIWriter")().write(project, str(case["write_mspdi"]))
    return {"tasks": out, "project_finish": finish, "error": None}


def _error(exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, jpype.JException):
        message = exc.getMessage()
        text = f"{exc.getClass().getName()}: {'null' if message is None else message}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    return {"tasks": None, "project_finish": None, "error": text}


def main() -> int:
    cases = json.load(sys.stdin)
    if not isinstance(cases, list):
        raise SystemExit("stdin must hold a JSON list of cases")
    # Keep stdout for our JSON only: anything written to fd 1 from now on (the JVM's
    # System.out, Log4j status lines) lands on stderr.
    sys.stdout.flush()
    result_fd = os.dup(1)
    os.dup2(2, 1)
    jpype.startJVM(convertStrings=False)
    j = _Java()
    results: list[dict[str, Any]] = []
    for case in cases:
        try:
            results.append(_run_case(j, case))
        except Exception as exc:  # report per case and carry on with the batch
            results.append(_error(exc))
    with os.fdopen(result_fd, "w", encoding="utf-8") as result_stream:
        json.dump(results, result_stream)
        result_stream.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
