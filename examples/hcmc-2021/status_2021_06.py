"""The City's June 2021 report on its urban-government plan, as a script would print it.

Run from anywhere: ``python examples/hcmc-2021/status_2021_06.py``.

The progress (``progress-2021-06-14.csv``) and the extension (``extensions-2021.toml``)
are ILLUSTRATIVE: the article reports no per-ward progress. What the script shows is
real: the official taxonomy of Decision 42/2014/QĐ-TTg as of the June cut-off of
Decree 09/2019/NĐ-CP (14 June), per district with its phường rolled up, and the tasks
the next meeting should look at.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from urbangov.calendar import ReportingPeriod
from urbangov.io import hierarchy_of, load_plan, load_progress
from urbangov.tracking import Status, statistics, status_report

HERE = Path(__file__).resolve().parent


def main() -> None:
    plan = load_plan(HERE / "plan.toml")  # t09 is cascaded to the 249 phường
    log = load_progress(HERE / "progress-2021-06-14.csv", plan)
    more = load_progress(HERE / "extensions-2021.toml", plan)
    log = log.extended(more.updates, more.requests, more.decisions, more.withdrawals)

    june = ReportingPeriod.month(2021, 6)  # data from 15 May to 14 June
    report = status_report(plan, log, june.end)
    print(f"{plan.title}\nas of {report.as_of} ({june.label}: {june.start} to {june.end})")
    print(f"forecast finish: {report.forecast.finish}\n")

    stats = statistics(report, by="unit", period=june, hierarchy=hierarchy_of(plan), depth=1)
    print(f"{'unit':32} {'on time':>7} {'late':>5} {'in time':>7} {'overdue':>7} {'at risk':>7}")
    for row in (*stats.rows, stats.overall):
        name = "all tasks" if row is stats.overall else (row.name or row.key or "(no unit)")
        print(
            f"{name:32} {row.done_on_time:7} {row.done_late:5} {row.in_time:7} "
            f"{row.overdue:7} {row.at_risk:7}"
        )
    rate = stats.overall.on_time_rate
    print(f"\ncompleted on time: {rate:.1%} of {stats.overall.done} completed tasks")

    at_risk = [t for t in report if t.at_risk]
    print(f"\nat risk ({len(at_risk)}), the first five:")
    for task in at_risk[:5]:
        when = f"forecast {task.forecast_finish}, due {task.deadline}"
        print(f"  {task.task}: {task.progress} %, {when}")
    extended = [t for t in report if t.extended]
    for task in extended:
        print(f"extended: {task.task} from {task.original_deadline} to {task.deadline}")
    late = [t for t in report if t.status is Status.DONE_LATE]
    print(f"completed late: {', '.join(t.task for t in late)}")
    assert report.as_of == dt.date(2021, 6, 14)


if __name__ == "__main__":
    main()
