"""The web page under load: concurrent signed-in clients on 127.0.0.1.

    .venv/bin/python -m benchmarks.web [--quick] [--out FILE]

The urbangov-web app serves the HCMC example (its 288 tasks, the organisation and the
reporting policy) over a SQLite store, in a uvicorn process of its own, as ``urbangov
serve`` runs it. 50 clients (threads, one HTTP connection each) sign in once and then,
for 30 seconds (10 with ``--quick``), each in turn: read the status as JSON
(``GET /api/status``, 7 in 10 requests), open the progress form (``GET /report``, 2 in
10) and send a progress report (``POST /report`` with its CSRF token and client key, 1
in 10). Printed: requests per second, and the median and 95th percentile latency of
each kind. There is no floor in the issue; the table is the record. The plugin is
taken from this checkout.
"""

from __future__ import annotations

import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._measure import Report, Row, worker_main  # noqa: E402

__all__ = ["main", "web_job"]

CLIENTS = 50
WARDS = ("ubnd-ben-nghe", "ubnd-ben-thanh")
SERVER = """
import sys
from pathlib import Path
import uvicorn
from urbangov.plugins import default_plugins
from urbangov_web import create_app, load_accounts, load_site_files

plan_file, store_location, accounts_file, port = sys.argv[1:5]
plan, organisation = load_site_files(Path(plan_file))
store = default_plugins().open_store(store_location)
app = create_app(plan, store, load_accounts(Path(accounts_file)), organisation=organisation)
uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")
"""


def web_job(quick: bool) -> Report:
    report = Report()
    try:
        import httpx2  # noqa: F401
        import starlette  # noqa: F401
    except ImportError:
        report.notes.append("web: skipped (pip install -e '.[test]' brings starlette, httpx2)")
        return report
    seconds = 10.0 if quick else 30.0
    example = ROOT / "examples" / "hcmc-2021"
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        env = os.environ | {
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT / "plugins" / "urbangov-web" / "src"), str(ROOT / "src")]
            )
        }
        args = [str(example / "plan.toml"), str(Path(folder) / "store.sqlite")]
        args += [str(example / "accounts.toml"), str(port)]
        with subprocess.Popen(
            [sys.executable, "-c", SERVER, *args], env=env, stderr=subprocess.PIPE, text=True
        ) as server:
            try:
                base = f"http://127.0.0.1:{port}"
                _wait(base, server)
                times, failures = _load(base, seconds)
            finally:
                server.terminate()
                server.communicate(timeout=20)
    total = sum(len(found) for found in times.values())
    report.rows.append(
        Row(
            "13",
            f"{CLIENTS} clients, all requests",
            f"{seconds:g} s",
            total / seconds,
            unit="/s",
            reps=total,
            note=f"{failures} failed" if failures else "",
            ok=None if not failures else False,
        )
    )
    for kind, found in times.items():
        if not found:
            continue
        found.sort()
        p95 = found[int(0.95 * (len(found) - 1))]
        report.rows.append(
            Row(
                "13",
                f"{kind}: median (p95 as max)",
                f"{len(found):,} requests",
                statistics.median(found),
                low=found[0],
                high=p95,
                reps=len(found),
            )
        )
    report.notes.append(
        f"web: min-max column shows fastest - 95th percentile; {CLIENTS} clients, one "
        "uvicorn process, SQLite store, the HCMC example with its reporting policy"
    )
    return report


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait(base: str, server: subprocess.Popen[str]) -> None:
    import httpx2

    give_up = time.monotonic() + 60
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {server.communicate()[1]}")
        try:
            httpx2.get(f"{base}/login", timeout=2)
            return
        except httpx2.HTTPError:
            if time.monotonic() > give_up:
                raise
            time.sleep(0.1)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    if found is None:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1)


def _load(base: str, seconds: float) -> tuple[dict[str, list[float]], int]:
    import httpx2

    times: dict[str, list[float]] = {"GET /api/status": [], "GET /report": [], "POST /report": []}
    failures = [0]
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS + 1)
    stop_at = [0.0]

    def client(n: int) -> None:
        rng = random.Random(n)
        account = WARDS[n % len(WARDS)]
        with httpx2.Client(base_url=base, timeout=60) as http:
            page = http.get("/login").text
            http.post(
                "/login",
                data={"csrf": _csrf(page), "account": account, "password": "minh-hoa-2021"},
            )
            form = http.get("/report").text
            task = re.search(r'<option value="([^"]+)"', form)
            if task is None:
                raise RuntimeError(f"{account} sees no task to report on")
            start.wait()
            sent = 0
            while time.monotonic() < stop_at[0]:
                draw = rng.random()
                began = time.perf_counter()
                if draw < 0.7:
                    kind, answer = "GET /api/status", http.get("/api/status")
                elif draw < 0.9:
                    kind, answer = "GET /report", http.get("/report")
                else:
                    sent += 1
                    kind = "POST /report"
                    answer = http.post(
                        "/report",
                        data={
                            "csrf": _csrf(form),
                            "client_key": f"{n}-{sent}",
                            "task": task.group(1),
                            "reported_on": "2021-06-14",
                            "actual_start": "2021-06-01",
                            "percent_complete": str(rng.randint(1, 99)),
                        },
                    )
                took = time.perf_counter() - began
                with lock:
                    times[kind].append(took)
                    failures[0] += answer.status_code != 200

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.monotonic() + seconds + 1e9  # set for real once all are signed in
    start.wait()
    stop_at[0] = time.monotonic() + seconds
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return times, failures[0]


def main(argv: list[str] | None = None) -> int:
    return worker_main(web_job, __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())
