"""Tracking: progress, deadline extensions, baselines, the official taxonomy, statistics."""

from urbangov.tracking._as_of import AsOf, AsOfSource, as_of_day
from urbangov.tracking._authority import Refusal, ReportingPolicy
from urbangov.tracking._baseline import (
    Baseline,
    BaselineTask,
    PlanVariance,
    TaskVariance,
    variance,
)
from urbangov.tracking._log import DeadlineChange, TaskProgress, TrackingLog
from urbangov.tracking._records import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    Withdrawal,
)
from urbangov.tracking._reschedule import check_new_records, reschedule
from urbangov.tracking._rollup import rolled_up_progress
from urbangov.tracking._rows import (
    PROGRESS_FIELDS,
    RECORD_KINDS,
    Receipt,
    StoredRecord,
    check_retry,
    latest_records,
    log_of_rows,
    stored_records,
    submission_digest,
)
from urbangov.tracking._sqlite import SQLiteStore
from urbangov.tracking._statistics import (
    GroupKey,
    Statistics,
    StatisticsRow,
    in_period,
    statistics,
)
from urbangov.tracking._status import (
    DeadlineSource,
    Status,
    StatusReport,
    TaskStatus,
    status_report,
)
from urbangov.tracking._store import StoreBackend, TrackingStore, import_records

__all__ = [
    "PROGRESS_FIELDS",
    "RECORD_KINDS",
    "AsOf",
    "AsOfSource",
    "Baseline",
    "BaselineTask",
    "DeadlineChange",
    "DeadlineSource",
    "ExtensionDecision",
    "ExtensionRequest",
    "GroupKey",
    "PlanVariance",
    "ProgressUpdate",
    "Receipt",
    "Refusal",
    "ReportingPolicy",
    "SQLiteStore",
    "Statistics",
    "StatisticsRow",
    "Status",
    "StatusReport",
    "StoreBackend",
    "StoredRecord",
    "TaskProgress",
    "TaskStatus",
    "TaskVariance",
    "TrackingLog",
    "TrackingStore",
    "Withdrawal",
    "as_of_day",
    "check_new_records",
    "check_retry",
    "import_records",
    "in_period",
    "latest_records",
    "log_of_rows",
    "reschedule",
    "rolled_up_progress",
    "statistics",
    "status_report",
    "stored_records",
    "submission_digest",
    "variance",
]
