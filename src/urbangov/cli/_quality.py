"""``urbangov check --quality``: the DCMA 14-point assessment of a plan, as a table or
JSON, in the plan's language."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from urbangov._words import Catalogue, number, percent
from urbangov.cli._output import emit
from urbangov.cli._records import baseline_named, has_records, status_as_of, tracking_log
from urbangov.cli._schedule import scheduled
from urbangov.cli._table import render_table

if TYPE_CHECKING:
    from urbangov.plan import Language
    from urbangov.quality import QualityCheck, QualityReport

__all__ = ["quality_check"]

WORDS: Final = Catalogue(
    "quality",
    {
        "col.point": ("điểm", "point"),
        "col.check": ("tiêu chí", "check"),
        "col.value": ("giá trị", "value"),
        "col.threshold": ("ngưỡng", "threshold"),
        "col.result": ("kết quả", "result"),
        "col.flagged": ("nhiệm vụ nêu", "flagged"),
        "result.pass": ("đạt", "pass"),
        "result.fail": ("không đạt", "fail"),
        "result.na": ("không áp dụng", "n/a"),
        "logic": ("thiếu liên kết trước/sau", "missing logic"),
        "leads": ("độ sớm (lag âm)", "leads"),
        "lags": ("độ trễ (lag dương)", "lags"),
        "relationship-types": ("liên kết kết thúc-bắt đầu", "finish-to-start links"),
        "hard-constraints": ("ràng buộc cứng", "hard constraints"),
        "high-float": ("dự trữ lớn (> 44 ngày)", "high float (> 44 days)"),
        "negative-float": ("dự trữ âm", "negative float"),
        "high-duration": ("thời gian dài (> 44 ngày)", "high duration (> 44 days)"),
        "invalid-dates": ("ngày không hợp lệ", "invalid dates"),
        "resources": ("không có cơ quan chủ trì", "no lead agency"),
        "missed-tasks": ("nhiệm vụ trễ so với mốc gốc", "missed tasks"),
        "critical-path-test": ("kiểm tra đường găng", "critical path test"),
        "cpli": ("chỉ số độ dài đường găng (CPLI)", "critical path length index"),
        "bei": ("chỉ số thực hiện theo mốc gốc (BEI)", "baseline execution index"),
        "why.needs-status": ("cần ngày báo cáo", "needs a status date"),
        "why.needs-baseline": ("cần ngày báo cáo và mốc gốc", "needs a status date and a baseline"),
        "why.other": ("không có dữ liệu để tính", "nothing to measure"),
        "summary": (
            "Đánh giá chất lượng kế hoạch (DCMA 14 điểm){when}: {failed} điểm không đạt, "
            "{passed} điểm đạt, {na} điểm không áp dụng",
            "Schedule quality (DCMA 14 points){when}: {failed} failed, {passed} passed, "
            "{na} not applicable",
        ),
        "when": (" ngày {day}", " as of {day}"),
    },
)


def quality_check(
    plan_file: Path,
    *,
    as_of: dt.date | None,
    progress_files: Sequence[Path],
    store_location: str | None,
    baseline_name: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
) -> QualityReport:
    """Assess PLAN, as of its status date when it has tracking records, and print it."""
    from urbangov.plan import Language
    from urbangov.quality import assess_quality
    from urbangov.tracking import status_report

    result = scheduled(plan_file)
    plan = result.plan
    baseline = None
    if baseline_name is not None:
        baseline = baseline_named(plan_file, store_location, plan, baseline_name)
    if has_records(plan_file, store_location, progress_files):
        log = tracking_log(plan_file, plan, store_location, progress_files)
        day = status_as_of(plan, log, as_of, None).day
        result = status_report(plan, log, day, baseline=baseline).forecast
    report = assess_quality(result, baseline=baseline)
    if fmt == "json":
        emit(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", output)
    else:
        emit(quality_text(report, Language(lang or plan.lang)), output)
    return report


def quality_text(report: QualityReport, lang: Language) -> str:
    """The 14 points as a table, and a line that counts them."""
    rows = [
        [
            str(c.number),
            WORDS(c.key, lang),
            _value(c, lang),
            c.threshold,
            WORDS(_result(c), lang),
            _flagged(c, lang),
        ]
        for c in report.checks
    ]
    names = ("point", "check", "value", "threshold", "result", "flagged")
    table = render_table([WORDS(f"col.{n}", lang) for n in names], rows, right={0, 2})
    counts = {
        key: sum(_result(c) == key for c in report.checks)
        for key in ("result.fail", "result.pass", "result.na")
    }
    when = "" if report.as_of is None else WORDS("when", lang, day=report.as_of.isoformat())
    line = WORDS(
        "summary",
        lang,
        when=when,
        failed=counts["result.fail"],
        passed=counts["result.pass"],
        na=counts["result.na"],
    )
    return f"{line}\n\n{table}"


def _result(check: QualityCheck) -> str:
    return {True: "result.pass", False: "result.fail", None: "result.na"}[check.passed]


def _value(check: QualityCheck, lang: Language) -> str:
    if check.value is None:
        return ""
    if check.threshold.endswith("%"):
        return percent(check.value, lang)
    if check.key in ("cpli", "bei"):
        text = f"{check.value:.2f}"
        return text.replace(".", ",") if lang == "vi" else text
    return number(int(check.value), lang)


def _flagged(check: QualityCheck, lang: Language) -> str:
    if check.passed is None:
        why = {
            "invalid-dates": "why.needs-status",
            "missed-tasks": "why.needs-baseline",
            "bei": "why.needs-baseline",
        }.get(check.key, "why.other")
        return WORDS(why, lang)
    shown = ", ".join(check.flagged[:3])
    more = len(check.flagged) - 3
    return shown + (f" (+{more})" if more > 0 else "")
