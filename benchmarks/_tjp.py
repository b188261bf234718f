"""Write a plan file as a TaskJuggler project (for the CLI benchmark's tj3 baseline).

``python -m benchmarks._tjp`` regenerates ``benchmarks/data/plan20.tjp`` from
``benchmarks/data/plan20.toml``. Only what TaskJuggler expresses the same way is
accepted: FS links (``depends x { gaplength Nd }``), SS links (``onstart``), lags >= 0,
MSO on a task without links and SNET (``start``), deadlines (``maxend``, a check only)
and holidays that fall on weekdays (``leaves holiday``). Anything else raises
``ValueError``, so the two files cannot silently drift apart.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Final

from benchmarks._api import schedule
from urbangov.io import load_plan
from urbangov.plan import ConstraintType, DependencyType, Plan

__all__ = ["DATA", "plan_to_tjp", "tj_id"]

DATA: Final = Path(__file__).resolve().parent / "data"
_TIME: Final = "%Y-%m-%dT%H:%M"


def tj_id(task_id: str) -> str:
    """TaskJuggler ids are identifiers: hyphens become underscores."""
    out = task_id.replace("-", "_")
    if not out.replace("_", "").isalnum() or not out.isascii() or out[0].isdigit():
        raise ValueError(f"task id {task_id!r} cannot be a TaskJuggler id")
    return out


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _holidays(plan: Plan, last: dt.date) -> list[tuple[dt.date, int]]:
    """Runs of non-working weekdays from the plan start to ``last``: (first day, length)."""
    calendar = plan.calendar
    runs: list[tuple[dt.date, int]] = []
    day = plan.start
    while day <= last:
        weekend = day.weekday() in calendar.weekend
        working = calendar.is_working_day(day)
        if weekend and working:
            raise ValueError(f"{day} is a make-up working day: not expressible here")
        if not weekend and not working:
            if runs and runs[-1][0] + dt.timedelta(days=runs[-1][1]) == day:
                runs[-1] = (runs[-1][0], runs[-1][1] + 1)
            else:
                runs.append((day, 1))
        day += dt.timedelta(days=1)
    return runs


def plan_to_tjp(plan: Plan, source: str) -> str:
    """The TaskJuggler project for ``plan`` with a CSV report ``<id>-dates``."""
    if sorted(plan.calendar.weekend) != [5, 6]:
        raise ValueError("only a Saturday-Sunday weekend is supported")
    finish = schedule(plan).finish
    horizon = finish + dt.timedelta(days=21)
    months = (horizon.year - plan.start.year) * 12 + horizon.month - plan.start.month + 1
    out = [
        f"# Generated from {source} by `python -m benchmarks._tjp`; do not edit by hand.",
        "# The same plan for TaskJuggler 3 (tj3): 8:00-12:00 and 13:00-17:00 on Mon-Fri,",
        "# the plan calendar's weekday holidays as leaves, links as depends.",
        f"project bench {_quote(plan.title)} {plan.start.isoformat()}-00:00-+0700 +{months}m {{",
        '  timezone "Asia/Ho_Chi_Minh"',
        "  workinghours mon - fri 8:00 - 12:00, 13:00 - 17:00",
        "  workinghours sat, sun off",
        "}",
        "",
    ]
    for first, days in _holidays(plan, horizon):
        out.append(f'leaves holiday "holiday" {first.isoformat()} +{days}d')
    out.append("")
    for task in plan.tasks:
        body: list[str] = []
        links = []
        for dep in task.depends:
            if dep.lag < 0:
                raise ValueError(f"{task.id}: negative lag (a lead) has no TaskJuggler form")
            options = []
            if dep.type is DependencyType.SS:
                options.append("onstart")
            elif dep.type is not DependencyType.FS:
                raise ValueError(f"{task.id}: {dep.type} links have no TaskJuggler form")
            if dep.lag:
                options.append(f"gaplength {dep.lag}d")
            links.append(tj_id(dep.task) + (f" {{ {' '.join(options)} }}" if options else ""))
        if links:
            body.append("depends " + ", ".join(links))
        day = task.constraint_date
        if task.constraint is ConstraintType.ASAP:
            if not links:
                body.append(f"start {plan.start.isoformat()}-08:00")
        elif task.constraint is ConstraintType.SNET or (
            task.constraint is ConstraintType.MSO and not links
        ):
            assert day is not None
            body.append(f"start {day.isoformat()}-08:00")
        else:
            raise ValueError(f"{task.id}: constraint {task.constraint} has no TaskJuggler form")
        body.append("milestone" if task.milestone else f"length {task.duration}d")
        if task.deadline is not None:
            body.append(f"maxend {task.deadline.isoformat()}-17:00")
        out.append(f"task {tj_id(task.id)} {_quote(task.title)} {{")
        out.extend(f"  {line}" for line in body)
        out.append("}")
    out += [
        "",
        f'taskreport dates "{plan.id}-dates" {{',
        "  formats csv",
        f'  timeformat "{_TIME}"',
        "  columns id, start, end",
        "}",
        "",
    ]
    return "\n".join(out)


def main() -> int:
    source = DATA / "plan20.toml"
    plan = load_plan(source)
    target = DATA / "plan20.tjp"
    target.write_text(plan_to_tjp(plan, "benchmarks/data/plan20.toml"), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
