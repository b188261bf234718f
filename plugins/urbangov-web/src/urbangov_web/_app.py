"""The web app: a signed-in agency reports progress; everyone signed in follows.

Pages are rendered live from the tracking store: the status report and the Gantt
chart are urbangov's own ``status-html`` and ``gantt-html`` reports; the form is
checked by the same code as ``urbangov progress --import`` (the record's own checks,
then the reporting policy) and written with the account as its author and a client
key, so a double click or a retried post is stored once. A JSON API beside the
pages follows the same rules with a bearer token.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Final

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from urbangov.errors import AuthorityError, TrackingError, UrbangovError
from urbangov.hierarchy import Organisation
from urbangov.plan import Language, Plan
from urbangov.plugins import Plugins, default_plugins
from urbangov.reporting import ReportOptions
from urbangov.scheduling import schedule
from urbangov.tracking import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    ReportingPolicy,
    TrackingLog,
    TrackingStore,
    as_of_day,
    check_new_records,
    import_records,
    status_report,
)
from urbangov_web._accounts import Account, Accounts
from urbangov_web._pages import PAGES, WORDS

__all__ = ["create_app"]

#: Seconds a computed status is shown before the store is read again (writes through
#: this server show at once; another writer's, a CLI import say, within this).
FRESH: Final = 2.0
_FIELDS: Final = ("percent_complete", "remaining_duration")
_DATES: Final = ("reported_on", "actual_start", "actual_finish")


class _Site:
    """What every request needs: the plan, its organisation, the store, the accounts."""

    def __init__(
        self,
        plan: Plan,
        organisation: Organisation | None,
        store: TrackingStore,
        accounts: Accounts,
        plugins: Plugins,
    ) -> None:
        self.plan = plan
        self.store = store
        self.accounts = accounts
        self.plugins = plugins
        self.organisation = organisation
        self.policy = None if organisation is None else ReportingPolicy(plan, organisation)
        self.planned = schedule(plan)
        self._status: dict[Language, tuple[float, ReportOptions]] = {}
        self._reportable: dict[tuple[str, dt.date], list[str]] = {}

    def language(self, request: Request) -> Language:
        asked = request.query_params.get("lang")
        return Language(asked) if asked in ("vi", "en") else self.plan.lang

    def status_day(self) -> dt.date:
        return as_of_day(self.plan, self.store.log(self.plan.id, latest=True)).day

    def day(self) -> dt.date:
        """The day the pages are as of (the cached status's)."""
        found = self.options(self.plan.lang).as_of
        assert found is not None  # the status is always computed as of a day
        return found

    def options(self, lang: Language) -> ReportOptions:
        """The status as of the latest record, computed again after a write through
        this server and at most :data:`FRESH` seconds after another writer's."""
        kept = self._status.get(lang)
        if kept is not None and time.monotonic() - kept[0] < FRESH:
            return kept[1]
        found = self._options(lang)
        self._status[lang] = (time.monotonic(), found)
        return found

    def _options(self, lang: Language) -> ReportOptions:
        from urbangov.io import hierarchy_of

        day = self.status_day()
        log = self.store.log(self.plan.id, as_of=day, latest=True)
        return ReportOptions(
            as_of=day,
            lang=lang,
            status=status_report(self.plan, log, day),
            log=log,
            hierarchy=hierarchy_of(self.plan),
            organisation=self.organisation,
        )

    def reportable(self, account: Account, day: dt.date) -> list[str]:
        """The tasks ``account`` may report on, on ``day``."""
        if self.policy is None:
            return [task.id for task in self.plan.tasks]
        kept = self._reportable.get((account.id, day))
        if kept is None:
            mine = self.policy.organs_of(account.acts_as, day)
            kept = [t.id for t in self.plan.tasks if mine & self.policy.leads(t.id, day)]
            self._reportable[account.id, day] = kept
        return kept

    def submit(self, account: Account, records: TrackingLog, task: str, client_key: str) -> int:
        """Check and write what one form or API call sends about ``task``: the same
        checks as the command line (the policy, then the records' and the plan's),
        inside the store's write transaction, so two posts at once cannot both pass."""

        def check(stored: TrackingLog, new: TrackingLog) -> None:
            if self.policy is not None:
                asked = {request.id: request.task for request in stored.requests}
                self.policy.check(account.acts_as, records, task_of_request=asked.get)
            check_new_records(self.plan, stored, new)

        added = import_records(
            self.store,
            self.plan.id,
            records,
            check,
            author=account.id,
            client_key=client_key,
            tasks=[task],
        )
        self._status.clear()  # the next page shows it
        return added

    def decidable(self, account: Account, day: dt.date) -> list[ExtensionRequest]:
        """The extension requests pending on ``day`` that ``account`` may decide."""
        log = self.store.log(self.plan.id, as_of=day)
        pending = log.pending_requests_on(day)
        if self.policy is None:
            return list(pending)
        mine = self.policy.organs_of(account.acts_as, day)
        return [r for r in pending if self.policy.assigner(r.task) in mine]


def create_app(
    plan: Plan,
    store: TrackingStore,
    accounts: Accounts,
    *,
    organisation: Organisation | None = None,
    secret_key: str | None = None,
    plugins: Plugins | None = None,
) -> Starlette:
    """The ASGI app for ``plan`` over ``store``. ``organisation`` turns the reporting
    policy on (an account reports only what its organ may); ``secret_key`` signs the
    session cookie (a random one: sessions end when the server stops)."""
    site = _Site(plan, organisation, store, accounts, plugins or default_plugins())
    routes = [
        Route("/", _home),
        Route("/login", _login, methods=["GET", "POST"]),
        Route("/logout", _logout, methods=["POST"]),
        Route("/report", _report, methods=["GET", "POST"]),
        Route("/status", _status),
        Route("/gantt", _gantt),
        Route("/overdue", _overdue),
        Route("/meetings", _meetings),
        Route("/extensions", _extensions, methods=["GET", "POST"]),
        Route("/api/status", _api_status),
        Route("/api/progress", _api_progress, methods=["POST"]),
        Route("/api/extensions", _api_extensions, methods=["POST"]),
    ]
    session = Middleware(
        SessionMiddleware,
        secret_key=secret_key or secrets.token_urlsafe(32),
        session_cookie="urbangov_session",
        same_site="strict",
        https_only=False,
    )
    app = Starlette(routes=routes, middleware=[session])
    app.state.site = site
    return app


# -- helpers ---------------------------------------------------------------------------


def _site(request: Request) -> _Site:
    site: _Site = request.app.state.site
    return site


def _account(request: Request) -> Account | None:
    account_id = request.session.get("account")
    return None if account_id is None else _site(request).accounts.by_id.get(account_id)


def _csrf(request: Request) -> str:
    token = request.session.get("csrf")
    if token is None:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def _csrf_ok(request: Request, form: Any) -> bool:
    given, kept = str(form.get("csrf", "")), request.session.get("csrf")
    return kept is not None and secrets.compare_digest(given, str(kept))


def _page(request: Request, name: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    site = _site(request)
    lang = site.language(request)
    values.setdefault("error", None)
    values.setdefault("error_text", None)
    html = PAGES.get_template(name).render(
        words=WORDS[lang.value],
        lang=lang.value,
        plan=site.plan,
        account=_account(request),
        csrf=_csrf(request),
        **values,
    )
    return HTMLResponse(html, status_code=status_code, headers=_SAFE)


#: Pages are never framed by another site, and run no script from elsewhere.
_SAFE: Final = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

Endpoint = Callable[[Request], Awaitable[Response]]


def _signed_in(endpoint: Endpoint) -> Endpoint:
    async def guarded(request: Request) -> Response:
        if _account(request) is None:
            return RedirectResponse("/login", status_code=303)
        return await endpoint(request)

    return guarded


# -- pages -----------------------------------------------------------------------------


async def _home(request: Request) -> Response:
    return RedirectResponse("/report" if _account(request) else "/login", status_code=303)


async def _login(request: Request) -> Response:
    if request.method == "GET":
        return _page(request, "login.html")
    form = await request.form()
    if not _csrf_ok(request, form):
        return _page(request, "login.html", 403, error="csrf")
    account = _site(request).accounts.signed_in(
        str(form.get("account", "")), str(form.get("password", ""))
    )
    if account is None:
        return _page(request, "login.html", 401, error="login")
    request.session.clear()  # a new session id for the signed-in user
    request.session["account"] = account.id
    return RedirectResponse("/report", status_code=303)


async def _logout(request: Request) -> Response:
    form = await request.form()
    if _csrf_ok(request, form):
        request.session.clear()
    return RedirectResponse("/login", status_code=303)


#: What one form or API call sends: ``(fields, site, client key)`` -> the records and
#: the task they are about.
Parse = Callable[[dict[str, Any], "_Site", str], tuple[TrackingLog, str]]
#: Renders a form page: ``(request, account, day, status code, **values)``.
Render = Callable[..., HTMLResponse]


def _try_submit(
    site: _Site, account: Account, fields: dict[str, Any], key: str, parse: Parse
) -> tuple[int, str, int]:
    """Parse and submit; the HTTP status, the task (or what went wrong) and how many
    records were added."""
    try:
        records, task = parse(fields, site, key)
        return 200, task, site.submit(account, records, task, key)
    except AuthorityError as exc:
        return 403, str(exc), 0
    except (TrackingError, ValueError) as exc:
        return 422, str(exc), 0
    except UrbangovError as exc:  # the store is down, say: a message, not a traceback
        return 503, str(exc), 0


async def _form_post(request: Request, render: Render, parse: Parse) -> Response:
    """A signed-in form page: shown on GET, checked and submitted on POST."""
    site = _site(request)
    account = _account(request)
    assert account is not None
    day = site.day()
    if request.method == "GET":
        return render(request, account, day)
    form = await request.form()
    if not _csrf_ok(request, form):
        expired = WORDS[site.language(request).value]["csrf"]
        return render(request, account, day, 403, error_text=expired)
    key = str(form.get("client_key") or uuid.uuid4().hex)
    status, said, added = _try_submit(site, account, dict(form), key, parse)
    if status != 200:
        return render(request, account, day, status, error_text=said)
    return render(request, account, day, done=added, task=said)


@_signed_in
async def _report(request: Request) -> Response:
    return await _form_post(request, _form, _progress)


def _form(
    request: Request, account: Account, day: dt.date, status_code: int = 200, **values: Any
) -> HTMLResponse:
    site = _site(request)
    titles = {task: site.plan.task(task).title for task in site.reportable(account, day)}
    return _page(
        request,
        "report.html",
        status_code,
        tasks=titles,
        day=day.isoformat(),
        client_key=uuid.uuid4().hex,
        **values,
    )


def _progress(fields: dict[str, Any], _: _Site, __: str) -> tuple[TrackingLog, str]:
    update = _update(fields)
    return TrackingLog([update]), update.task


def _update(fields: dict[str, Any]) -> ProgressUpdate:
    """A progress report from a form or a JSON body; its own checks apply."""
    task = str(fields.get("task") or "").strip()
    if not task:
        raise TrackingError("a report names its task")
    values: dict[str, Any] = {
        name: _day(fields, name) for name in _DATES if str(fields.get(name) or "").strip()
    }
    for name in _FIELDS:
        text = str(fields.get(name) if fields.get(name) is not None else "").strip()
        if text:
            try:
                values[name] = int(text)
            except ValueError:
                raise TrackingError(f"{name}: {text!r} is not a whole number") from None
    note = str(fields.get("note") or "").strip()
    if "reported_on" not in values:
        raise TrackingError("reported_on: the day the report is for is required")
    return ProgressUpdate(task, note=note or None, **values)


@_signed_in
async def _status(request: Request) -> Response:
    return _rendered(request, "status-html")


@_signed_in
async def _gantt(request: Request) -> Response:
    return _rendered(request, "gantt-html")


def _rendered(request: Request, fmt: str) -> Response:
    site = _site(request)
    options = site.options(site.language(request))
    body = site.plugins.render(fmt, site.planned, options)
    return HTMLResponse(body if isinstance(body, str) else body.decode(), headers=_SAFE)


@_signed_in
async def _overdue(request: Request) -> Response:
    site = _site(request)
    options = site.options(site.language(request))
    assert options.status is not None
    late = [t for t in options.status.tasks if t.status.value == "overdue"]
    late.sort(key=lambda t: (-t.days_late, t.task))
    titles = {t.task: site.plan.task(t.task).title for t in late}
    return _page(request, "overdue.html", late=late, titles=titles, day=options.as_of)


#: How far ahead the meetings page looks, in days.
MEETINGS_AHEAD: Final = 62


@_signed_in
async def _meetings(request: Request) -> Response:
    from urbangov.meetings import agendas, tracking_items

    site = _site(request)
    lang = site.language(request)
    day = site.day()
    log = site.store.log(site.plan.id)
    found = agendas(
        site.planned,
        day,
        day + dt.timedelta(days=MEETINGS_AHEAD),
        extra=tracking_items(site.plan, log, lang=lang),
    )
    titles = {p.id: p.title for p in site.plan.meetings}
    return _page(request, "meetings.html", agendas=found, programmes=titles, day=day)


@_signed_in
async def _extensions(request: Request) -> Response:
    return await _form_post(request, _extensions_page, _extension)


def _extensions_page(
    request: Request, account: Account, day: dt.date, status_code: int = 200, **values: Any
) -> HTMLResponse:
    site = _site(request)
    tasks = {task: site.plan.task(task).title for task in site.reportable(account, day)}
    return _page(
        request,
        "extensions.html",
        status_code,
        tasks=tasks,
        pending=site.decidable(account, day),
        day=day.isoformat(),
        client_key=uuid.uuid4().hex,
        **values,
    )


def _extension(fields: dict[str, Any], site: _Site, key: str) -> tuple[TrackingLog, str]:
    """An extension request or a decision on one, from a form or a JSON body. A new
    request's id comes from the submission's client key, so a retry is the same."""
    action = str(fields.get("action") or "")
    if action == "request":
        task = str(fields.get("task") or "").strip()
        request = ExtensionRequest(
            f"web-{key}",
            task,
            _day(fields, "requested_on"),
            _day(fields, "new_deadline"),
            reason=str(fields.get("reason") or "").strip() or None,
        )
        return TrackingLog(requests=[request]), task
    if action in ("approve", "reject"):
        asked = str(fields.get("request") or "").strip()
        found = site.store.log(site.plan.id).requests
        of = next((r.task for r in found if r.id == asked), None)
        if of is None:
            raise TrackingError(f"no extension request {asked!r} to decide")
        decision = ExtensionDecision(asked, _day(fields, "decided_on"), action == "approve")
        return TrackingLog(decisions=[decision], partial=True), of
    raise TrackingError(f"action: {action!r} is not request, approve or reject")


def _day(fields: dict[str, Any], name: str) -> dt.date:
    text = str(fields.get(name) or "").strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise TrackingError(f"{name}: {text!r} is not a date (YYYY-MM-DD)") from None


# -- the JSON API ----------------------------------------------------------------------


def _api_account(request: Request) -> Account | None:
    found = _account(request)
    if found is not None:
        return found
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    account_id, _, token = credentials.partition(":")
    if scheme.lower() != "bearer" or not token:
        return None
    return _site(request).accounts.bearer(account_id, token)


async def _api_status(request: Request) -> Response:
    if _api_account(request) is None:
        return JSONResponse({"error": "sign in or send Authorization: Bearer ID:TOKEN"}, 401)
    site = _site(request)
    options = site.options(site.language(request))
    assert options.status is not None
    return JSONResponse({"plan": site.plan.id, **options.status.to_dict()})


async def _api_submit(request: Request, parse: Parse) -> Response:
    """One submission as JSON, by the same rules as the forms."""
    account = _api_account(request)
    if account is None:
        return JSONResponse({"error": "send Authorization: Bearer ID:TOKEN"}, 401)
    if _account(request) is not None and not secrets.compare_digest(
        request.headers.get("x-csrf-token", ""), str(request.session.get("csrf", "-"))
    ):
        return JSONResponse({"error": "a signed-in page must send X-CSRF-Token"}, 403)
    try:
        body = json.loads(await request.body())
    except ValueError as exc:
        return JSONResponse({"error": f"the body is not JSON: {exc}"}, 422)
    if not isinstance(body, dict):
        return JSONResponse({"error": "the body is a JSON object"}, 422)
    key = str(body.get("client_key") or "")
    if not key:
        return JSONResponse({"error": "client_key: required, so that a retry is stored once"}, 422)
    status, said, added = _try_submit(_site(request), account, body, key, parse)
    if status != 200:
        return JSONResponse({"error": said}, status)
    return JSONResponse({"added": added, "task": said}, 201 if added else 200)


async def _api_progress(request: Request) -> Response:
    return await _api_submit(request, _progress)


async def _api_extensions(request: Request) -> Response:
    return await _api_submit(request, _extension)


def load_site_files(plan_file: Path) -> tuple[Plan, Organisation | None]:
    """The plan and its organisation, as ``urbangov serve`` reads them."""
    from urbangov.io import hierarchy_of, load_plan, organisation_of

    plan = load_plan(plan_file)
    return plan, organisation_of(plan, hierarchy_of(plan))
