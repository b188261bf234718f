"""A small plan, an organisation with contacts, and loopback servers for the channels."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import http.server
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from urbangov.config import Config, config_from_dict
from urbangov.hierarchy import Hierarchy, Organisation
from urbangov.io import organisation_from_dict, shipped_hierarchy
from urbangov.meetings import Programme
from urbangov.plan import Plan, Task
from urbangov.tracking import StatusReport, TrackingLog, status_report

WARD = "hcmc/thu-duc/thao-dien"
WARD_CHAIR = f"{WARD}/people_committee/chair"
DEADLINE = dt.date(2021, 6, 30)  # a Wednesday
SECRET = "khoa-bi-mat-webhook"


@functools.cache
def hcmc() -> Hierarchy:
    return shipped_hierarchy("hcmc")


def organisation(
    webhook: str = "http://127.0.0.1:9/hook", email: str = "a@thaodien.example"
) -> Organisation:
    """Thảo Điền's chair (reachable by e-mail and webhook), Thủ Đức's and the City's
    chairs (by e-mail), a vice-chair post nobody holds, and the Sở Nội vụ."""
    data: dict[str, Any] = {
        "organs": [
            {
                "id": "hcmc/so-noi-vu",
                "unit": "hcmc",
                "kind": "specialised_agency",
                "name": "Sở Nội vụ",
            }
        ],
        "posts": [
            {
                "id": "hcmc/so-noi-vu/director",
                "organ": "hcmc/so-noi-vu",
                "title": "Giám đốc Sở Nội vụ",
                "role": "director",
                "contacts": {"email": "snv@hcmc.example"},
            },
            {
                "id": f"{WARD}/people_committee/vice_chair",
                "organ": f"{WARD}/people_committee",
                "title": "Phó Chủ tịch UBND phường Thảo Điền",
                "role": "vice_chair",
            },
        ],
        "people": [
            {"id": "nguoi-a", "name": "Người A", "contacts": {"email": email, "webhook": webhook}},
            {"id": "nguoi-d", "name": "Người D", "contacts": {"email": "d@thuduc.example"}},
            {"id": "nguoi-e", "name": "Người E", "contacts": {"email": "e@hcmc.example"}},
        ],
        "appointments": [
            {"person": "nguoi-a", "post": WARD_CHAIR, "from": "2021-01-01"},
            {
                "person": "nguoi-d",
                "post": "hcmc/thu-duc/people_committee/chair",
                "from": "2021-01-22",
            },
            {"person": "nguoi-e", "post": "hcmc/people_committee/chair", "from": "2020-01-01"},
        ],
    }
    return organisation_from_dict(data, hcmc())


def plan() -> Plan:
    """``ward`` led by Thảo Điền's committee, ``city`` by the Sở Nội vụ (nobody holds its
    director post), ``big`` (at risk early on), and a monthly meeting on the 25th; its
    reports in English."""
    tasks = [
        Task(
            "ward",
            "Rà soát công chức phường",
            3,
            deadline=DEADLINE,
            lead=f"{WARD}/people_committee",
        ),
        Task("city", "Tổng hợp báo cáo", 2, deadline=DEADLINE, lead="hcmc/so-noi-vu"),
        Task("big", "Số hoá hồ sơ", 20, deadline=DEADLINE, lead=f"{WARD}/people_committee"),
    ]
    meeting = Programme(
        "giao-ban", f"{WARD}/people_committee", "Giao ban phường", "monthly", dt.date(2021, 6, 25)
    )
    return Plan(
        "p", "Kế hoạch mẫu", dt.date(2021, 6, 1), tasks=tasks, meetings=[meeting], lang="en"
    )


def status(day: dt.date, log: TrackingLog | None = None) -> StatusReport:
    return status_report(plan(), log or TrackingLog(), day)


def config(**plugins: dict[str, Any]) -> Config:
    return config_from_dict({"plugins": plugins}, environ={"HOOK_SECRET": SECRET})


# -- an HTTP receiver on loopback ---------------------------------------------------------


class Receiver:
    """What the webhook server got: every request, and the items by key (deduplicated)."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.fail_next = 0
        self.delay = 0.0
        self.lock = threading.Lock()

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(body) for _, body in self.requests]

    def keys(self) -> list[str]:
        return [item["key"] for body in self.bodies() for item in body["items"]]


def verified(headers: dict[str, str], body: bytes, secret: str = SECRET) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers.get("X-Urbangov-Signature", ""), expected)


@contextmanager
def http_receiver() -> Iterator[tuple[str, Receiver]]:
    """A real HTTP server in a thread; ``receiver.fail_next`` answers 500 that many times
    (recording nothing), ``receiver.delay`` sleeps between recording and answering."""
    receiver = Receiver()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with receiver.lock:  # recorded on arrival, as a receiver that dedupes would
                failing = receiver.fail_next > 0
                receiver.fail_next -= failing
                if not failing:
                    receiver.requests.append((dict(self.headers.items()), body))
            time.sleep(receiver.delay)
            self.send_response(500 if failing else 204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", receiver
    finally:
        server.shutdown()
        server.server_close()
