"""Who would be reminded of what, as of a date: a dry run of the HCMC plan's notifications.

    python examples/hcmc-2021/reminders.py [YYYY-MM-DD]      (default 2021-06-21)

The same as ``urbangov notify examples/hcmc-2021/plan.toml --as-of 2021-06-21
--progress examples/hcmc-2021/progress-2021-06-14.csv --channel email --dry-run``:
the default rules (reminders 5 and 1 working days before a deadline and on the day,
repeats every 5 working days while overdue, one level up the chain every 10, at-risk
alerts, meeting reminders 2 working days ahead), one digest per recipient, nothing
sent and nothing recorded. The progress is ILLUSTRATIVE (see the CSV), and so are the
people and their addresses in ``organisation.toml`` (fictional placeholders).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from urbangov.io import hierarchy_of, load_plan, load_progress, organisation_of
from urbangov.notify import Rules, SQLiteLedger, deliver, plan_notifications
from urbangov.plugins import Plugins
from urbangov.tracking import status_report

HERE = Path(__file__).resolve().parent


def main() -> None:
    day = dt.date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else dt.date(2021, 6, 21)
    plan = load_plan(HERE / "plan.toml")  # t09 is cascaded to the 249 phường
    log = load_progress(HERE / "progress-2021-06-14.csv", plan)
    organisation = organisation_of(plan, hierarchy_of(plan))
    # This script prints in English, so its notifications are decided in English too; a
    # run without `lang` speaks the plan's language (Vietnamese for this plan).
    lang = "en"
    status = status_report(plan, log, day)
    found = plan_notifications(plan, status, organisation, Rules(), day, lang=lang)

    kinds = Counter(n.kind.value.replace("_", " ") for n in found)
    recipients = {n.recipient.key for n in found}
    print(f"As of {day}: {len(found)} notification(s) for {len(recipients)} recipient(s)")
    print("  " + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())))

    email = Plugins(entry_points=False).notifier("email")
    with SQLiteLedger(":memory:", read_only=True) as ledger:  # a dry run: nothing kept
        report = deliver(
            found,
            [email],
            ledger,
            plan_id=plan.id,
            plan_title=plan.title,
            as_of=day,
            dry_run=True,
            lang=lang,
        )
    missed = report.unreachable.get("email", ())
    print(f"By e-mail: {len(report.deliveries)} digest(s); {len(missed)} without an address")
    for delivery in report.deliveries:
        digest = delivery.digest
        print(f"\n--- To: {digest.address}\nSubject: {digest.subject}\n")
        print(digest.text(), end="")


if __name__ == "__main__":
    main()
