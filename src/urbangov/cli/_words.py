"""What the command line prints for people, in Vietnamese and English.

The wording of the official statuses follows Decision 42/2014/QĐ-TTg's reporting
forms, as the status report does.
"""

from __future__ import annotations

from typing import Final

import click

from urbangov._words import Catalogue

__all__ = ["LANG_OPTION", "WORDS"]

#: ``--lang vi|en``: every command that prints for people takes it.
LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    help="The language of what is printed (default: the plan's lang; vi without a plan).",
)

WORDS: Final = Catalogue(
    "cli",
    {
        # -- columns ---------------------------------------------------------------
        "col.id": ("mã", "id"),
        "col.title": ("nhiệm vụ", "title"),
        "col.duration": ("số ngày", "days"),
        "col.start": ("bắt đầu", "start"),
        "col.finish": ("kết thúc", "finish"),
        "col.slack": ("dự trữ", "slack"),
        "col.free": ("dự trữ tự do", "free"),
        "col.critical": ("găng", "crit"),
        "col.lead": ("cơ quan chủ trì", "lead"),
        "col.deadline": ("hạn", "deadline"),
        "col.forecast": ("dự kiến xong", "forecast"),
        "col.progress": ("%", "%"),
        "col.status": ("tình trạng", "status"),
        "col.risk": ("nguy cơ", "risk"),
        "col.on_time": ("đúng hạn", "on time"),
        "col.baseline_start": ("bắt đầu (gốc)", "baseline start"),
        "col.baseline_finish": ("kết thúc (gốc)", "baseline finish"),
        "col.variance": ("chênh lệch", "var"),
        "col.name": ("tên", "name"),
        "col.kind": ("loại", "kind"),
        "col.codes": ("mã số", "codes"),
        "col.chair": ("chủ tịch UBND", "chair"),
        "col.units": ("đơn vị", "units"),
        "col.group": ("nhóm nhiệm vụ", "group"),
        # -- the official statuses (Decision 42/2014/QĐ-TTg) -------------------------
        "status.done_on_time": ("hoàn thành đúng hạn", "done on time"),
        "status.done_late": ("hoàn thành quá hạn", "done late"),
        "status.in_time": ("chưa xong, trong hạn", "in time"),
        "status.overdue": ("chưa xong, quá hạn", "overdue"),
        "status.withdrawn": ("đã rút", "withdrawn"),
        "status.at_risk": ("có nguy cơ trễ", "at risk"),
        "status.extended": ("được gia hạn", "extended"),
        # -- schedule --------------------------------------------------------------
        "schedule.span": ("{start} → {finish}", "{start} → {finish}"),
        "schedule.critical_path": ("đường găng: {path}", "critical path: {path}"),
        "schedule.none": ("(không có)", "(none)"),
        "schedule.warning": ("cảnh báo: {message}", "warning: {message}"),
        "schedule.cascade": (
            "giao cho {units} đơn vị (--expand để xem)",
            "handed down to {units} units (--expand lists them)",
        ),
        "milestone": ("mốc", "◆"),
        # -- warnings of the scheduler (WarningKind) ---------------------------------
        "warning.link-overridden": (
            "nhiệm vụ {task} được xếp sớm hơn {days} ngày làm việc so với liên kết {type} "
            "từ {predecessor}, do ràng buộc {constraint} {date}",
            "task {task} is scheduled {days} working day(s) earlier than its {type} link "
            "from {predecessor} allows, because of its {constraint} {date} constraint",
        ),
        "warning.out-of-sequence": (
            "nhiệm vụ {task} bắt đầu sớm hơn {days} ngày làm việc so với liên kết {type} "
            "từ {predecessor}",
            "task {task} started {days} working day(s) earlier than its {type} link from "
            "{predecessor} allows",
        ),
        "warning.deadline-missed": (
            "nhiệm vụ {task} kết thúc sau hạn {deadline} {days} ngày làm việc",
            "task {task} finishes {days} working day(s) after its deadline {deadline}",
        ),
        "warning.before-project-start.constraint": (
            "nhiệm vụ {task} bắt đầu trước ngày bắt đầu kế hoạch {start} do ràng buộc "
            "{constraint} {date}",
            "task {task} starts before the project start {start} because of its "
            "{constraint} {date} constraint",
        ),
        "warning.before-project-start.links": (
            "nhiệm vụ {task} bắt đầu trước ngày bắt đầu kế hoạch {start} do các liên kết "
            "(MS Project chỉ giữ liên kết FF tại ngày bắt đầu)",
            "task {task} starts before the project start {start} because of its links "
            "(MS Project holds only FF links at the project start)",
        ),
        # -- as of -----------------------------------------------------------------
        "as_of.given": ("số liệu đến ngày {day}", "as of {day}"),
        "as_of.period": ("số liệu đến ngày {day} (cuối kỳ báo cáo)", "as of {day} (end of period)"),
        "as_of.plan": ("số liệu đến ngày {day} (theo kế hoạch)", "as of {day} (the plan's as_of)"),
        "as_of.records": (
            "số liệu đến ngày {day} (báo cáo mới nhất)",
            "as of {day} (the latest tracking record)",
        ),
        "as_of.today": ("số liệu đến hôm nay, {day}", "as of today, {day}"),
        # -- status ----------------------------------------------------------------
        "status.forecast": ("dự kiến hoàn thành kế hoạch: {day}", "forecast finish: {day}"),
        "status.deadline_note": (
            "hạn: * được gia hạn; ~ chưa giao hạn, lấy ngày kết thúc theo kế hoạch. "
            "!: có nguy cơ trễ hạn (dự kiến hoàn thành sau hạn)",
            "deadline: * extended; ~ no deadline given, the planned finish instead. "
            "!: at risk (forecast to finish after the deadline)",
        ),
        "status.by.lead": ("theo cơ quan chủ trì", "by lead"),
        "status.by.unit": ("theo đơn vị hành chính", "by unit"),
        "status.by.group": ("theo nhóm nhiệm vụ", "by group"),
        "status.in_period": (" trong kỳ {label} ({start}..{end})", " in {label} ({start}..{end})"),
        "status.all": ("toàn kế hoạch", "all"),
        "status.nobody": ("(chưa giao)", "(none)"),
        "status.no_group": ("(không thuộc nhóm)", "(in no group)"),
        # -- baseline --------------------------------------------------------------
        "baseline.saved": (
            "đã lưu kế hoạch gốc {name} của kế hoạch {plan} ({count} nhiệm vụ)",
            "saved baseline {name} of plan {plan} ({count} tasks)",
        ),
        "baseline.variance": (
            "kế hoạch gốc {name}: kết thúc chênh {days} ngày làm việc",
            "baseline {name}: finish variance {days} working day(s)",
        ),
        # -- progress --------------------------------------------------------------
        "progress.imported": (
            "đã nhập {added} bản ghi từ {file} vào {store}",
            "imported {added} record(s) from {file} into {store}",
        ),
        "progress.again": (" ({skipped} bản ghi đã có)", " ({skipped} already there)"),
        # -- check -----------------------------------------------------------------
        "check.summary": (
            "{problems} vấn đề ở {tasks}/{total} nhiệm vụ",
            "{problems} problem(s) in {tasks} of {total} task(s)",
        ),
        "problem.no-lead": ("chưa có cơ quan chủ trì", "no lead organ (cơ quan chủ trì)"),
        "problem.no-deadline": ("chưa có hạn hoàn thành", "no deadline"),
        "problem.no-accountable": (
            "chưa có người chịu trách nhiệm",
            "no accountable post or person",
        ),
        "problem.unknown-unit": ("không có đơn vị {ref!r}", "unknown unit {ref!r}"),
        "problem.unit-not-on-date": (
            "đơn vị {ref!r} không tồn tại ngày {day}",
            "unit {ref!r} does not exist on {day}",
        ),
        "problem.unknown-organ": (
            "{role} {ref!r} không phải là cơ quan đã biết",
            "{role} {ref!r} is not a known organ",
        ),
        "problem.organ-not-on-date": (
            "{role} {ref!r} không tồn tại ngày {day}",
            "{role} {ref!r} does not exist on {day}",
        ),
        "problem.unknown-accountable": (
            "người chịu trách nhiệm {ref!r} không phải là người hay chức danh có người giữ "
            "ngày {day}",
            "accountable {ref!r} is neither a person nor a post held on {day}",
        ),
        "problem.no-head": (
            "không có chức danh đứng đầu cơ quan chủ trì",
            "no post heads its lead organ",
        ),
        "problem.no-holder": (
            "chưa biết ai giữ chức danh {ref!r} ({title}) ngày {day}",
            "nobody is known to hold {ref!r} ({title}) on {day}",
        ),
        "role.lead": ("cơ quan chủ trì", "lead"),
        "role.supporting": ("cơ quan phối hợp", "supporting organ"),
        "problem.kind.no-lead": ("thiếu cơ quan chủ trì", "no-lead"),
        "problem.kind.no-deadline": ("thiếu hạn", "no-deadline"),
        "problem.kind.no-accountable": ("thiếu người chịu trách nhiệm", "no-accountable"),
        "problem.kind.unknown-reference": ("không tìm thấy", "unknown-reference"),
        "problem.kind.not-on-date": ("không tồn tại vào ngày đó", "not-on-date"),
        "problem.task": ("nhiệm vụ {task}: {message}", "task {task}: {message}"),
        # -- units and lineage -----------------------------------------------------
        "units.head": (
            "{name} ({id}) ngày {day}: {count} đơn vị",
            "{name} ({id}) on {day}: {count} units",
        ),
        "units.unknown_holder": ("(chưa rõ)", "(not known)"),
        "lineage.named": (
            "  tên {name!r} từ {start} đến {end}",
            "  named {name!r} from {start} to {end}",
        ),
        "lineage.event": ("  {day} {kind}: {change}{basis}", "  {day} {kind}: {change}{basis}"),
        "lineage.formerly": ("{new} (trước đó là {old})", "{new} (formerly {old})"),
        "kind.country": ("quốc gia", "country"),
        "kind.centrally_run_city": ("thành phố trực thuộc trung ương", "centrally-run city"),
        "kind.province": ("tỉnh", "province"),
        "kind.municipal_city": ("thành phố thuộc thành phố", "municipal city"),
        "kind.provincial_city": ("thành phố thuộc tỉnh", "provincial city"),
        "kind.town": ("thị xã", "town"),
        "kind.urban_district": ("quận", "urban district"),
        "kind.rural_district": ("huyện", "rural district"),
        "kind.ward": ("phường", "ward"),
        "kind.commune": ("xã", "commune"),
        "kind.township": ("thị trấn", "township"),
        "kind.special_zone": ("đặc khu", "special zone"),
        "event.establish": ("thành lập", "establish"),
        "event.dissolve": ("giải thể", "dissolve"),
        "event.merge": ("hợp nhất", "merge"),
        "event.absorb": ("nhập vào", "absorb"),
        "event.split": ("chia tách", "split"),
        "event.rename": ("đổi tên", "rename"),
        "event.reclassify": ("chuyển loại", "reclassify"),
        "event.reparent": ("chuyển trực thuộc", "reparent"),
        # -- rehome ----------------------------------------------------------------
        "rehome.head": (
            "{plan} theo các đơn vị hành chính ngày {day}: {moved} nhiệm vụ chuyển đơn vị, "
            "{decisions} chỗ cần người quyết định, {orphans} nhiệm vụ không có đơn vị kế thừa",
            "{plan} carried to the units of {day}: {moved} task(s) moved, "
            "{decisions} case(s) for a person to decide, {orphans} task(s) without a successor",
        ),
        "rehome.none": (
            "Không đơn vị nào của kế hoạch bị thay đổi trước ngày {day}.",
            "No unit of the plan changed before {day}.",
        ),
        "rehome.others": ("{how} (phần còn lại: {others})", "{how} (the rest: {others})"),
        "rehome.decisions": ("Cần người quyết định:", "For a person to decide:"),
        "col.old_unit": ("đơn vị cũ", "old unit"),
        "col.new_unit": ("đơn vị kế thừa", "successor"),
        "col.how": ("căn cứ", "how"),
        "col.tasks": ("nhiệm vụ", "tasks"),
        "col.reason": ("lý do", "reason"),
        "col.field": ("trường", "field"),
        "col.candidates": ("các đơn vị có thể", "candidates"),
        "succession.merged": ("sáp nhập nguyên trạng", "merged whole"),
        "succession.main_part": ("nhận phần chính", "took its main part"),
        "succession.dissolved": ("giải thể, cấp trên tiếp nhận", "dissolved: the level above"),
        "succession.divided": ("bị chia, chưa rõ phần chính", "divided, main part unknown"),
        "succession.not_yet": ("chưa thành lập", "not yet established"),
        "succession.unknown": ("không rõ kế thừa", "no known successor"),
        "succession.continues": ("vẫn tồn tại", "continues"),
        "decision.divided": (
            "đơn vị bị chia: chọn đơn vị tiếp nhận",
            "divided: choose the unit that takes the task",
        ),
        "decision.no_successor": (
            "không có sự kiện nào cho biết đơn vị kế thừa",
            "no event says what became of the unit",
        ),
        "decision.unknown_unit": (
            "đơn vị không có trong danh mục đơn vị hành chính này",
            "the unit is not in this hierarchy",
        ),
        "decision.not_yet": (
            "đơn vị chưa thành lập vào ngày này",
            "the unit does not exist yet on that day",
        ),
        "decision.no_organ": (
            "đơn vị kế thừa không có cơ quan này",
            "the successor has no such organ",
        ),
        "decision.agency": (
            "cơ quan chuyên môn của đơn vị cũ: chọn cơ quan tiếp nhận",
            "an agency of the old unit: choose the one that takes it over",
        ),
        "decision.person": (
            "chức danh đã chuyển: xác nhận người đảm nhiệm",
            "a post moved: confirm who holds it",
        ),
        # -- notify ----------------------------------------------------------------
        "notify.decided": (
            "{count} thông báo đến hạn cho {recipients} người nhận, {as_of}",
            "{count} notification(s) due for {recipients} recipient(s), {as_of}",
        ),
        "notify.channel_failed": ("{channel}: lỗi: {error}", "{channel}: failed: {error}"),
        "notify.sent": ("{channel}: đã gửi {count} bản tin", "{channel}: sent {count} digest(s)"),
        "notify.would_send": (
            "{channel}: sẽ gửi {count} bản tin",
            "{channel}: would send {count} digest(s)",
        ),
        "notify.failed": (
            "{count} lỗi (gửi lại ở lần chạy sau)",
            "{count} failed (retried on the next run)",
        ),
        "notify.unreachable": (
            "{count} người nhận không có địa chỉ trên {channel}",
            "{count} recipient(s) without an address on {channel}",
        ),
        "notify.failed_one": ("  lỗi: {name}: {error}", "  failed: {name}: {error}"),
        "notify.dry_run": (
            "--- sẽ gửi qua {channel} đến {name}{where}",
            "--- would send on {channel} to {name}{where}",
        ),
        "notify.subject": ("Tiêu đề: {subject}", "Subject: {subject}"),
    },
)
