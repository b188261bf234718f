"""The notification benchmark: deciding what is due for the cascaded HCMC plan.

    .venv/bin/python -m benchmarks.notify [--quick] [--out FILE]

The plan of ``benchmarks.tracking``: 12 tasks in a chain cascaded to the 312 commune-
level units of 2021-07-01 (4,020 tasks) and 3,000 progress updates; decided as of sixty
working days after that status date (2021-09-24), when every unit has something due,
at risk, overdue or escalated: about 2,200 notifications for 336 recipients. The organisation
gives every one of the 335 units' People's Committee chairs a (placeholder) holder
with an e-mail address, so recipients are people reached up the escalation chain.

Measured: :func:`urbangov.notify.plan_notifications` (recipients, the reminder
ladder, repeats, escalation, at risk) plus grouping into one digest per recipient
(the ledger in memory). The floor is 2 s. The baseline, measured in the same run, is
the status report the decision starts from.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._measure import Report, Row, timeit, worker_main  # noqa: E402
from benchmarks.tracking import GO_LIVE, cascaded_hcmc, progress_for  # noqa: E402
from urbangov.hierarchy import Hierarchy, Organisation  # noqa: E402
from urbangov.io import organisation_from_dict, shipped_hierarchy  # noqa: E402
from urbangov.notify import (  # noqa: E402
    Notification,
    Notifier,
    Rules,
    SQLiteLedger,
    digests_for,
    plan_notifications,
)
from urbangov.plan import Plan  # noqa: E402
from urbangov.scheduling import schedule  # noqa: E402
from urbangov.tracking import StatusReport, status_report  # noqa: E402

__all__ = ["chaired", "main", "notify_job"]

FLOOR = 2.0  # seconds: deciding and grouping for the cascaded HCMC plan


def chaired(hcmc: Hierarchy) -> Organisation:
    """Every unit's committee chair held by a placeholder person with an e-mail, and
    the Sở Nội vụ (the lead of the City's tasks) with its director."""
    units = [hcmc.unit("hcmc"), *hcmc.descendants("hcmc", GO_LIVE)]
    people = [
        {"id": f"p{i}", "name": f"Người {i}", "contacts": {"email": f"p{i}@example.org"}}
        for i in range(len(units) + 1)
    ]
    appointments = [
        {"person": f"p{i}", "post": f"{unit.id}/people_committee/chair", "from": "2021-01-01"}
        for i, unit in enumerate(units)
    ]
    appointments.append(
        {"person": f"p{len(units)}", "post": "hcmc/so-noi-vu/director", "from": "2021-01-01"}
    )
    data = {
        "organs": [
            {"id": "hcmc/so-noi-vu", "unit": "hcmc", "kind": "specialised_agency", "name": "SNV"}
        ],
        "posts": [
            {
                "id": "hcmc/so-noi-vu/director",
                "organ": "hcmc/so-noi-vu",
                "title": "GĐ",
                "role": "director",
            }
        ],
        "people": people,
        "appointments": appointments,
    }
    return organisation_from_dict(data, hcmc)


def _decide(
    plan: Plan, report: StatusReport, organisation: Organisation
) -> tuple[Notification, ...]:
    day = report.as_of
    found = plan_notifications(plan, report, organisation, Rules(), day)
    email = Notifier("email", lambda digest: None)
    with SQLiteLedger(":memory:", read_only=True) as ledger:
        digests_for(email, found, ledger, plan_id=plan.id, plan_title=plan.title, as_of=day)
    return found


def notify_job(quick: bool) -> Report:
    report = Report()
    reps = 3 if quick else 7
    hcmc = shipped_hierarchy("hcmc")
    plan = cascaded_hcmc(hcmc)
    status, log = progress_for(schedule(plan), 3_000)
    day = plan.calendar.add_working_days(status, 60)
    organisation = chaired(hcmc)
    base = timeit(lambda: status_report(plan, log, day), reps)
    at = status_report(plan, log, day)
    found = _decide(plan, at, organisation)
    recipients = len({n.recipient.key for n in found})
    size = f"{len(plan):,} tasks, {len(found):,} notes, {recipients} recipients"
    report.rows.append(
        Row.timed(
            "9",
            "baseline: the status report at the day",
            f"{len(plan):,} tasks",
            base,
            ratio=1.0,
            ratio_of="baseline",
        )
    )
    decided = timeit(lambda: _decide(plan, at, organisation), reps)
    report.rows.append(
        Row.timed(
            "9",
            "decide: plan_notifications + one digest per recipient",
            size,
            decided,
            ratio=decided.median / base.median,
            ratio_of="this / baseline",
            floor=f"< {FLOOR:g} s",
            ok=decided.median < FLOOR,
        )
    )
    kinds = sorted({n.kind.value for n in found})
    counts = ", ".join(f"{sum(n.kind.value == k for n in found)} {k}" for k in kinds)
    report.notes.append(f"9 decided as of {day}: {counts}")
    return report


def main(argv: list[str] | None = None) -> int:
    return worker_main(notify_job, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
