"""The words of the chart, in Vietnamese and English, and how dates and numbers are written."""

from __future__ import annotations

import datetime as dt
import html
from typing import Final

from urbangov.reporting import Language

_DASH: Final = " \u2013 "  # an en dash between two dates

_MONTHS_EN: Final = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip

_TEXT: Final[dict[Language, dict[str, str]]] = {
    Language.VI: {
        "gantt": "Biểu đồ Gantt",
        "plan_id": "Mã kế hoạch",
        "span": "Từ {start} đến {finish}",
        "count": "{tasks} nhiệm vụ, {critical} trên đường găng",
        "late_count": "{late} nhiệm vụ trễ hạn",
        "id": "Mã",
        "task": "Nhiệm vụ",
        "start": "Bắt đầu",
        "finish": "Kết thúc",
        "duration": "Thời lượng: {n} ngày làm việc",
        "milestone": "Mốc",
        "total_slack": "Dự trữ toàn phần: {n} ngày làm việc",
        "free_slack": "Dự trữ tự do: {n} ngày làm việc",
        "critical": "Thuộc đường găng",
        "lead": "Cơ quan chủ trì: {lead}",
        "no_lead": "(chưa giao cơ quan chủ trì)",
        "unit": "Đơn vị: {unit}",
        "no_unit": "(chưa giao đơn vị)",
        "plan_tasks": "Nhiệm vụ của kế hoạch",
        "cascade": "{task}: giao cho {units} đơn vị",
        "group_count": "Số nhiệm vụ: {n}",
        "deadline_met": "Hạn chót: {day}, đúng hạn",
        "deadline_missed": "Hạn chót: {day}, trễ hạn (kết thúc {finish})",
        "link": "{a} → {b}: {kind}",
        "lag": ", độ trễ {n} ngày làm việc",
        "lead_time": ", gối đầu {n} ngày làm việc",
        "FS": "kết thúc → bắt đầu",
        "SS": "bắt đầu → bắt đầu",
        "FF": "kết thúc → kết thúc",
        "SF": "bắt đầu → kết thúc",
        "weekend": "Nghỉ cuối tuần",
        "plan_day_off": "Ngày nghỉ theo kế hoạch",
        "day_off": "Ngày nghỉ",
        "status_date": "Ngày báo cáo: {day}",
        "status_far": "(ngoài khung thời gian của biểu đồ)",
        "legend_task": "Nhiệm vụ",
        "legend_milestone": "Mốc",
        "legend_critical": "Đường găng (không còn dự trữ)",
        "legend_deadline": "Hạn chót",
        "legend_missed": "Trễ hạn",
        "legend_link": "Phụ thuộc",
        "legend_weekend": "Nghỉ cuối tuần",
        "legend_holiday": "Nghỉ lễ, Tết",
        "legend_status": "Ngày báo cáo",
        "collapse_all": "Thu gọn tất cả",
        "expand_all": "Mở rộng tất cả",
        "toggle": "Thu gọn hoặc mở rộng nhóm",
        "hint": "Rê chuột lên thanh, mốc hoặc ngày nghỉ để xem chi tiết.",
        # Tracking (Decision 42/2014/QĐ-TTg's taxonomy, as the status report words it).
        "s_done": "Hoàn thành đúng hạn",
        "s_done-late": "Hoàn thành quá hạn",
        "s_in-time": "Chưa hoàn thành, còn trong hạn",
        "s_at-risk": "Có nguy cơ trễ hạn",
        "s_overdue": "Chưa hoàn thành, quá hạn",
        "s_withdrawn": "Đã rút",
        "tracked_count": "Tình trạng: {done} hoàn thành đúng hạn, {late} hoàn thành quá hạn, "
        "{in_time} còn trong hạn ({risk} có nguy cơ trễ hạn), {overdue} quá hạn",
        "withdrawn_count": ", {n} đã rút",
        "baseline_meta": "Kế hoạch gốc: “{name}”, lưu ngày {day}",
        "status": "Tình trạng: {status}",
        "days_late": "{status}, trễ {n} ngày làm việc",
        "at_risk_tip": "Có nguy cơ trễ hạn: dự kiến hoàn thành {finish}",
        "progress": "Tiến độ: {n}%",
        "actual_start": "Bắt đầu thực tế: {day}",
        "actual_finish": "Hoàn thành thực tế: {day}",
        "extended": "Được gia hạn đến {day} (hạn ban đầu {original})",
        "baseline_tip": "Kế hoạch gốc: {start}{dash}{finish}, lệch {n} ngày làm việc",
        "not_in_baseline": "Không có trong kế hoạch gốc",
        "legend_progress": "Phần đã làm",
        "legend_baseline": "Kế hoạch gốc",
        "legend_critical_tracked": "Đường găng (viền đậm)",
    },
    Language.EN: {
        "gantt": "Gantt chart",
        "plan_id": "Plan id",
        "span": "From {start} to {finish}",
        "count": "{tasks} tasks, {critical} on the critical path",
        "late_count": "{late} tasks past their deadline",
        "id": "Id",
        "task": "Task",
        "start": "Start",
        "finish": "Finish",
        "duration": "Duration: {n} working days",
        "milestone": "Milestone",
        "total_slack": "Total slack: {n} working days",
        "free_slack": "Free slack: {n} working days",
        "critical": "On the critical path",
        "lead": "Lead: {lead}",
        "no_lead": "(no lead agency)",
        "unit": "Unit: {unit}",
        "no_unit": "(no unit)",
        "plan_tasks": "The plan's tasks",
        "cascade": "{task}: handed down to {units} units",
        "group_count": "Tasks: {n}",
        "deadline_met": "Deadline: {day}, met",
        "deadline_missed": "Deadline: {day}, missed (finishes {finish})",
        "link": "{a} → {b}: {kind}",
        "lag": ", lag {n} working days",
        "lead_time": ", lead {n} working days",
        "FS": "finish → start",
        "SS": "start → start",
        "FF": "finish → finish",
        "SF": "start → finish",
        "weekend": "Weekend",
        "plan_day_off": "Day off in the plan",
        "day_off": "Day off",
        "status_date": "Status date: {day}",
        "status_far": "(outside the chart's time span)",
        "legend_task": "Task",
        "legend_milestone": "Milestone",
        "legend_critical": "Critical path (no slack)",
        "legend_deadline": "Deadline",
        "legend_missed": "Deadline missed",
        "legend_link": "Dependency",
        "legend_weekend": "Weekend",
        "legend_holiday": "Public holiday",
        "legend_status": "Status date",
        "collapse_all": "Collapse all",
        "expand_all": "Expand all",
        "toggle": "Collapse or expand the group",
        "hint": "Hover over a bar, a milestone or a day off for details.",
        "s_done": "Completed on time",
        "s_done-late": "Completed late",
        "s_in-time": "Not completed, within the deadline",
        "s_at-risk": "At risk of missing the deadline",
        "s_overdue": "Not completed, overdue",
        "s_withdrawn": "Withdrawn",
        "tracked_count": "Status: {done} done on time, {late} done late, "
        "{in_time} within the deadline ({risk} at risk), {overdue} overdue",
        "withdrawn_count": ", {n} withdrawn",
        "baseline_meta": "Baseline: “{name}”, saved {day}",
        "status": "Status: {status}",
        "days_late": "{status}, {n} working days late",
        "at_risk_tip": "At risk: forecast to finish {finish}",
        "progress": "Progress: {n}%",
        "actual_start": "Actual start: {day}",
        "actual_finish": "Actual finish: {day}",
        "extended": "Deadline extended to {day} (originally {original})",
        "baseline_tip": "Baseline: {start}{dash}{finish}, finish variance {n} working days",
        "not_in_baseline": "Not in the baseline",
        "legend_progress": "Work done",
        "legend_baseline": "Baseline",
        "legend_critical_tracked": "Critical path (thick outline)",
    },
}


def _esc(value: str) -> str:
    return html.escape(value, quote=True)


def _n(value: float) -> str:
    """A coordinate: whole numbers without a decimal point, others to 0.1 px."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _date(day: dt.date, lang: Language) -> str:
    if lang is Language.VI:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def _short_date(day: dt.date, lang: Language) -> str:
    if lang is Language.VI:
        return f"{day.day}/{day.month}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]}"


def _month(day: dt.date, lang: Language, room: float) -> str:
    """The month's label that fits in ``room`` pixels, or nothing."""
    if lang is Language.VI:
        choices = [f"Tháng {day.month}/{day.year}", f"T{day.month}/{day.year}", f"T{day.month}"]
    else:
        choices = [f"{_MONTHS_EN[day.month - 1]} {day.year}", _MONTHS_EN[day.month - 1]]
    return next((label for label in choices if len(label) * 6.5 + 8 <= room), "")


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
