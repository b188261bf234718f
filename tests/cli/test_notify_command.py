"""``urbangov notify`` as a user types it, and killed in the middle of a run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.examples import HCMC_DIR
from tests.notify.sample import SECRET, http_receiver, verified

ROOT = Path(__file__).resolve().parents[2]
HCMC = HCMC_DIR
PEOPLE = 24


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "urbangov", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=env,
    )


def _write_plan(folder: Path, webhook: str) -> Path:
    """``PEOPLE`` tasks due 2021-06-30, each answered for by its own person, reached
    by webhook (and, for the first, by e-mail)."""
    people = "".join(
        f'[[people]]\nid = "p{i:02d}"\nname = "Người {i:02d}"\n'
        f'contacts = {{ webhook = "{webhook}"'
        + (', email = "p00@example.org"' if i == 0 else "")
        + " }\n\n"
        for i in range(PEOPLE)
    )
    (folder / "organisation.toml").write_text(people, encoding="utf-8")
    tasks = "".join(
        f'[[tasks]]\nid = "t{i:02d}"\ntitle = "Nhiệm vụ {i:02d}"\nduration = 2\n'
        f'deadline = 2021-06-30\naccountable = "p{i:02d}"\n\n'
        for i in range(PEOPLE)
    )
    plan = folder / "plan.toml"
    plan.write_text(
        '[plan]\nid = "crash"\ntitle = "Crash"\nstart = 2021-06-01\ncalendar = "vn"\n'
        'hierarchy = "hcmc"\norganisation = "organisation.toml"\n\n' + tasks,
        encoding="utf-8",
    )
    return plan


def _config(folder: Path) -> Path:
    path = folder / "urbangov.toml"
    path.write_text(
        '[notify]\nchannels = ["webhook"]\nbefore = [3]\n\n'
        '[plugins.webhook]\nsecret = { "$env" = "HOOK_SECRET" }\ntimeout = 10\n'
        "allow_private = true\n",
        encoding="utf-8",
    )
    return path


def _env(folder: Path) -> dict[str, str]:
    return os.environ | {"HOOK_SECRET": SECRET, "URBANGOV_CONFIG": str(_config(folder))}


def test_dry_run_prints_the_hcmc_reminders_and_writes_nothing(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    done = run(
        "notify",
        str(HCMC / "plan.toml"),
        "--as-of",
        "2021-06-21",
        "--progress",
        str(HCMC / "progress-2021-06-14.csv"),
        "--ledger",
        str(ledger),
        "--dry-run",
    )
    assert done.returncode == 0, done.stderr
    assert "--- sẽ gửi qua console đến Người giữ chức D (minh hoạ)" in done.stdout  # vi
    assert (
        "Sơ kết quý việc thực hiện tổ chức chính quyền đô thị: 21/06/2021 14:00\u201317:00"
        in done.stdout
    )
    assert "notify: console: sẽ gửi" in done.stderr
    assert not ledger.exists()


def test_console_sends_once_and_remembers(tmp_path: Path) -> None:
    with http_receiver() as (url, _):
        plan = _write_plan(tmp_path, url)
    first = run("notify", str(plan), "--as-of", "2021-06-30", "--channel", "console")
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("To: Người ") == PEOPLE
    assert f"notify: console: đã gửi {PEOPLE} bản tin" in first.stderr
    assert (tmp_path / "plan.notify.sqlite").exists()
    again = run("notify", str(plan), "--as-of", "2021-06-30", "--channel", "console")
    assert again.stdout == ""
    assert "notify: console: " not in again.stderr  # nothing left to send


def test_bad_input_is_one_line_and_exit_status_2(tmp_path: Path) -> None:
    plan = _write_plan(tmp_path, "http://127.0.0.1:9/")
    done = run("notify", str(plan), "--as-of", "2021-06-30", "--channel", "pigeon")
    assert done.returncode == 2
    assert done.stderr.startswith("error: unknown notification channel 'pigeon' (available: ")
    (tmp_path / "bad.toml").write_text("[notify]\nbefore = [0]\n", encoding="utf-8")
    done = run("--config", str(tmp_path / "bad.toml"), "notify", str(plan), "--as-of", "2021-06-30")
    assert done.returncode == 2
    assert done.stderr == (
        f"error: {tmp_path / 'bad.toml'}: notify: expected whole numbers of working days "
        "of 1 or more, got (0,)\n"
    )


def test_a_failed_channel_exits_1_and_the_secret_is_never_printed(tmp_path: Path) -> None:
    plan = _write_plan(tmp_path, "http://127.0.0.1:9/hook")  # nothing listens there
    env = _env(tmp_path)
    done = run("notify", str(plan), "--as-of", "2021-06-30", env=env)
    assert done.returncode == 1
    assert (
        f"notify: webhook: đã gửi 0 bản tin, {PEOPLE} lỗi (gửi lại ở lần chạy sau)" in done.stderr
    )
    assert SECRET not in done.stderr + done.stdout


def test_killed_mid_run_then_rerun_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    with http_receiver() as (url, receiver):
        plan = _write_plan(tmp_path, url)
        env = _env(tmp_path)
        ledger = tmp_path / "ledger.sqlite"
        args = [sys.executable, "-m", "urbangov", "notify", str(plan), "--as-of", "2021-06-30"]
        args += ["--ledger", str(ledger)]
        receiver.delay = 0.3
        process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while len(receiver.requests) < 5 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)  # mid-run: a request in flight
        process.communicate()
        assert process.returncode == -signal.SIGKILL
        arrived = len(receiver.requests)
        assert 5 <= arrived < PEOPLE

        receiver.delay = 0
        rerun = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        assert rerun.returncode == 0, rerun.stderr
        third = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        assert "webhook: đã gửi" not in third.stderr  # nothing left

    dry = run(
        "notify",
        str(plan),
        "--as-of",
        "2021-06-30",
        "--ledger",
        str(tmp_path / "x.sqlite"),
        "--dry-run",
        env=env,
    )
    expected = dry.stdout.count("--- sẽ gửi qua webhook")
    assert expected == PEOPLE
    assert all(verified(headers, body) for headers, body in receiver.requests)
    keys = receiver.keys()
    bodies = receiver.bodies()
    # Nothing lost: every recipient's digest arrived; every item key at least once.
    assert {b["recipient"]["key"] for b in bodies} == {f"person:p{i:02d}" for i in range(PEOPLE)}
    # At least once: only the digest in flight when the process died may come twice,
    # with the same item keys, so that a receiver that drops seen keys sees each once.
    twice = {key for key in keys if keys.count(key) > 1}
    print(f"crash: {arrived} arrived before the kill, {len(bodies)} in all, resent {sorted(twice)}")
    assert len(bodies) - len({b["recipient"]["key"] for b in bodies}) <= 1
    in_flight = [b for b in bodies if {i["key"] for i in b["items"]} & twice]
    assert len({b["recipient"]["key"] for b in in_flight}) <= 1
    assert len(set(keys)) == sum(len(b["items"]) for b in bodies) - sum(
        keys.count(k) - 1 for k in twice
    )

    import sqlite3

    states = sqlite3.connect(ledger).execute(
        "SELECT state, count(*) FROM deliveries GROUP BY state"
    )
    assert dict(states.fetchall()) == {"sent": len(set(keys))}
    json.dumps(bodies)  # they were JSON


def test_json_is_the_machine_contract_of_a_run(tmp_path: Path) -> None:
    plan = _write_plan(tmp_path, "http://127.0.0.1:9/unused")
    done = run("notify", str(plan), "--as-of", "2021-06-28", "--dry-run", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # the summary is in the JSON, not on stderr
    data = json.loads(done.stdout)
    assert list(data) == [
        "plan",
        "as_of",
        "decided",
        "dry_run",
        "ok",
        "deliveries",
        "unreachable",
        "channel_errors",
    ]
    assert (data["plan"], data["as_of"], data["dry_run"], data["ok"]) == (
        "crash",
        "2021-06-28",
        True,
        True,
    )
    digests = data["deliveries"]
    assert {d["channel"] for d in digests} == {"console"}
    assert len(digests) == PEOPLE  # one digest per person
    assert sum(len(d["digest"]["items"]) for d in digests) == data["decided"]
    assert not any(d["sent"] for d in digests)  # a dry run sends nothing
    assert not (tmp_path / "plan.notify.sqlite").exists()
