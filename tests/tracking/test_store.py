"""The SQLite tracking store: round trips, baselines, concurrent writers, crashes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest

from urbangov.calendar import WorkCalendar
from urbangov.errors import PluginError, StoreError, TrackingError
from urbangov.plan import Plan, Task
from urbangov.plugins import Plugins
from urbangov.scheduling import schedule
from urbangov.tracking import (
    Baseline,
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    SQLiteStore,
    TrackingLog,
    TrackingStore,
    Withdrawal,
)

D = dt.date
PLAN = Plan(
    "p",
    "Plan",
    D(2021, 4, 5),
    tasks=[
        Task("draft", "Soạn thảo", 5, deadline=D(2021, 4, 9)),
        Task("review", "Thẩm định", 5, depends=["draft"]),
    ],
    calendar=WorkCalendar.mon_fri(),
)


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        (result,) = db.execute("PRAGMA integrity_check").fetchone()
    db.close()
    return str(result)


def test_every_record_kind_round_trips(tmp_path: Path) -> None:
    updates = [
        ProgressUpdate(
            "draft",
            D(2021, 4, 7),
            actual_start=D(2021, 4, 5),
            percent_complete=40,
            remaining_duration=3,
            note="Đã trình",
            reported_by="Sở Nội vụ",
        ),
        ProgressUpdate("draft", D(2021, 4, 9), actual_finish=D(2021, 4, 9), percent_complete=100),
    ]
    requests = [
        ExtensionRequest("e1", "review", D(2021, 4, 12), D(2021, 4, 23), "Chờ", "Sở Tư pháp"),
        ExtensionRequest("e2", "review", D(2021, 4, 13), D(2021, 4, 30)),
    ]
    decisions = [
        ExtensionDecision("e1", D(2021, 4, 13), True, "UBND"),
        ExtensionDecision("e2", D(2021, 4, 14), False),
    ]
    withdrawals = [Withdrawal("review", D(2021, 4, 20), "Giao quận", "UBND")]
    path = tmp_path / "t.sqlite"
    with SQLiteStore(path) as store:
        assert isinstance(store, TrackingStore)
        added = store.append(
            "p", updates=updates, requests=requests, decisions=decisions, withdrawals=withdrawals
        )
        assert added == 7
    with SQLiteStore(path) as store:  # read back from the file, not from memory
        log = store.log("p")
        assert log == TrackingLog(updates, requests, decisions, withdrawals)
        assert store.log("other") == TrackingLog()


def test_records_come_back_in_the_order_they_were_appended(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "t.sqlite") as store:
        # Same report date: the order of recording decides which value is last.
        store.append("p", updates=[ProgressUpdate("draft", D(2021, 4, 7), percent_complete=30)])
        store.append("q", updates=[ProgressUpdate("draft", D(2021, 4, 7), percent_complete=90)])
        store.append("p", updates=[ProgressUpdate("draft", D(2021, 4, 7), percent_complete=50)])
        store.append("p", updates=[ProgressUpdate("draft", D(2021, 4, 6), percent_complete=10)])
        log = store.log("p")
    assert [u.percent_complete for u in log.updates] == [10, 30, 50]
    assert log.progress_on(D(2021, 4, 7))["draft"].percent_complete == 50


def test_an_empty_append_adds_nothing(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "t.sqlite") as store:
        assert store.append("p") == 0
        assert store.log("p") == TrackingLog()


def test_baselines_keep_their_names_and_order(tmp_path: Path) -> None:
    planned = schedule(PLAN)
    first = Baseline.of(planned, "approved", D(2021, 4, 5))
    second = Baseline.of(planned, "revised", D(2021, 4, 1))  # saved later, dated earlier
    third = Baseline.of(planned, "a-last", D(2021, 4, 20))
    path = tmp_path / "t.sqlite"
    with SQLiteStore(path) as store:
        for baseline in (first, second, third):
            store.save_baseline("p", baseline)
        store.save_baseline("other", first)  # another plan may use the same name
    with SQLiteStore(path) as store:
        assert [b.name for b in store.baselines("p")] == ["approved", "revised", "a-last"]
        assert store.baselines("p")[0] == first
        assert store.baselines("other") == [first]
        assert store.baselines("nobody") == []
        with pytest.raises(TrackingError, match="already has a baseline named 'approved'"):
            store.save_baseline("p", Baseline.of(planned, "approved", D(2021, 5, 1)))
        # The refused one changed nothing, and the store still takes writes.
        assert store.baselines("p")[0].saved_on == D(2021, 4, 5)
        store.save_baseline("p", Baseline.of(planned, "fourth", D(2021, 5, 1)))
        assert len(store.baselines("p")) == 4


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    path.write_text("not a database, just text " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match=r"t\.sqlite"):
        SQLiteStore(path)


def test_plugins_open_sqlite_by_default(tmp_path: Path) -> None:
    plugins = Plugins(entry_points=False)
    for location in (
        str(tmp_path / "plain.sqlite"),
        f"sqlite:{tmp_path / 'prefixed.sqlite'}",
        f"sqlite://{tmp_path / 'url.sqlite'}",
    ):
        store = plugins.open_store(location)
        try:
            assert isinstance(store, SQLiteStore)
            store.append("p", updates=[ProgressUpdate("draft", D(2021, 4, 7))])
        finally:
            store.close()
    assert {p.name for p in tmp_path.glob("*.sqlite")} == {
        "plain.sqlite",
        "prefixed.sqlite",
        "url.sqlite",
    }
    with pytest.raises(PluginError, match="no tracking store backend 'postgresql'"):
        plugins.open_store("postgresql://host/db")


# -- many processes --------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import datetime as dt, os, sys, time
    from urbangov.tracking import ProgressUpdate, SQLiteStore

    path, name, batches, size, go = sys.argv[1:6]
    print("ready", flush=True)
    while not os.path.exists(go):  # all writers start together
        time.sleep(0.001)
    store = SQLiteStore(path)
    for b in range(int(batches)):
        store.append(
            "p",
            updates=[
                ProgressUpdate("draft", dt.date(2021, 4, 7), note=f"{name}:{b}:{i}")
                for i in range(int(size))
            ],
        )
        print(b, flush=True)
    store.close()
    """
)


def _writer(path: Path, name: str, batches: int, size: int, go: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), name, str(batches), str(size), str(go)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_writers_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"  # not created yet: the writers race to create it too
    writers, batches, size = 6, 10, 3
    go = tmp_path / "go"
    procs = [_writer(path, f"w{n}", batches, size, go) for n in range(writers)]
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline() == "ready\n"
        go.touch()  # every writer opens the new file and appends at once
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
            assert out.split() == [str(b) for b in range(batches)]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.communicate()
    assert _integrity(path) == "ok"
    with SQLiteStore(path) as store:
        notes = [u.note for u in store.log("p").updates]
    expected = {
        f"w{n}:{b}:{i}" for n in range(writers) for b in range(batches) for i in range(size)
    }
    assert len(notes) == len(expected)
    assert set(notes) == expected
    # Each batch is one transaction: its records are consecutive in the log.
    for n, note in enumerate(notes):
        writer, batch, i = str(note).split(":")
        if i != "0":
            assert notes[n - 1] == f"{writer}:{batch}:{int(i) - 1}"


CRASHER = textwrap.dedent(
    """
    import datetime as dt, sys
    from urbangov.tracking import ProgressUpdate, SQLiteStore

    path, size = sys.argv[1], int(sys.argv[2])
    store = SQLiteStore(path)
    b = 0
    while True:
        store.append(
            "p",
            updates=[
                ProgressUpdate("draft", dt.date(2021, 4, 7), note=f"{b}:{i}:" + "x" * 2000)
                for i in range(size)
            ],
        )
        print(b, flush=True)  # batch b is committed
        b += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_writer_killed_mid_way_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    size = 25
    reported: list[int] = []
    with subprocess.Popen(
        [sys.executable, "-c", CRASHER, str(path), str(size)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        try:
            while len(reported) < 20:
                line = proc.stdout.readline()
                assert line, proc.stderr.read()
                reported.append(int(line))
            time.sleep(0.05)  # the writer goes on: the kill lands in some append
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        # What it printed before it died was committed too; a cut-off line was not.
        rest = proc.stdout.read()
        reported += [int(line) for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    assert proc.returncode == -signal.SIGKILL
    committed = set(reported)

    assert _integrity(path) == "ok"
    with SQLiteStore(path) as store:
        notes = [str(u.note) for u in store.log("p").updates]
        store.append("p", updates=[ProgressUpdate("draft", D(2021, 4, 8), note="after")])
        assert store.log("p").updates[-1].note == "after"  # the store still takes writes
    per_batch = Counter(int(note.split(":")[0]) for note in notes)
    # Every batch reported committed is there; no batch is there in part.
    assert committed <= set(per_batch)
    assert all(count == size for count in per_batch.values()), per_batch
    assert len(notes) % size == 0
    # Batches commit in order: what is there is 0..k, with at most one not yet reported.
    assert sorted(per_batch) == list(range(len(per_batch)))
    assert len(per_batch) - len(committed) <= 1
