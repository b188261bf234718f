"""What every tracking store must do, as pytest tests a backend's authors inherit.

The built-in SQLite store and the PostgreSQL plugin run these same tests; a third
party's backend runs them by subclassing :class:`StoreContract`.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

from urbangov.errors import TrackingError
from urbangov.plan import Plan, Task
from urbangov.scheduling import schedule
from urbangov.tracking import (
    Baseline,
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    TrackingLog,
    TrackingStore,
    Withdrawal,
    import_records,
)

__all__ = ["StoreContract"]

D = dt.date


class StoreContract:
    """The behaviour of a :class:`~urbangov.tracking.TrackingStore`, as pytest tests.

    Subclass it under a name pytest collects and give it a ``location`` fixture: the
    location of a new, empty store, which ``urbangov.plugins.default_plugins()
    .open_store(location)`` opens in this process and in the writer processes the load
    tests start (so the backend's plugin must be installed). Override
    :meth:`integrity_problems` to run the backend's own consistency checks after the
    load and crash tests::

        import pytest
        from urbangov.testing import StoreContract

        class TestMyStore(StoreContract):
            writers, appends_per_writer = 32, 500

            @pytest.fixture
            def location(self, tmp_path):
                return f"mystore://{tmp_path}/db"
    """

    #: Writer processes, and appends each, in :meth:`test_parallel_writers_store_each_record_once`.
    writers: ClassVar[int] = 4
    appends_per_writer: ClassVar[int] = 50

    def open(self, location: str) -> TrackingStore:
        """A connection to the store (as the CLI opens it)."""
        from urbangov.plugins import default_plugins

        return default_plugins().open_store(location)

    def integrity_problems(self, location: str) -> list[str]:
        """What the backend's own integrity checks find wrong (none by default)."""
        return []

    @contextmanager
    def opened(self, location: str) -> Iterator[TrackingStore]:
        store = self.open(location)
        try:
            yield store
        finally:
            store.close()

    # -- records --------------------------------------------------------------------

    def test_every_record_kind_round_trips(self, location: str) -> None:
        log = _sample_log()
        with self.opened(location) as store:
            assert isinstance(store, TrackingStore)
            added = store.append(
                "p",
                updates=log.updates,
                requests=log.requests,
                decisions=log.decisions,
                withdrawals=log.withdrawals,
            )
            assert added == 7
        with self.opened(location) as store:  # read back by a new connection
            assert store.log("p") == log
            assert store.log("other") == TrackingLog()

    def test_records_come_back_in_the_order_they_were_appended(self, location: str) -> None:
        with self.opened(location) as store:
            # Same report date: the order of recording decides which value is last.
            for plan, pct, day in (("p", 30, 7), ("q", 90, 7), ("p", 50, 7), ("p", 10, 6)):
                update = ProgressUpdate("draft", D(2021, 4, day), percent_complete=pct)
                assert store.append(plan, updates=[update]) == 1
            log = store.log("p")
        assert [u.percent_complete for u in log.updates] == [10, 30, 50]
        assert log.progress_on(D(2021, 4, 7))["draft"].percent_complete == 50

    def test_an_empty_append_adds_nothing(self, location: str) -> None:
        with self.opened(location) as store:
            assert store.append("p") == 0
            assert store.log("p") == TrackingLog()

    def test_text_keeps_its_vietnamese_letters(self, location: str) -> None:
        note = "Đã trình Ủy ban nhân dân phường Bến Nghé; 'quote' \"and\" \\ ; DROP"
        with self.opened(location) as store:
            store.append("p", updates=[ProgressUpdate("draft", D(2021, 4, 7), note=note)])
            assert store.log("p").updates[0].note == note

    def test_a_decision_may_answer_a_request_stored_earlier(self, location: str) -> None:
        request = ExtensionRequest("e1", "review", D(2021, 4, 12), D(2021, 4, 23))
        decision = ExtensionDecision("e1", D(2021, 4, 13), True, "UBND")
        with self.opened(location) as store:
            store.append("p", requests=[request])
            assert store.append("p", decisions=[decision]) == 1
            assert store.log("p") == TrackingLog(requests=[request], decisions=[decision])
            assert store.log("p", tasks=["review"]).decisions == (decision,)

    def test_a_decision_on_an_unknown_request_writes_nothing(self, location: str) -> None:
        import pytest

        update = ProgressUpdate("draft", D(2021, 4, 7), percent_complete=10)
        with self.opened(location) as store:
            with pytest.raises(TrackingError, match="unknown extension request 'nope'"):
                store.append(
                    "p",
                    updates=[update],
                    decisions=[ExtensionDecision("nope", D(2021, 4, 7), True)],
                )
            assert store.log("p") == TrackingLog()  # the update of the call is not there
            assert store.append("p", updates=[update]) == 1  # and the store goes on

    # -- client keys ----------------------------------------------------------------

    def test_a_retried_submission_is_stored_once(self, location: str) -> None:
        update = ProgressUpdate("draft", D(2021, 4, 7), percent_complete=40)
        with self.opened(location) as store:
            assert store.append("p", updates=[update], client_key="form-17") == 1
        with self.opened(location) as store:  # the retry comes on a new connection
            assert store.append("p", updates=[update], client_key="form-17") == 0
            assert store.append("p", updates=[update]) == 1  # no key: appended again
            assert store.append("q", updates=[update], client_key="form-17") == 1  # per plan
            assert len(store.log("p").updates) == 2
            assert len(store.log("q").updates) == 1

    def test_a_client_key_used_for_other_records_is_refused(self, location: str) -> None:
        import pytest

        first = ProgressUpdate("draft", D(2021, 4, 7), percent_complete=40)
        other = ProgressUpdate("draft", D(2021, 4, 7), percent_complete=60)
        with self.opened(location) as store:
            store.append("p", updates=[first], client_key="k")
            with pytest.raises(TrackingError, match="client key 'k' was already used"):
                store.append("p", updates=[other], client_key="k")
            assert store.log("p").updates == (first,)

    # -- who wrote what --------------------------------------------------------------

    def test_receipts_say_who_wrote_each_record_and_when(self, location: str) -> None:
        log = _sample_log()
        before = dt.datetime.now(dt.UTC)
        with self.opened(location) as store:
            store.append("p", updates=log.updates, author="ubnd-phuong-ben-nghe")
            store.append("p", requests=log.requests, author="so-noi-vu")
            store.append("p", decisions=log.decisions)  # no author given
            receipts = store.receipts("p")
            assert store.receipts("other") == []
            assert store.receipts("p", tasks=["review"]) == receipts[2:]
        after = dt.datetime.now(dt.UTC)
        assert [(r.kind, r.task, r.dated, r.author) for r in receipts] == [
            ("progress", "draft", D(2021, 4, 7), "ubnd-phuong-ben-nghe"),
            ("progress", "draft", D(2021, 4, 9), "ubnd-phuong-ben-nghe"),
            ("extension_request", "review", D(2021, 4, 12), "so-noi-vu"),
            ("extension_request", "review", D(2021, 4, 13), "so-noi-vu"),
            ("extension_decision", "review", D(2021, 4, 13), None),
            ("extension_decision", "review", D(2021, 4, 14), None),
        ]
        slack = dt.timedelta(seconds=5)  # a server's clock may differ a little
        assert all(before - slack <= r.received_at <= after + slack for r in receipts)
        assert receipts == sorted(receipts, key=lambda r: r.received_at)

    # -- reads that do not load the world -------------------------------------------

    def test_reads_up_to_a_day(self, location: str) -> None:
        log = _sample_log()
        day = D(2021, 4, 12)
        with self.opened(location) as store:
            store.append("p", updates=log.updates, requests=log.requests)
            store.append("p", decisions=log.decisions, withdrawals=log.withdrawals)
            early = store.log("p", as_of=day)
            assert early == TrackingLog(
                [u for u in log.updates if u.reported_on <= day],
                [r for r in log.requests if r.requested_on <= day],
            )
            assert store.log("p", as_of=D(2021, 1, 1)) == TrackingLog()
            assert store.log("p", as_of=D(2030, 1, 1)) == log

    def test_reads_for_some_tasks(self, location: str) -> None:
        log = _sample_log()
        with self.opened(location) as store:
            store.append(
                "p",
                updates=log.updates,
                requests=log.requests,
                decisions=log.decisions,
                withdrawals=log.withdrawals,
            )
            assert store.log("p", tasks=["draft"]) == TrackingLog(log.updates)
            assert store.log("p", tasks=["review"]) == TrackingLog(
                (), log.requests, log.decisions, log.withdrawals
            )
            assert store.log("p", tasks=[]) == TrackingLog()
            assert store.log("p", tasks={"draft", "review", "absent"}) == log
            review = store.log("p", tasks=["review"], as_of=D(2021, 4, 13))
            assert [d.request for d in review.decisions] == ["e1"]

    def test_latest_reads_give_each_task_the_same_picture(self, location: str) -> None:
        log = _random_log(random.Random(20210401), tasks=6, reports=120)
        with self.opened(location) as store:
            for n in range(0, len(log.updates), 7):  # in calls, out of date order
                store.append("p", updates=log.updates[n : n + 7])
            store.append("p", requests=log.requests, decisions=log.decisions)
            for day in (D(2021, 4, 1), D(2021, 4, 9), D(2021, 4, 17), D(2021, 4, 30)):
                for tasks in (None, ["t0", "t3"]):
                    full = store.log("p", as_of=day, tasks=tasks)
                    latest = store.log("p", as_of=day, tasks=tasks, latest=True)
                    assert latest.progress_on(day) == full.progress_on(day)
                    assert (latest.requests, latest.decisions) == (full.requests, full.decisions)
                    assert set(latest.updates) <= set(full.updates)
            kept = store.log("p", latest=True).updates
            assert len(kept) < len(log.updates) / 2  # the history is left out

    def test_import_adds_each_record_once(self, location: str) -> None:
        log = _sample_log()
        with self.opened(location) as store:
            assert import_records(store, "p", log, _readable, author="so-noi-vu") == 7
            assert import_records(store, "p", log, _readable) == 0
            assert store.log("p") == log
            assert {r.author for r in store.receipts("p")} == {"so-noi-vu"}

    def test_an_import_with_a_client_key_and_a_scope(self, location: str) -> None:
        """A form's submission: about one task, checked against that task's records
        inside the write, stored once however often it is sent."""
        seen: list[TrackingLog] = []

        def check(stored: TrackingLog, new: TrackingLog) -> None:
            seen.append(stored)

        first = TrackingLog([ProgressUpdate("draft", D(2021, 4, 7), percent_complete=10)])
        later = TrackingLog([ProgressUpdate("draft", D(2021, 4, 8), percent_complete=20)])
        other = TrackingLog([ProgressUpdate("review", D(2021, 4, 8), percent_complete=5)])
        with self.opened(location) as store:
            assert import_records(store, "p", other, check) == 1
            assert import_records(store, "p", first, check, client_key="f1", tasks=["draft"]) == 1
            assert import_records(store, "p", first, check, client_key="f1", tasks=["draft"]) == 0
            assert import_records(store, "p", later, check, client_key="f2", tasks=["draft"]) == 1
            assert [u.task for u in seen[-1].updates] == ["draft"]  # only the task's records
            assert len(store.log("p").updates) == 3

    # -- baselines ------------------------------------------------------------------

    def test_baselines_keep_their_names_and_order(self, location: str) -> None:
        import pytest

        planned = schedule(_PLAN)
        first = Baseline.of(planned, "approved", D(2021, 4, 5))
        second = Baseline.of(planned, "revised", D(2021, 4, 1))  # saved later, dated earlier
        third = Baseline.of(planned, "a-last", D(2021, 4, 20))
        with self.opened(location) as store:
            for baseline in (first, second, third):
                store.save_baseline("p", baseline)
            store.save_baseline("other", first)  # another plan may use the same name
        with self.opened(location) as store:
            assert [b.name for b in store.baselines("p")] == ["approved", "revised", "a-last"]
            assert store.baselines("p")[0] == first
            assert store.baselines("other") == [first]
            assert store.baselines("nobody") == []
            with pytest.raises(TrackingError, match="already has a baseline named 'approved'"):
                store.save_baseline("p", Baseline.of(planned, "approved", D(2021, 5, 1)))
            assert store.baselines("p")[0].saved_on == D(2021, 4, 5)
            store.save_baseline("p", Baseline.of(planned, "fourth", D(2021, 5, 1)))
            assert len(store.baselines("p")) == 4

    def test_threads_share_one_store(self, location: str) -> None:
        """A server's worker threads share one opened store."""
        from concurrent.futures import ThreadPoolExecutor

        def write(n: int) -> int:
            update = ProgressUpdate("draft", D(2021, 4, 7), note=f"thread:{n}")
            added = store.append("p", updates=[update], client_key=f"t{n}")
            return added + len(store.log("p", latest=True).updates)

        with self.opened(location) as store, ThreadPoolExecutor(8) as pool:
            assert all(found >= 1 for found in pool.map(write, range(64)))
            notes = sorted(str(u.note) for u in store.log("p").updates)
        assert notes == sorted(f"thread:{n}" for n in range(64))

    # -- many processes -------------------------------------------------------------

    def test_parallel_writers_store_each_record_once(self, location: str) -> None:
        """Writers in processes of their own append at once, each retrying some of its
        submissions: every record is there once, in its writer's order."""
        writers, appends = self.writers, self.appends_per_writer
        with self.opened(location) as store:  # created before the writers race
            store.append("setup", updates=[ProgressUpdate("draft", D(2021, 4, 7))])
        procs = [_start(_WRITER, location, f"w{n}", str(appends)) for n in range(writers)]
        try:
            for proc in procs:
                assert proc.stdout is not None
                assert proc.stdout.readline() == "ready\n", proc.communicate()[1]
            go = [proc.stdin for proc in procs]
            for pipe in go:
                assert pipe is not None
                pipe.write("go\n")
                pipe.flush()
            for proc in procs:
                out, err = proc.communicate(timeout=600)
                assert proc.returncode == 0, err
                assert out.split() == ["done", str(appends)]
        finally:
            _reap(procs)
        assert self.integrity_problems(location) == []
        with self.opened(location) as store:
            notes = [str(u.note) for u in store.log("p").updates]
        assert len(notes) == writers * appends
        assert Counter(notes).most_common(1)[0][1] == 1
        for n in range(writers):
            mine = [int(note.split(":")[1]) for note in notes if note.startswith(f"w{n}:")]
            assert mine == list(range(appends))

    def test_a_writer_killed_mid_append_leaves_no_partial_call(self, location: str) -> None:
        size = 25
        reported: list[int] = []
        with self.opened(location) as store:
            store.append("setup", updates=[ProgressUpdate("draft", D(2021, 4, 7))])
        proc = _start(_CRASHER, location, str(size))
        assert proc.stdout is not None
        try:
            assert proc.stdout.readline() == "ready\n", proc.communicate()[1]
            while len(reported) < 20:
                line = proc.stdout.readline()
                assert line, proc.communicate()[1]
                reported.append(int(line))
            time.sleep(0.05)  # the writer goes on: the kill lands in some append
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            # Through the buffer readline used (communicate() reads the pipe itself and
            # would miss lines readline had already taken in): every reported call.
            out = proc.stdout.read()
            proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        reported += [int(line) for line in out.splitlines(keepends=True) if line.endswith("\n")]
        assert self.integrity_problems(location) == []
        with self.opened(location) as store:
            notes = [str(u.note) for u in store.log("p").updates]
            store.append("p", updates=[ProgressUpdate("draft", D(2021, 4, 8), note="after")])
            assert store.log("p").updates[-1].note == "after"  # the store still takes writes
        per_call = Counter(int(note.split(":")[0]) for note in notes)
        assert set(reported) <= set(per_call)  # what was reported committed is there
        assert all(count == size for count in per_call.values()), per_call  # no call in part
        assert sorted(per_call) == list(range(len(per_call)))
        assert len(per_call) - len(set(reported)) <= 1


_PLAN = Plan(
    "p",
    "Plan",
    D(2021, 4, 5),
    tasks=[
        Task("draft", "Soạn thảo", 5, deadline=D(2021, 4, 9)),
        Task("review", "Thẩm định", 5, depends=["draft"]),
    ],
    calendar="mon-fri",
)


def _sample_log() -> TrackingLog:
    return TrackingLog(
        [
            ProgressUpdate(
                "draft",
                D(2021, 4, 7),
                actual_start=D(2021, 4, 5),
                percent_complete=40,
                remaining_duration=3,
                note="Đã trình",
                reported_by="Sở Nội vụ",
            ),
            ProgressUpdate(
                "draft", D(2021, 4, 9), actual_finish=D(2021, 4, 9), percent_complete=100
            ),
        ],
        [
            ExtensionRequest("e1", "review", D(2021, 4, 12), D(2021, 4, 23), "Chờ", "Sở Tư pháp"),
            ExtensionRequest("e2", "review", D(2021, 4, 13), D(2021, 4, 30)),
        ],
        [
            ExtensionDecision("e1", D(2021, 4, 13), True, "UBND"),
            ExtensionDecision("e2", D(2021, 4, 14), False),
        ],
        [Withdrawal("review", D(2021, 4, 20), "Giao quận", "UBND")],
    )


def _random_log(rng: random.Random, *, tasks: int, reports: int) -> TrackingLog:
    """Reports giving some fields each, on random days of April 2021 (not in order)."""
    updates = []
    for _ in range(reports):
        day = D(2021, 4, rng.randint(2, 30))
        finished = rng.random() < 0.1
        updates.append(
            ProgressUpdate(
                f"t{rng.randrange(tasks)}",
                day,
                actual_start=D(2021, 4, 1) if rng.random() < 0.3 else None,
                actual_finish=day if finished else None,
                percent_complete=100 if finished else rng.choice([None, rng.randint(0, 99)]),
                remaining_duration=rng.choice([None, rng.randint(0, 20)]),
                note=rng.choice([None, f"ghi chú {rng.randint(0, 9)}"]),
                reported_by=rng.choice([None, "UBND phường", "Sở Nội vụ"]),
            )
        )
    requests = [ExtensionRequest("e1", "t1", D(2021, 4, 5), D(2021, 5, 5))]
    decisions = [ExtensionDecision("e1", D(2021, 4, 12), True)]
    return TrackingLog(updates, requests, decisions)


def _readable(stored: TrackingLog, new: TrackingLog) -> None:
    stored.extended(new.updates, new.requests, new.decisions, new.withdrawals)


_WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from urbangov.plugins import default_plugins
    from urbangov.tracking import ProgressUpdate

    location, name, appends = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = default_plugins().open_store(location)
    print("ready", flush=True)
    sys.stdin.readline()  # every writer starts at once
    for n in range(appends):
        update = ProgressUpdate("draft", dt.date(2021, 4, 7), note=f"{name}:{n}")
        assert store.append("p", updates=[update], client_key=f"{name}/{n}") == 1
        if n % 7 == 0:  # a retry, as after a dropped connection: stored once
            assert store.append("p", updates=[update], client_key=f"{name}/{n}") == 0
    store.close()
    print("done", appends, flush=True)
    """
)

_CRASHER = textwrap.dedent(
    """
    import datetime as dt, sys
    from urbangov.plugins import default_plugins
    from urbangov.tracking import ProgressUpdate

    location, size = sys.argv[1], int(sys.argv[2])
    store = default_plugins().open_store(location)
    print("ready", flush=True)
    n = 0
    while True:
        store.append(
            "p",
            updates=[
                ProgressUpdate("draft", dt.date(2021, 4, 7), note=f"{n}:{i}:" + "x" * 2000)
                for i in range(size)
            ],
            client_key=f"call-{n}",
        )
        print(n, flush=True)  # call n is committed
        n += 1
    """
)


def _start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _reap(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
