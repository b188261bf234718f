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

Result::

    {"tasks": {"t1": {"start": "2021-01-04T08:00", "finish": ..., "early_start": ...,
                      "early_finish": ..., "late_start": ..., "late_finish": ...,
                      "total_slack": 0.0, "free_slack": 0.0, "critical": true}},
     "error": null}

or ``{"tasks": null, "error": "<java class>: <message>"}`` when MPXJ raises (a Java exception
with no message gives ``"org.mpxj.cpm.CycleException: null"``). Invalid input is reported the
same way with the Python exception class name.

The project is built through MPXJ's Java API (no MSPDI round trip): one base calendar
"Standard" (the project's default calendar) with the case's working week and exceptions;
per task Duration/ActualDuration/RemainingDuration in days, the milestone flag for zero
durations, auto-scheduled mode, constraint type/date, deadline and predecessor relations
with the lag as a Duration in (working) days. Slack and the critical flag are read after
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

    tasks: dict[str, Any] = {}
    for spec in case["tasks"]:
        task_id = str(spec["id"])
        if task_id in tasks:
            raise ValueError(f"duplicate task id {task_id!r}")
        duration = spec.get("duration", 0)
        task = project.addTask()
        task.setName(task_id)
        task.setTaskMode(j.TaskMode.AUTO_SCHEDULED)
        task.setDuration(j.days(duration))
        task.setActualDuration(j.days(0))
        task.setRemainingDuration(j.days(duration))
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


def _run_case(j: _Java, case: dict[str, Any]) -> dict[str, Any]:
    project, tasks = _build(j, case)
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
        }
    return {"tasks": out, "error": None}


def _error(exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, jpype.JException):
        message = exc.getMessage()
        text = f"{exc.getClass().getName()}: {'null' if message is None else message}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    return {"tasks": None, "error": text}


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
