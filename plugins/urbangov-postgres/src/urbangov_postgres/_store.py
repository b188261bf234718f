"""The PostgreSQL tracking store: one database many writers share."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Final, final
from urllib.parse import urlsplit, urlunsplit

import attrs
import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from urbangov.config import Secret
from urbangov.errors import StoreError, TrackingError
from urbangov.plan import nfc
from urbangov.tracking import (
    PROGRESS_FIELDS,
    Baseline,
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    Receipt,
    StoredRecord,
    TrackingLog,
    Withdrawal,
    check_retry,
    log_of_rows,
    stored_records,
    submission_digest,
)

__all__ = ["MIGRATIONS", "PostgresSettings", "PostgresStore", "migrate", "shown"]

#: The schema, one script per version (``urbangov_schema`` says which ran). A database
#: is upgraded in place when a store opens it; a script never changes once released.
MIGRATIONS: Final = (
    # 1: the records and baselines, as the SQLite store's first schema.
    """
    CREATE TABLE urbangov_records (
        seq bigserial PRIMARY KEY,
        plan text NOT NULL,
        kind text NOT NULL,
        body jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX urbangov_records_by_plan ON urbangov_records (plan, seq);
    CREATE TABLE urbangov_baselines (
        seq bigserial,
        plan text NOT NULL,
        name text NOT NULL,
        body jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (plan, name)
    );
    """,
    # 2: each record's task and day as columns (reads for a subtree or up to a day),
    # a request's id, which fields a progress report gives (reads of the latest
    # picture), who wrote it, and the client keys of submissions (a retry is stored
    # once).
    """
    ALTER TABLE urbangov_records
        ADD COLUMN task text, ADD COLUMN dated date, ADD COLUMN key text,
        ADD COLUMN fields integer NOT NULL DEFAULT 0, ADD COLUMN author text;
    UPDATE urbangov_records SET
        fields = CASE kind WHEN 'progress' THEN
            (body->>'actual_start' IS NOT NULL)::int
            | ((body->>'actual_finish' IS NOT NULL)::int << 1)
            | ((body->>'percent_complete' IS NOT NULL)::int << 2)
            | ((body->>'remaining_duration' IS NOT NULL)::int << 3)
            | ((body->>'note' IS NOT NULL)::int << 4)
            | ((body->>'reported_by' IS NOT NULL)::int << 5)
            ELSE 0 END,
        task = body->>'task',
        key = CASE kind WHEN 'extension_request' THEN body->>'id'
                        WHEN 'extension_decision' THEN body->>'request' END,
        dated = coalesce(body->>'reported_on', body->>'requested_on',
                         body->>'decided_on', body->>'withdrawn_on')::date;
    UPDATE urbangov_records AS decision SET task = asked.task
        FROM urbangov_records AS asked
        WHERE decision.kind = 'extension_decision' AND asked.kind = 'extension_request'
          AND asked.plan = decision.plan AND asked.key = decision.key;
    ALTER TABLE urbangov_records ALTER COLUMN dated SET NOT NULL;
    CREATE INDEX urbangov_records_by_task ON urbangov_records (plan, task, seq);
    CREATE INDEX urbangov_records_by_key ON urbangov_records (plan, key)
        WHERE key IS NOT NULL;
    CREATE TABLE urbangov_submissions (
        plan text NOT NULL,
        client_key text NOT NULL,
        digest text NOT NULL,
        added integer NOT NULL,
        received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (plan, client_key)
    );
    """,
)
_PASSWORD_PARAMETER: Final = re.compile(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)")
#: Taken while a schema is upgraded, so that stores opening a new database at once
#: upgrade it once.
_UPGRADE_LOCK: Final = 0x75726261  # "urba"


@final
@attrs.frozen
class PostgresSettings:
    """``[plugins.postgres]`` in the urbangov configuration file.

    The password belongs in the environment (``password = { "$env" = "PGPASS_VAR" }``),
    not in the store's location, which appears in messages (with any password
    masked). libpq's own ``PGPASSWORD`` and ``~/.pgpass`` work too.
    """

    password: Secret | None = None
    #: Connections kept open, and at most open, per store.
    pool_min: int = 1
    pool_max: int = 8
    #: Seconds to wait for the server or a free connection.
    timeout: int = 30


def shown(location: str) -> str:
    """``location`` with any password masked, for messages: in a URI's user part, in
    its ``?password=`` parameter, or in a ``key=value`` connection string."""
    location = _PASSWORD_PARAMETER.sub(r"\1***", location)
    parts = urlsplit(location)
    if "://" not in location or parts.password is None:
        return location
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def migrate(connection: psycopg.Connection[Any], upto: int = len(MIGRATIONS)) -> int:
    """Upgrade the database to schema ``upto`` in one transaction; its version before."""
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (_UPGRADE_LOCK,))
        connection.execute("CREATE TABLE IF NOT EXISTS urbangov_schema (version integer)")
        found = connection.execute("SELECT max(version) FROM urbangov_schema").fetchone()
        version = int(found[0]) if found and found[0] is not None else 0
        if version > len(MIGRATIONS):
            raise StoreError(
                f"the tracking store has schema version {version}, written by a newer "
                f"urbangov-postgres (this one knows up to {len(MIGRATIONS)}); upgrade it"
            )
        for script in MIGRATIONS[version:upto]:
            connection.execute(script.encode())
        if upto > version:
            connection.execute("DELETE FROM urbangov_schema")
            connection.execute("INSERT INTO urbangov_schema VALUES (%s)", (upto,))
    return version


@final
class PostgresStore:
    """A :class:`~urbangov.tracking.TrackingStore` in a PostgreSQL database.

    ``location`` is a libpq URI (``postgresql://user@host:5432/db``,
    ``postgresql:///db?host=/run/postgresql``). Opening it upgrades the schema; each
    call then borrows a connection from a pool, and each ``append`` is one
    transaction, so a writer killed mid-way leaves nothing of its call.
    """

    def __init__(self, location: str, settings: PostgresSettings | None = None) -> None:
        settings = settings or PostgresSettings()
        self.location = shown(location)
        conninfo = _conninfo(location, settings)
        try:
            with psycopg.connect(conninfo, autocommit=True) as connection:
                self.upgraded_from = migrate(connection)
            self._pool = ConnectionPool(
                conninfo,
                min_size=settings.pool_min,
                max_size=settings.pool_max,
                timeout=settings.timeout,
                open=True,
                name="urbangov",
            )
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot open the tracking store: {exc}") from None
        except StoreError as exc:
            raise StoreError(f"{self.location}: {exc}") from None

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.close()

    @property
    def schema_version(self) -> int:
        with self._connection("read the schema version") as connection:
            found = connection.execute("SELECT max(version) FROM urbangov_schema").fetchone()
        return int(found[0]) if found and found[0] is not None else 0

    @contextmanager
    def _connection(self, doing: str) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection in a transaction (committed when the block ends well)."""
        try:
            with self._pool.connection() as connection, connection.transaction():
                yield connection
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot {doing}: {exc}") from None

    def append(
        self,
        plan_id: str,
        *,
        updates: Iterable[ProgressUpdate] = (),
        requests: Iterable[ExtensionRequest] = (),
        decisions: Iterable[ExtensionDecision] = (),
        withdrawals: Iterable[Withdrawal] = (),
        client_key: str | None = None,
        author: str | None = None,
    ) -> int:
        with self._connection("write tracking records") as connection:
            rows = stored_records(
                updates=updates,
                requests=requests,
                decisions=decisions,
                withdrawals=withdrawals,
                stored_request_task=_request_task(connection, plan_id),
            )
            if client_key is not None and _seen(connection, plan_id, client_key, rows):
                return 0
            return _insert(connection, plan_id, rows, author)

    def append_new(
        self,
        plan_id: str,
        records: TrackingLog,
        check: Callable[[TrackingLog, TrackingLog], None],
        *,
        author: str | None = None,
        client_key: str | None = None,
        tasks: Collection[str] | None = None,
    ) -> int:
        """Add what ``records`` holds that the store does not, after ``check(stored,
        new)``, in one transaction that parallel imports of the plan queue for;
        ``stored`` is only about ``tasks`` when given, and a ``client_key`` seen
        before adds nothing."""
        with self._connection("import tracking records") as connection:
            connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (plan_id,))
            task_of = _request_task(connection, plan_id)
            if client_key is not None:
                sent = stored_records(records, stored_request_task=task_of)
                if _seen(connection, plan_id, client_key, sent):
                    return 0
            stored = _read(connection, plan_id, None, tasks, self.location)
            new = records.without(stored)
            check(stored, new)
            rows = stored_records(new, stored_request_task=task_of)
            return _insert(connection, plan_id, rows, author)

    def log(
        self,
        plan_id: str,
        *,
        as_of: dt.date | None = None,
        tasks: Collection[str] | None = None,
        latest: bool = False,
    ) -> TrackingLog:
        with self._connection("read tracking records") as connection:
            return _read(connection, plan_id, as_of, tasks, self.location, latest=latest)

    def receipts(self, plan_id: str, *, tasks: Collection[str] | None = None) -> list[Receipt]:
        query = (
            "SELECT kind, task, dated, author, recorded_at FROM urbangov_records WHERE plan = %s"
        )
        values: list[object] = [plan_id]
        if tasks is not None:
            query += " AND task IN (SELECT unnest(%s::text[]))"
            values.append(list(tasks))
        with self._connection("read receipts") as connection:
            rows = connection.execute(query + " ORDER BY seq", values).fetchall()
        return [Receipt(*row) for row in rows]

    def save_baseline(self, plan_id: str, baseline: Baseline) -> None:
        try:
            with self._pool.connection() as connection, connection.transaction():
                connection.execute(
                    "INSERT INTO urbangov_baselines (plan, name, body) VALUES (%s, %s, %s)",
                    (plan_id, baseline.name, Jsonb(baseline.to_dict())),
                )
        except psycopg.errors.UniqueViolation:
            raise TrackingError(
                f"plan {plan_id!r} already has a baseline named {baseline.name!r} "
                "(baselines are kept as saved; choose another name)"
            ) from None
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot save the baseline: {exc}") from None

    def baselines(self, plan_id: str) -> list[Baseline]:
        with self._connection("read baselines") as connection:
            rows = connection.execute(
                "SELECT body FROM urbangov_baselines WHERE plan = %s ORDER BY seq", (plan_id,)
            ).fetchall()
        return [Baseline.from_dict(body) for (body,) in rows]


def _conninfo(location: str, settings: PostgresSettings) -> str:
    try:
        options = conninfo_to_dict(location)
    except psycopg.ProgrammingError as exc:
        raise StoreError(f"{shown(location)}: not a PostgreSQL location: {exc}") from None
    if settings.password is not None:
        options["password"] = settings.password.reveal()
    options.setdefault("connect_timeout", settings.timeout)
    options.setdefault("application_name", "urbangov")
    return make_conninfo("", **options)


def _request_task(connection: psycopg.Connection[Any], plan_id: str) -> Callable[[str], str | None]:
    def task_of(request: str) -> str | None:
        found = connection.execute(
            "SELECT task FROM urbangov_records WHERE plan = %s AND key = %s "
            "AND kind = 'extension_request'",
            (plan_id, request),
        ).fetchone()
        return None if found is None else str(found[0])

    return task_of


def _seen(
    connection: psycopg.Connection[Any], plan_id: str, client_key: str, rows: list[StoredRecord]
) -> bool:
    """Whether this submission was stored before; a new one is noted. A submission
    with the same key running at once waits for this one on the key's row."""
    digest = submission_digest(rows)
    noted = connection.execute(
        "INSERT INTO urbangov_submissions (plan, client_key, digest, added) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
        (plan_id, client_key, digest, len(rows)),
    )
    if noted.rowcount == 1:
        return False
    found = connection.execute(
        "SELECT digest FROM urbangov_submissions WHERE plan = %s AND client_key = %s",
        (plan_id, client_key),
    ).fetchone()
    check_retry(plan_id, client_key, None if found is None else found[0], digest)
    return True


def _insert(
    connection: psycopg.Connection[Any],
    plan_id: str,
    rows: list[StoredRecord],
    author: str | None = None,
) -> int:
    """COPY the rows in (several times faster than INSERTs for a big import); the
    sequence numbers follow the order of ``rows``."""
    if not rows:
        return 0
    with (
        connection.cursor() as cursor,
        cursor.copy(
            "COPY urbangov_records (plan, kind, body, task, dated, key, fields, author) FROM STDIN"
        ) as copy,
    ):
        author = None if author is None else nfc(author)
        for r in rows:
            copy.write_row((plan_id, r.kind, r.body, r.task, r.dated, r.key, r.fields, author))
    return len(rows)


#: For each progress field, the (day, seq) of the last report giving it.
_LAST_GIVING: Final = sql.SQL(", ").join(
    sql.SQL("(max(at) FILTER (WHERE fields & {} <> 0))[2]").format(sql.Literal(1 << i))
    for i in range(len(PROGRESS_FIELDS))
)


def _read(
    connection: psycopg.Connection[Any],
    plan_id: str,
    as_of: dt.date | None,
    tasks: Collection[str] | None,
    where: str,
    *,
    latest: bool = False,
) -> TrackingLog:
    which: sql.Composable = sql.SQL("WHERE plan = %s")
    values: list[object] = [plan_id]
    if as_of is not None:
        which += sql.SQL(" AND dated <= %s")
        values.append(as_of)
    if tasks is not None:
        which += sql.SQL(" AND task IN (SELECT unnest(%s::text[]))")
        values.append(list(tasks))
    with connection.cursor() as cursor:
        if not latest:
            cursor.execute(
                sql.SQL("SELECT kind, body::text FROM urbangov_records {} ORDER BY seq").format(
                    which
                ),
                values,
            )
            return log_of_rows(cursor.fetchall(), where)
        # latest_records' rule in the server: per task, the last report (by day, then
        # as appended) and the last one giving each field; then those reports and
        # every other record, in the order they were appended.
        cursor.execute(
            sql.SQL(
                "WITH reports AS (SELECT task, fields, "
                "ARRAY[(dated - DATE '2000-01-01')::bigint, seq] AS at "
                "FROM urbangov_records {which} AND kind = 'progress'), "
                "kept AS (SELECT DISTINCT unnest(ARRAY[(max(at))[2], {each}]) AS seq "
                "FROM reports GROUP BY task) "
                "SELECT r.seq, r.kind, r.body::text FROM kept "
                "JOIN urbangov_records AS r ON r.seq = kept.seq "
                "UNION ALL SELECT seq, kind, body::text FROM urbangov_records {which} "
                "AND kind <> 'progress' ORDER BY 1"
            ).format(which=which, each=_LAST_GIVING),
            [*values, *values],
        )
        return log_of_rows(((kind, body) for _, kind, body in cursor.fetchall()), where)
