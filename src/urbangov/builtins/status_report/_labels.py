"""The words of a status report in Vietnamese and English, and how it writes dates.

The five statuses use the wording of Decision 42/2014/QĐ-TTg's reporting forms, so
that the counts can be copied into an official report as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from urbangov.reporting import Language

__all__ = ["COLUMNS", "LABELS", "day", "percent"]

#: The counts of a statistics row, in the order the tables show them.
COLUMNS: Final = (
    "done_on_time",
    "done_late",
    "in_time",
    "overdue",
    "withdrawn",
    "at_risk",
    "extended",
)

LABELS: Final[dict[Language, dict[str, str]]] = {
    Language.VI: {
        "heading": "Báo cáo tình hình thực hiện nhiệm vụ",
        "glance": "Tổng quan",
        "districts_chart": "Tỷ lệ hoàn thành đúng hạn và số nhiệm vụ quá hạn theo đơn vị cấp huyện",
        "progress_chart": "Tiến độ chung của kế hoạch: theo kế hoạch và theo báo cáo",
        "planned": "Theo kế hoạch",
        "reported": "Theo báo cáo",
        "day": "Ngày",
        "district": "Đơn vị cấp huyện",
        "rolled_leads": "Mỗi đơn vị cấp huyện gộp cơ quan của đơn vị đó và của các đơn vị cấp xã "
        "trực thuộc; cơ quan cấp thành phố mỗi cơ quan một dòng.",
        "plan": "Kế hoạch",
        "as_of": "Số liệu tính đến ngày",
        "period": "Kỳ báo cáo",
        "period_span": "{label}, từ {start} đến {end}",
        "no_period": "Toàn bộ kế hoạch",
        "forecast": "Dự kiến hoàn thành kế hoạch",
        "summary": "Tổng hợp",
        "count": "Số nhiệm vụ",
        "share": "Tỷ lệ",
        "total": "Tổng số nhiệm vụ (không kể nhiệm vụ đã rút)",
        "done_on_time": "Hoàn thành đúng hạn",
        "done_late": "Hoàn thành quá hạn",
        "in_time": "Chưa hoàn thành, còn trong hạn",
        "overdue": "Chưa hoàn thành, quá hạn",
        "withdrawn": "Đã rút",
        "at_risk": "Có nguy cơ trễ hạn",
        "extended": "Được gia hạn",
        "on_time_rate": "Tỷ lệ hoàn thành đúng hạn",
        "by_lead": "Theo cơ quan chủ trì",
        "by_unit": "Theo đơn vị hành chính",
        "by_lead_column": "Cơ quan chủ trì",
        "by_unit_column": "Đơn vị",
        "by_group": "Theo nhóm nhiệm vụ",
        "by_group_column": "Nhóm nhiệm vụ",
        "no_group": "(không thuộc nhóm)",
        "depth": "đến cấp {depth} dưới cấp cao nhất; mỗi đơn vị gồm cả các đơn vị trực thuộc",
        "rolled_up": "mỗi đơn vị gồm cả các đơn vị trực thuộc",
        "none": "(chưa giao)",
        "no_lead": "(chưa giao cơ quan chủ trì)",
        "no_unit": "(không ghi đơn vị)",
        "all": "Toàn kế hoạch",
        "overdue_tasks": "Nhiệm vụ chưa hoàn thành, quá hạn",
        "at_risk_tasks": "Nhiệm vụ có nguy cơ trễ hạn",
        "upcoming_tasks": "Nhiệm vụ sắp đến hạn (10 ngày làm việc tới)",
        "critical_tasks": "Nhiệm vụ trên đường găng",
        "extensions": "Gia hạn",
        "granted": "Đã được gia hạn",
        "pending": "Đề nghị gia hạn chưa được xem xét",
        "nothing": "Không có.",
        "as_of_note": "Tính đến ngày báo cáo, kể cả nhiệm vụ ngoài kỳ báo cáo.",
        "number": "STT",
        "task": "Nhiệm vụ",
        "lead": "Cơ quan chủ trì",
        "accountable": "Người chịu trách nhiệm",
        "deadline": "Hạn",
        "original_deadline": "Hạn ban đầu",
        "new_deadline": "Hạn được gia hạn",
        "times": "Số lần gia hạn",
        "requested_deadline": "Hạn đề nghị",
        "requested_on": "Ngày đề nghị",
        "reason": "Lý do",
        "progress": "Tiến độ",
        "forecast_finish": "Dự kiến hoàn thành",
        "cause": "Nguyên nhân (đầu chuỗi công việc quyết định)",
        "cause.plan-start": "{task} bắt đầu cùng kế hoạch",
        "cause.constraint": "ràng buộc {constraint} ngày {day} của {task}",
        "cause.actual-start": "{task} bắt đầu thực tế ngày {day}",
        "cause.status-date": "{task} chưa bắt đầu đến ngày báo cáo {day}",
        "days_late": "Số ngày làm việc quá hạn",
        "days_risk": "Dự kiến trễ (ngày làm việc)",
        "days_left": "Còn (ngày làm việc)",
        "slack": "Thời gian dự trữ (ngày làm việc)",
        "footnote": "Phân loại theo Quyết định số 42/2014/QĐ-TTg (sửa đổi bởi Quyết định "
        "số 23/2018/QĐ-TTg). Nhiệm vụ có nguy cơ trễ hạn: còn trong hạn nhưng dự kiến "
        "hoàn thành sau hạn theo tiến độ đã báo cáo.",
    },
    Language.EN: {
        "heading": "Status report",
        "glance": "At a glance",
        "districts_chart": "On-time rate and overdue tasks per district",
        "progress_chart": "The plan's progress: planned and reported",
        "planned": "Planned",
        "reported": "Reported",
        "day": "Day",
        "district": "District",
        "rolled_leads": "Each district counts its own organs and those of its communes and "
        "wards; the city's organs have a row each.",
        "plan": "Plan",
        "as_of": "As of",
        "period": "Reporting period",
        "period_span": "{label}, {start} to {end}",
        "no_period": "The whole plan",
        "forecast": "Forecast finish of the plan",
        "summary": "Summary",
        "count": "Tasks",
        "share": "Share",
        "total": "Total tasks (withdrawn ones apart)",
        "done_on_time": "Completed on time",
        "done_late": "Completed late",
        "in_time": "Not completed, within the deadline",
        "overdue": "Not completed, overdue",
        "withdrawn": "Withdrawn",
        "at_risk": "At risk of missing the deadline",
        "extended": "Deadline extended",
        "on_time_rate": "Completed on time, of those completed",
        "by_lead": "By lead agency",
        "by_unit": "By administrative unit",
        "by_lead_column": "Lead agency",
        "by_unit_column": "Unit",
        "by_group": "By group of tasks",
        "by_group_column": "Group",
        "no_group": "(in no group)",
        "depth": "down to {depth} level(s) below the top; each unit includes the units under it",
        "rolled_up": "each unit includes the units under it",
        "none": "(not assigned)",
        "no_lead": "(no lead agency)",
        "no_unit": "(no unit)",
        "all": "Whole plan",
        "overdue_tasks": "Overdue tasks",
        "at_risk_tasks": "Tasks at risk of missing the deadline",
        "upcoming_tasks": "Deadlines in the next 10 working days",
        "critical_tasks": "Critical tasks",
        "extensions": "Deadline extensions",
        "granted": "Extensions granted",
        "pending": "Extension requests not yet decided",
        "nothing": "None.",
        "as_of_note": "As of the report's day, tasks outside the reporting period included.",
        "number": "No.",
        "task": "Task",
        "lead": "Lead agency",
        "accountable": "Accountable",
        "deadline": "Deadline",
        "original_deadline": "Original deadline",
        "new_deadline": "Extended deadline",
        "times": "Extensions",
        "requested_deadline": "Requested deadline",
        "requested_on": "Requested on",
        "reason": "Reason",
        "progress": "Progress",
        "forecast_finish": "Forecast finish",
        "cause": "Cause (head of the driving path)",
        "cause.plan-start": "{task} starts with the plan",
        "cause.constraint": "the {constraint} constraint of {task} on {day}",
        "cause.actual-start": "{task} actually started on {day}",
        "cause.status-date": "{task} not started by the status date {day}",
        "days_late": "Working days overdue",
        "days_risk": "Forecast delay (working days)",
        "days_left": "Working days left",
        "slack": "Total slack (working days)",
        "footnote": "Statuses as in Decision 42/2014/QĐ-TTg (amended by Decision "
        "23/2018/QĐ-TTg). At risk: within the deadline, but forecast to finish after it "
        "from the progress reported.",
    },
}


def day(value: dt.date | None, lang: Language) -> str:
    """A date as the report's readers write it: 14/06/2021 in Vietnamese, ISO in English."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y") if lang is Language.VI else value.isoformat()


def percent(value: float | None, lang: Language) -> str:
    """A share as a percentage with one decimal (a decimal comma in Vietnamese)."""
    if value is None:
        return ""
    text = f"{100 * value:.1f}%"
    return text.replace(".", ",") if lang is Language.VI else text
