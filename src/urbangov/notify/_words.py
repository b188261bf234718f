"""What notifications say, in Vietnamese and English."""

from __future__ import annotations

from typing import Final

from urbangov._words import Catalogue

__all__ = ["WORDS"]

WORDS: Final = Catalogue(
    "notify",
    {
        "due_today": (
            "{task}: đến hạn hôm nay ({deadline}), đã thực hiện {progress}%",
            "{task}: due today ({deadline}), {progress}% done",
        ),
        "due": (
            "{task}: hạn {deadline}, còn {left} ngày làm việc, đã thực hiện {progress}%",
            "{task}: due {deadline}, {left} working day(s) left, {progress}% done",
        ),
        "at_risk": (
            "{task}: dự kiến hoàn thành {forecast}, sau hạn {deadline}",
            "{task}: forecast to finish {forecast}, after its deadline {deadline}",
        ),
        "overdue": (
            "{task}: quá hạn {late} ngày làm việc (hạn {deadline})",
            "{task}: {late} working day(s) overdue (deadline {deadline})",
        ),
        "overdue_progress": ("{what}, đã thực hiện {progress}%", "{what}, {progress}% done"),
        "escalated": ("{what}; người chịu trách nhiệm: {who}", "{what}; answered for by {who}"),
        "meeting": (
            "{title}: {day} {start}\u2013{end}{place}",
            "{title}: {day} {start}\u2013{end}{place}",
        ),
        "subject": (
            "[urbangov] {plan}, số liệu đến ngày {day}: {counts}",
            "[urbangov] {plan} as of {day}: {counts}",
        ),
        "as_of": ("Số liệu đến ngày {day}", "as of {day}"),
        "count.reminder": ("{n} sắp đến hạn", "{n} reminder"),
        "count.deadline": ("{n} đến hạn hôm nay", "{n} deadline"),
        "count.overdue": ("{n} quá hạn", "{n} overdue"),
        "count.escalation": ("{n} chuyển lên", "{n} escalation"),
        "count.at_risk": ("{n} có nguy cơ trễ", "{n} at risk"),
        "count.meeting": ("{n} cuộc họp", "{n} meeting"),
        "heading.escalation": (
            "Chuyển đến anh/chị (quá hạn ở cấp dưới)",
            "Escalated to you (overdue below you)",
        ),
        "heading.overdue": ("Quá hạn", "Overdue"),
        "heading.at_risk": ("Có nguy cơ trễ hạn", "At risk of missing the deadline"),
        "heading.deadline": ("Đến hạn hôm nay", "Due today"),
        "heading.reminder": ("Sắp đến hạn", "Coming up"),
        "heading.meeting": ("Cuộc họp", "Meetings"),
        "unassigned": ("(chưa có người chịu trách nhiệm)", "(no one answers for these)"),
    },
)
