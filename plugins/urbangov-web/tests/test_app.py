"""The app through an HTTP client: sign-in, CSRF, the form, the policy, the JSON API."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from urbangov_web import Account, Accounts, create_app, load_accounts

from conftest import BEN_NGHE, BEN_THANH, PASSWORD, TOKEN
from urbangov.errors import ConfigError
from urbangov.plan import Plan, Task
from urbangov.tracking import SQLiteStore


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def _sign_in(client: TestClient, account: str = "ben-nghe", password: str = PASSWORD) -> str:
    page = client.get("/login").text
    done = client.post(
        "/login", data={"csrf": _csrf(page), "account": account, "password": password}
    )
    assert done.status_code == 200, done.text  # followed to /report
    return done.text


def test_pages_need_a_sign_in_and_a_wrong_password_is_refused(client: TestClient) -> None:
    for path in ("/report", "/status", "/gantt"):
        assert client.get(path, follow_redirects=False).headers["location"] == "/login"
    page = client.get("/login").text
    assert "<title>Theo dõi thực hiện kế hoạch" in page  # the plan's language
    wrong = client.post(
        "/login", data={"csrf": _csrf(page), "account": "ben-nghe", "password": "sai"}
    )
    assert wrong.status_code == 401
    assert "Tài khoản hoặc mật khẩu không đúng." in wrong.text
    nobody = client.post(
        "/login", data={"csrf": _csrf(page), "account": "nobody", "password": PASSWORD}
    )
    assert nobody.status_code == 401
    forged = client.post("/login", data={"account": "ben-nghe", "password": PASSWORD})
    assert forged.status_code == 403  # no CSRF token: refused
    assert client.get("/login?lang=en").text.count("Sign in") >= 2


def test_a_ward_reports_on_its_own_task_once(client: TestClient, store: SQLiteStore) -> None:
    page = _sign_in(client)
    assert f'<option value="{BEN_NGHE}">' in page
    assert BEN_THANH not in page  # only the forms for what it may write
    key = re.search(r'name="client_key" value="([^"]+)"', page)
    assert key is not None
    form = {
        "csrf": _csrf(page),
        "client_key": key.group(1),
        "task": BEN_NGHE,
        "reported_on": "2021-06-14",
        "percent_complete": "40",
        "actual_start": "2021-06-01",
        "note": "<b>Đã</b> rà soát",
    }
    done = client.post("/report", data=form)
    assert done.status_code == 200
    assert f"Đã ghi nhận báo cáo của nhiệm vụ <code>{BEN_NGHE}</code>" in done.text
    again = client.post("/report", data=form)  # a double click
    assert "đã được ghi nhận trước đó" in again.text
    [update] = store.log("hcmc-2021-chinh-quyen-do-thi").updates
    assert (update.percent_complete, update.note) == (40, "<b>Đã</b> rà soát")
    [receipt] = store.receipts("hcmc-2021-chinh-quyen-do-thi")
    assert receipt.author == "ben-nghe"
    status = client.get("/api/status").json()
    [mine] = [t for t in status["tasks"] if t["task"] == BEN_NGHE]
    assert mine["progress"] == 40


def test_another_wards_task_is_refused_and_nothing_is_written(
    client: TestClient, store: SQLiteStore
) -> None:
    page = _sign_in(client, "ben-thanh")
    form = {"csrf": _csrf(page), "task": BEN_NGHE, "reported_on": "2021-06-14",
            "percent_complete": "90"}  # fmt: skip
    refused = client.post("/report", data=form)
    assert refused.status_code == 403
    assert "may not write the progress report of 2021-06-14" in refused.text
    bad = client.post("/report", data={**form, "task": BEN_THANH, "reported_on": "2021-02-30"})
    assert bad.status_code == 422
    assert "reported_on: &#39;2021-02-30&#39; is not a date" in bad.text
    no_token = client.post("/report", data={**form, "task": BEN_THANH, "csrf": "forged"})
    assert no_token.status_code == 403
    assert store.log("hcmc-2021-chinh-quyen-do-thi").updates == ()


def test_the_json_api_follows_the_same_rules(client: TestClient, store: SQLiteStore) -> None:
    bearer = {"Authorization": f"Bearer ben-nghe:{TOKEN}"}
    body = {"task": BEN_NGHE, "reported_on": "2021-06-14", "percent_complete": 55,
            "actual_start": "2021-06-01", "client_key": "api-1"}  # fmt: skip
    assert client.post("/api/progress", json=body).status_code == 401
    wrong = {"Authorization": "Bearer ben-nghe:not-the-token"}
    assert client.post("/api/progress", json=body, headers=wrong).status_code == 401
    unstarted = {k: v for k, v in body.items() if k != "actual_start"} | {"client_key": "api-0"}
    refused = client.post("/api/progress", json=unstarted, headers=bearer)
    assert refused.status_code == 422  # it would stop the status from being computed
    assert "but not when it started (actual_start)" in refused.json()["error"]
    first = client.post("/api/progress", json=body, headers=bearer)
    assert (first.status_code, first.json()) == (201, {"added": 1, "task": BEN_NGHE})
    retried = client.post("/api/progress", json=body, headers=bearer)
    assert (retried.status_code, retried.json()["added"]) == (200, 0)
    other = client.post("/api/progress", json={**body, "task": BEN_THANH, "client_key": "api-2"},
                        headers=bearer)  # fmt: skip
    assert other.status_code == 403
    assert "nor an organ it handed the task to" in other.json()["error"]
    late = {**body, "client_key": "api-3", "percent_complete": 101}
    assert client.post("/api/progress", json=late, headers=bearer).status_code == 422
    nokey = {k: v for k, v in body.items() if k != "client_key"}
    assert "client_key" in client.post("/api/progress", json=nokey, headers=bearer).text
    assert client.get("/api/status", headers=bearer).status_code == 200
    assert len(store.log("hcmc-2021-chinh-quyen-do-thi").updates) == 1


def test_status_and_gantt_pages_come_from_the_store(client: TestClient) -> None:
    _sign_in(client)
    status = client.get("/status")
    assert status.status_code == 200
    assert status.headers["x-frame-options"] == "DENY"
    assert "Kế hoạch triển khai" in status.text
    gantt = client.get("/gantt?lang=en")
    assert gantt.status_code == 200
    assert '<html lang="en"' in gantt.text


def test_everything_written_into_a_page_is_escaped(tmp_path: Path, accounts: Accounts) -> None:
    evil = '<script>alert("x")</script>'
    plan = Plan("p", evil, dt.date(2021, 6, 1), tasks=[Task("t1", evil, 3)])
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        app = create_app(plan, store, accounts, secret_key="test")  # no organisation: no policy
        with TestClient(app, base_url="http://127.0.0.1") as client:
            page = _sign_in(client)
            assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
            assert evil not in page
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)


def test_the_examples_accounts_sign_in(tmp_path: Path) -> None:
    from conftest import EXAMPLE

    accounts = load_accounts(EXAMPLE / "accounts.toml")
    ward = accounts.signed_in("ubnd-ben-nghe", "minh-hoa-2021")
    assert ward is not None
    assert ward.acts_as == "hcmc/quan-1/ben-nghe/people_committee"
    assert accounts.signed_in("ubnd-ben-nghe", "wrong") is None
    assert accounts.bearer("ubnd-quan-1", "token-minh-hoa") is not None


def test_a_bad_accounts_file_says_where(tmp_path: Path) -> None:
    path = tmp_path / "accounts.toml"
    for text, message in (
        ('[[accounts]]\nid = "a"\n', "accounts[0]: 'acts_as' is required"),
        ('[[accounts]]\nid = "a"\nacts_as = "x"\nrole = "admin"\n', "unknown key 'role'"),
        ('[[accounts]]\nid = "a"\nacts_as = "x"\n[[accounts]]\nid = "a"\nacts_as = "y"\n',
         "accounts[1]: account 'a' twice"),
        ("accounts = 3\n", "no [[accounts]] entries"),
        ("[[accounts]\n", "cannot read the accounts"),
    ):  # fmt: skip
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=re.escape(message)):
            load_accounts(path)


def test_overdue_and_meetings_pages(client: TestClient) -> None:
    _sign_in(client)
    overdue = client.get("/overdue")
    assert overdue.status_code == 200
    assert "Số liệu đến ngày 2021-06-14" in overdue.text  # the example's day
    assert '<table id="overdue">' in overdue.text
    meetings = client.get("/meetings?lang=en")
    assert meetings.status_code == 200
    assert meetings.text.count('<section class="meeting">') >= 1
    assert "Overdue" in meetings.text


def test_the_ward_asks_and_its_district_decides(
    client: TestClient, accounts: Accounts, store: SQLiteStore
) -> None:
    page = _sign_in(client)
    ask = client.get("/extensions").text
    assert "Không có đề nghị gia hạn nào chờ tài khoản này quyết định." in ask
    form = {"csrf": _csrf(ask), "client_key": "ask-1", "action": "request", "task": BEN_NGHE,
            "requested_on": "2021-06-10", "new_deadline": "2021-07-15",
            "reason": "Chờ hồ sơ"}  # fmt: skip
    assert client.post("/extensions", data=form).status_code == 200
    assert client.post("/extensions", data=form).status_code == 200  # a retry
    [request] = store.log("hcmc-2021-chinh-quyen-do-thi").requests
    assert (request.id, request.task) == ("web-ask-1", BEN_NGHE)
    # The ward may not decide its own request, even by forging the form.
    forged = {"csrf": _csrf(page), "client_key": "d-0", "action": "approve",
              "request": request.id, "decided_on": "2021-06-14"}  # fmt: skip
    refused = client.post("/extensions", data=forged)
    assert refused.status_code == 403
    assert "only the body that assigned the task" in refused.text
    # Its district (Quận 1's committee) sees the request and approves it.
    district = Account(
        "quan-1", "hcmc/quan-1/people_committee", "UBND Quận 1",
        accounts.by_id["ben-nghe"].password_hash,
    )  # fmt: skip
    client.app.state.site.accounts = Accounts({**accounts.by_id, "quan-1": district})
    client.post("/logout", data={"csrf": _csrf(client.get("/report").text)})
    _sign_in(client, "quan-1")
    pending = client.get("/extensions").text
    assert 'name="request" value="web-ask-1"' in pending
    decided = client.post("/extensions", data={**forged, "csrf": _csrf(pending)})
    assert decided.status_code == 200, decided.text
    [decision] = store.log("hcmc-2021-chinh-quyen-do-thi").decisions
    assert decision.approved
    assert [r.author for r in store.receipts("hcmc-2021-chinh-quyen-do-thi")] == [
        "ben-nghe",
        "quan-1",
    ]


def test_extensions_through_the_api(client: TestClient) -> None:
    ward = {"Authorization": f"Bearer ben-nghe:{TOKEN}"}
    ask = {"action": "request", "task": BEN_NGHE, "requested_on": "2021-06-10",
           "new_deadline": "2021-07-15", "client_key": "api-ask"}  # fmt: skip
    asked = client.post("/api/extensions", json=ask, headers=ward)
    assert (asked.status_code, asked.json()) == (201, {"added": 1, "task": BEN_NGHE})
    decide = {"action": "approve", "request": "web-api-ask", "decided_on": "2021-06-14",
              "client_key": "api-decide"}  # fmt: skip
    refused = client.post("/api/extensions", json=decide, headers=ward)
    assert refused.status_code == 403
    unknown = client.post("/api/extensions", json={**decide, "request": "nope"}, headers=ward)
    assert (unknown.status_code, unknown.json()) == (
        422,
        {"error": "no extension request 'nope' to decide"},
    )
    bad = client.post("/api/extensions", json={**ask, "action": "delete"}, headers=ward)
    assert bad.status_code == 422


def test_a_store_that_fails_is_a_message_not_a_traceback(
    client: TestClient, store: SQLiteStore
) -> None:
    page = _sign_in(client)
    store.close()  # the store goes away under the server
    form = {"csrf": _csrf(page), "task": BEN_NGHE, "reported_on": "2021-06-14",
            "actual_start": "2021-06-01", "percent_complete": "40"}  # fmt: skip
    failed = client.post("/report", data=form)
    assert failed.status_code == 503
    assert "Traceback" not in failed.text
    assert "plan.tracking.sqlite" in failed.text  # which store
    client.cookies.clear()  # another system, with its token only
    api = client.post(
        "/api/progress",
        json={**form, "client_key": "k"},
        headers={"Authorization": f"Bearer ben-nghe:{TOKEN}"},
    )
    assert api.status_code == 503
    assert "plan.tracking.sqlite" in api.json()["error"]
